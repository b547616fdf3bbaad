/**
 * Background side of pack delivery: fetches the policy's remote bundles (with ETag), vets each one
 * (bundle.ts), and publishes the set in force to ACTIVE_PACKS_KEY, which open tabs pick up through
 * storage.onChanged. A refused or unreachable source changes nothing: its last good pack stays in force.
 *
 * Per pack id the highest version wins among the enabled bundled packs and the accepted remote ones (a remote
 * pack wins a tie). A verified bundle whose rollout excludes this agent is kept as "staged" beside the current
 * one, so agents outside the cohort keep their previous version rather than falling back further.
 */
import { browser } from 'wxt/browser';
import type { CompiledPack } from '../../rules';
import type { Policy } from '../policy/schema';
import { vetBundle } from './bundle';
import { inRollout, rolloutBucket } from './rollout';
import type { PublicKeyRef } from './signature';
import type { PackSourceStatus, PackStatus } from './status';
import { ACTIVE_PACKS_KEY, PACK_STATUS_KEY, REMOTE_PACKS_KEY } from './storage-keys';

interface Accepted {
  pack: CompiledPack;
  sha256: string;
  keyId: string;
  etag?: string;
  acceptedAt: string;
}
interface RemoteEntry {
  current?: Accepted;
  staged?: Accepted;
}
type RemoteStore = Record<string, RemoteEntry>;

export interface UpdaterDeps {
  bundled: readonly CompiledPack[];
  policy: () => Promise<Policy>;
  agentId: (policy: Policy) => Promise<string>;
  fetch?: typeof fetch;
  now?: () => Date;
}

const MAX_BUNDLE_BYTES = 8 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 15000;

interface Candidate {
  pack: CompiledPack;
  source: string;
  sha256?: string;
}

/** The packs in force and where each came from. */
export function selectInForce(bundled: readonly CompiledPack[], policy: Policy, store: RemoteStore, agentId: string): Candidate[] {
  const best = new Map<string, Candidate>();
  const offer = (c: Candidate, remote: boolean) => {
    const held = best.get(c.pack.pack.id);
    if (!held || c.pack.pack.version > held.pack.pack.version || (remote && c.pack.pack.version === held.pack.pack.version)) best.set(c.pack.pack.id, c);
  };
  for (const p of bundled) if (policy.packs.bundled.includes(p.pack.id)) offer({ pack: p, source: 'bundled' }, false);
  for (const { url } of policy.packs.remote) {
    const entry = store[url];
    if (entry?.current) offer({ pack: entry.current.pack, source: url, sha256: entry.current.sha256 }, true);
    if (entry?.staged && inRollout(entry.staged.pack.pack.id, agentId, entry.staged.pack.pack.rollout))
      offer({ pack: entry.staged.pack, source: url, sha256: entry.staged.sha256 }, true);
  }
  return [...best.values()].sort((a, b) => a.pack.pack.id.localeCompare(b.pack.pack.id));
}

export function createPackUpdater(deps: UpdaterDeps) {
  const now = () => (deps.now ? deps.now() : new Date());
  const doFetch = (input: string, init: RequestInit) => (deps.fetch ?? globalThis.fetch)(input, init);
  let queue: Promise<unknown> = Promise.resolve();

  async function readState(): Promise<{ store: RemoteStore; status: PackStatus | null }> {
    const got = await browser.storage.local.get([REMOTE_PACKS_KEY, PACK_STATUS_KEY]);
    return { store: (got[REMOTE_PACKS_KEY] as RemoteStore | undefined) ?? {}, status: (got[PACK_STATUS_KEY] as PackStatus | undefined) ?? null };
  }

  async function fetchText(url: string, etag: string | undefined): Promise<{ kind: 'unchanged' } | { kind: 'body'; text: string; etag?: string } | { kind: 'error'; code: 'network' | 'http'; message: string }> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), FETCH_TIMEOUT_MS);
    try {
      const response = await doFetch(url, { headers: etag ? { 'If-None-Match': etag } : {}, cache: 'no-store', credentials: 'omit', signal: controller.signal });
      if (response.status === 304) return { kind: 'unchanged' };
      if (!response.ok) return { kind: 'error', code: 'http', message: `HTTP ${response.status}` };
      const text = await response.text();
      if (text.length > MAX_BUNDLE_BYTES) return { kind: 'error', code: 'http', message: `bundle larger than ${MAX_BUNDLE_BYTES} bytes` };
      return { kind: 'body', text, etag: response.headers.get('etag') ?? undefined };
    } catch (e) {
      return { kind: 'error', code: 'network', message: (e as Error).name === 'AbortError' ? 'timed out' : (e as Error).message || 'network error' };
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Writes the status and, when the set in force changed, ACTIVE_PACKS_KEY. When exactly the bundled packs are
   * in force the key is left absent (the contract: absent → bundled), so a default install never writes it.
   */
  async function publish(policy: Policy, store: RemoteStore, agentId: string, sources: PackSourceStatus[], previous: PackStatus | null): Promise<PackStatus> {
    const inForce = selectInForce(deps.bundled, policy, store, agentId);
    for (const s of sources) {
      const chosen = inForce.find((c) => c.pack.pack.id === s.packId);
      s.inForce = !!chosen && chosen.source === s.source && chosen.pack.pack.version === s.version;
    }
    const active = inForce.map((c) => ({ id: c.pack.pack.id, version: c.pack.pack.version, source: c.source }));
    const isDefault = inForce.length === deps.bundled.length && inForce.every((c) => c.source === 'bundled');
    const status: PackStatus = { updatedAt: now().toISOString(), active, sources, wroteActive: !isDefault };
    const update: Record<string, unknown> = { [PACK_STATUS_KEY]: status, [REMOTE_PACKS_KEY]: store };
    if (isDefault) {
      if (previous?.wroteActive) await browser.storage.local.remove(ACTIVE_PACKS_KEY);
    } else {
      const stored = (await browser.storage.local.get(ACTIVE_PACKS_KEY))[ACTIVE_PACKS_KEY];
      const unchanged = previous?.wroteActive && JSON.stringify(previous.active) === JSON.stringify(active) && Array.isArray(stored);
      if (!unchanged) update[ACTIVE_PACKS_KEY] = inForce.map((c) => c.pack);
    }
    await browser.storage.local.set(update);
    return status;
  }

  function bundledStatus(policy: Policy): PackSourceStatus[] {
    return deps.bundled
      .filter((p) => policy.packs.bundled.includes(p.pack.id))
      .map((p) => ({ source: 'bundled', packId: p.pack.id, version: p.pack.version, inForce: false, state: 'ok', lastCheck: null, lastSuccess: null, lastError: null }));
  }

  async function run(fetchRemote: boolean, force: boolean): Promise<PackStatus> {
    const policy = await deps.policy();
    const agentId = await deps.agentId(policy);
    const { store: stored, status: previous } = await readState();
    const store: RemoteStore = {};
    for (const { url } of policy.packs.remote) if (stored[url]) store[url] = stored[url];
    const trusted: PublicKeyRef[] = policy.packs.trustedKeys.map((k) => ({ id: k.id, alg: k.alg, publicKey: k.publicKey }));
    const sources = bundledStatus(policy);

    for (const remote of policy.packs.remote) {
      const entry = (store[remote.url] ??= {});
      const last = previous?.sources.find((s) => s.source === remote.url);
      const latest = entry.staged ?? entry.current;
      const status: PackSourceStatus = {
        source: remote.url,
        packId: entry.current?.pack.pack.id ?? remote.id ?? latest?.pack.pack.id ?? null,
        version: entry.current?.pack.pack.version ?? null,
        inForce: false,
        state: last?.state ?? 'pending',
        lastCheck: last?.lastCheck ?? null,
        lastSuccess: last?.lastSuccess ?? null,
        lastError: last?.lastError ?? null,
        etag: latest?.etag,
        keyId: entry.current?.keyId,
      };
      sources.push(status);
      if (!fetchRemote) continue;
      const at = now().toISOString();
      status.lastCheck = at;
      const result = await fetchText(remote.url, force ? undefined : latest?.etag);
      if (result.kind === 'unchanged') {
        // The server still serves the bundle we vetted last time.
        status.state = entry.staged ? 'held' : 'ok';
        status.lastSuccess = at;
        continue;
      }
      if (result.kind === 'error') {
        status.state = 'unreachable';
        status.lastError = { code: result.code, message: result.message, at };
        continue;
      }
      const inForce = selectInForce(deps.bundled, policy, store, agentId);
      const id = remote.id ?? latest?.pack.pack.id;
      const vet = await vetBundle(result.text, {
        trustedKeys: trusted,
        expectedId: remote.id,
        now: now(),
        others: inForce.map((c) => c.pack),
      });
      // Rollback protection needs the id, which only a parsed bundle gives: compare after vetting.
      let verdict = vet;
      if (vet.ok) {
        const active = inForce.find((c) => c.pack.pack.id === vet.pack.pack.id);
        if (active && vet.pack.pack.version < active.pack.pack.version)
          verdict = { ok: false, code: 'downgrade', message: `version ${vet.pack.pack.version} is older than the version in force (${active.pack.pack.version}, from ${active.source})`, version: vet.pack.pack.version };
        else if (active && active.sha256 && vet.pack.pack.version === active.pack.pack.version && active.sha256 !== vet.sha256)
          verdict = { ok: false, code: 'same_version_changed', message: `version ${vet.pack.pack.version} is already in force with different content; raise the version`, version: vet.pack.pack.version };
      }
      if (!verdict.ok) {
        status.state = 'rejected';
        status.packId ??= id ?? null;
        status.lastError = { code: verdict.code, message: verdict.message, at, version: verdict.version };
        continue;
      }
      const accepted: Accepted = { pack: verdict.pack, sha256: verdict.sha256, keyId: verdict.keyId, etag: result.etag, acceptedAt: at };
      const { id: packId, version, rollout } = verdict.pack.pack;
      const included = inRollout(packId, agentId, rollout);
      status.packId = packId;
      status.lastSuccess = at;
      status.etag = result.etag;
      if (rollout !== undefined && rollout < 100) status.rollout = { percent: rollout, bucket: rolloutBucket(packId, agentId), included, version };
      if (included) {
        entry.current = accepted;
        delete entry.staged;
        status.state = 'ok';
        status.version = version;
        status.keyId = verdict.keyId;
      } else {
        entry.staged = accepted;
        status.state = 'held';
      }
    }
    return publish(policy, store, agentId, sources, previous);
  }

  /** Serialised: an alarm and a click on "check now" must not interleave their writes. */
  const enqueue = (fetchRemote: boolean, force: boolean): Promise<PackStatus> => {
    const next = queue.then(() => run(fetchRemote, force));
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    /** Fetches every remote source (conditional on ETag unless `force`) and publishes the result. */
    refresh: (options: { force?: boolean } = {}) => enqueue(true, options.force ?? false),
    /** Recomputes the set in force from what is stored, without the network (start-up, policy change). */
    rebuild: () => enqueue(false, false),
  };
}

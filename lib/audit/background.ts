/**
 * The QA part of the service worker: receives `draftguard:audit` messages, records them durably (ack only after
 * the IndexedDB commit), applies retention, and drives the optional OTLP sink. Listeners are registered
 * synchronously when the worker starts (MV3).
 */
import { browser } from 'wxt/browser';
import { ACTIVE_PACKS_KEY, AGENT_ID_KEY, EFFECTIVE_POLICY_KEY } from '../packs/storage-keys';
import { resolveAgentId } from '../policy/agent';
import type { Policy } from '../policy/schema';
import { openAuditDb, type AuditDb } from './db';
import { packVersions } from './packs';
import { auditEventInputSchema } from './schema';
import { DEFAULT_AUDIT_POLICY, readAuditPolicy, type AuditPolicy } from './settings';
import { AuditSinkSender } from './sink';
import { appendLocal, prune, readSinkCursor } from './store';
import { AUDIT_HEALTH_KEY, AUDIT_MESSAGE, type AuditAck, type AuditHealth } from './types';

const SINK_ALARM = 'draftguard:audit-sink';
const PRUNE_ALARM = 'draftguard:audit-prune';
const PRUNE_EVERY = 500;

export function registerAudit(): void {
  let dbPromise: Promise<AuditDb> | undefined;
  const db = () => (dbPromise ??= openAuditDb());
  let policy: AuditPolicy = DEFAULT_AUDIT_POLICY;
  let activePacks: unknown;
  let health: AuditHealth = {};
  let sinceLastPrune = 0;
  let agent: Promise<string | undefined> = Promise.resolve(undefined);
  // The admin part's agent identity (managed id, typed or read from the page, else the install id).
  const resolveAgent = (effective: unknown) => {
    agent = (effective && typeof effective === 'object' && 'agentIdentity' in effective ? resolveAgentId(effective as Policy).then((a) => a.id) : Promise.resolve(undefined)).catch(() => undefined);
  };

  const writeHealth = (patch: Partial<AuditHealth>) => {
    health = { ...health, ...patch };
    for (const key of Object.keys(patch) as (keyof AuditHealth)[]) if (patch[key] === undefined) delete health[key];
    void browser.storage.local.set({ [AUDIT_HEALTH_KEY]: health }).catch(() => undefined);
  };

  const sink = new AuditSinkSender({
    db,
    settings: () => policy.sink,
    serviceVersion: browser.runtime.getManifest().version,
    reportHealth: (s) => writeHealth({ sink: s }),
    scheduleWake: (delayMs) => void browser.alarms.create(SINK_ALARM, { delayInMinutes: Math.max(0.5, delayMs / 60_000) }),
  });

  const runPrune = async () => {
    sinceLastPrune = 0;
    const d = await db();
    let keepAfterSeq: number | undefined;
    if (policy.sink) keepAfterSeq = await readSinkCursor(d, policy.sink.url);
    await prune(d, { ...policy.retention, now: Date.now(), keepAfterSeq });
  };

  // Settings first, then anything that depends on them; messages that arrive meanwhile wait for `ready`.
  const ready = browser.storage.local.get([EFFECTIVE_POLICY_KEY, ACTIVE_PACKS_KEY, AUDIT_HEALTH_KEY]).then((stored) => {
    policy = readAuditPolicy(stored[EFFECTIVE_POLICY_KEY]).policy;
    resolveAgent(stored[EFFECTIVE_POLICY_KEY]);
    activePacks = stored[ACTIVE_PACKS_KEY];
    health = (stored[AUDIT_HEALTH_KEY] as AuditHealth | undefined) ?? {};
    if (!policy.sink && health.sink) writeHealth({ sink: undefined });
    void sink.flush();
    void runPrune().catch(() => undefined);
  });

  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    if (changes[AGENT_ID_KEY]) void browser.storage.local.get(EFFECTIVE_POLICY_KEY).then((s) => resolveAgent(s[EFFECTIVE_POLICY_KEY]));
    if (changes[ACTIVE_PACKS_KEY]) activePacks = changes[ACTIVE_PACKS_KEY].newValue;
    if (changes[EFFECTIVE_POLICY_KEY]) {
      policy = readAuditPolicy(changes[EFFECTIVE_POLICY_KEY].newValue).policy;
      resolveAgent(changes[EFFECTIVE_POLICY_KEY].newValue);
      if (!policy.sink) writeHealth({ sink: undefined });
      void sink.flush(true);
    }
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SINK_ALARM) void ready.then(() => sink.flush(true));
    if (alarm.name === PRUNE_ALARM) void ready.then(runPrune).catch(() => undefined);
  });
  void browser.alarms.create(PRUNE_ALARM, { periodInMinutes: 24 * 60 });

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (!message || typeof message !== 'object' || (message as { type?: unknown }).type !== AUDIT_MESSAGE) return undefined;
    if (sender.id !== browser.runtime.id) return undefined;
    return record((message as { event?: unknown }).event);
  });

  async function record(event: unknown): Promise<AuditAck> {
    const parsed = auditEventInputSchema.safeParse(event);
    if (!parsed.success) return { ok: false, retry: false, error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
    await ready;
    try {
      const result = await appendLocal(await db(), parsed.data, {
        agent: policy.agent ?? (await agent),
        packs: packVersions(activePacks),
        redact: policy.redactDrafts,
        keepText: policy.includeDraftText,
        now: Date.now(),
      });
      if (health.storageError) writeHealth({ storageError: undefined });
      sink.notify();
      if (++sinceLastPrune >= PRUNE_EVERY) void runPrune().catch(() => undefined);
      return { ok: true, id: result.id, duplicate: result.duplicate || undefined };
    } catch (e) {
      const err = e as Error;
      // Shown by the review page and the popup (AUDIT_HEALTH_KEY); the content script keeps the event and retries.
      writeHealth({ storageError: { name: err.name || 'Error', message: err.message, at: Date.now() } });
      return { ok: false, retry: true, error: `${err.name}: ${err.message}` };
    }
  }
}

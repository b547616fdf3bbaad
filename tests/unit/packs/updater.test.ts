import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import type { CompiledPack } from '../../../rules';
import { generateSigningKey, type PrivateKeyFile, type PublicKeyFile } from '../../../lib/packs/signature';
import type { PackStatus } from '../../../lib/packs/status';
import { ACTIVE_PACKS_KEY, PACK_STATUS_KEY } from '../../../lib/packs/storage-keys';
import { createPackUpdater } from '../../../lib/packs/updater';
import { policySchema, type Policy } from '../../../lib/policy/schema';
import { inRollout } from '../../../lib/packs/rollout';
import { buildTestPack, signedBundleText } from './helpers';

const URL_A = 'http://127.0.0.1:9/acme.json';
let key: { privateKey: PrivateKeyFile; publicKey: PublicKeyFile };
let rogue: { privateKey: PrivateKeyFile; publicKey: PublicKeyFile };
let v1: string;
let v2: string;

/** A fake server: `body` is what it serves (null = down), with an ETag derived from the body. */
function server() {
  const state = { body: null as string | null, requests: 0, conditional: 0 };
  const fetch = (async (_url: string, init?: RequestInit) => {
    state.requests++;
    if (state.body === null) throw new TypeError('Failed to fetch');
    let h = 0;
    for (const ch of state.body) h = (Math.imul(h, 31) + ch.codePointAt(0)!) | 0;
    const etag = `"${h}"`;
    const sent = (init?.headers as Record<string, string> | undefined)?.['If-None-Match'];
    if (sent) state.conditional++;
    if (sent === etag) return new Response(null, { status: 304 });
    return new Response(state.body, { status: 200, headers: { etag } });
  }) as typeof globalThis.fetch;
  return { state, fetch };
}

function policyWith(remote = true): Policy {
  return policySchema.parse({
    packs: {
      bundled: ['acme'],
      remote: remote ? [{ url: URL_A }] : [],
      trustedKeys: [{ id: key.publicKey.keyId, alg: key.publicKey.alg, publicKey: key.publicKey.publicKey }],
    },
  });
}

async function active(): Promise<CompiledPack[]> {
  return (await browser.storage.local.get(ACTIVE_PACKS_KEY))[ACTIVE_PACKS_KEY] as CompiledPack[];
}
const versions = async () => (await active()).map((p) => `${p.pack.id}@${p.pack.version}`);
const ruleIds = async () => (await active()).flatMap((p) => p.rules.map((r) => r.id));

beforeAll(async () => {
  key = await generateSigningKey();
  rogue = await generateSigningKey();
  v1 = await signedBundleText(buildTestPack({ version: 1 }), key.privateKey);
  v2 = await signedBundleText(buildTestPack({ version: 2, extraRule: true }), key.privateKey);
});
beforeEach(() => fakeBrowser.reset());

function setup(options: { bundled?: CompiledPack[]; policy?: Policy; agent?: string } = {}) {
  const srv = server();
  const updater = createPackUpdater({
    bundled: options.bundled ?? [],
    policy: async () => options.policy ?? policyWith(),
    agentId: async () => options.agent ?? 'agent-1',
    fetch: srv.fetch,
  });
  return { srv, updater };
}

describe('pack updater', () => {
  it('accepts a good update, and a later good version replaces it', async () => {
    const { srv, updater } = setup();
    srv.state.body = v1;
    let status = await updater.refresh();
    expect(await versions()).toEqual(['acme@1']);
    expect(status.sources[0]).toMatchObject({ source: URL_A, state: 'ok', version: 1, inForce: true, lastError: null });
    srv.state.body = v2;
    status = await updater.refresh();
    expect(await versions()).toEqual(['acme@2']);
    expect(await ruleIds()).toContain('acme.moon');
  });

  it('sends the ETag and keeps everything on 304', async () => {
    const { srv, updater } = setup();
    srv.state.body = v1;
    await updater.refresh();
    const status = await updater.refresh();
    expect(srv.state.conditional).toBe(1);
    expect(status.sources[0]).toMatchObject({ state: 'ok', version: 1 });
    await updater.refresh({ force: true });
    expect(srv.state.conditional).toBe(1);
  });

  it('keeps the last good pack when an update is tampered, unsigned by a trusted key, or older', async () => {
    const { srv, updater } = setup();
    srv.state.body = v2;
    await updater.refresh();
    for (const [body, code] of [
      [v2.replace('测试规则二', '测试规则三'), 'bad_signature'],
      [await signedBundleText(buildTestPack({ version: 3 }), rogue.privateKey), 'untrusted_key'],
      [v1, 'downgrade'],
    ] as const) {
      srv.state.body = body;
      const status = await updater.refresh();
      expect(status.sources[0]).toMatchObject({ state: 'rejected', version: 2, inForce: true, lastError: { code } });
      expect(await versions()).toEqual(['acme@2']);
      expect(await ruleIds()).toContain('acme.moon');
    }
  });

  it('changes nothing when the server is down, and recovers when it is back', async () => {
    const { srv, updater } = setup();
    srv.state.body = v1;
    await updater.refresh();
    const before = JSON.stringify(await active());
    srv.state.body = null;
    const status = await updater.refresh();
    expect(status.sources[0]).toMatchObject({ state: 'unreachable', version: 1, inForce: true, lastError: { code: 'network' } });
    expect(JSON.stringify(await active())).toBe(before);
    srv.state.body = v1;
    expect((await updater.refresh()).sources[0].state).toBe('ok');
  });

  it('refuses a remote pack older than the bundled one, and prefers the remote on a tie', async () => {
    const bundledV2 = buildTestPack({ version: 2 });
    const { srv, updater } = setup({ bundled: [bundledV2] });
    srv.state.body = v1;
    let status = await updater.refresh();
    expect(status.sources.find((s) => s.source === URL_A)).toMatchObject({ state: 'rejected', lastError: { code: 'downgrade' } });
    expect(status.active).toEqual([{ id: 'acme', version: 2, source: 'bundled' }]);
    srv.state.body = v2;
    status = await updater.refresh();
    expect(status.active).toEqual([{ id: 'acme', version: 2, source: URL_A }]);
  });

  it('falls back to the bundled pack when the policy drops the remote source', async () => {
    const bundled = buildTestPack({ version: 1 });
    let policy = policyWith(true);
    const srv = server();
    const updater = createPackUpdater({ bundled: [bundled], policy: async () => policy, agentId: async () => 'a', fetch: srv.fetch });
    srv.state.body = v2;
    await updater.refresh();
    expect(await versions()).toEqual(['acme@2']);
    policy = policyWith(false);
    const status = await updater.rebuild();
    expect(status.active).toEqual([{ id: 'acme', version: 1, source: 'bundled' }]);
    // Exactly the bundled packs: the key is removed, which every reader treats as "the bundled packs".
    expect(await active()).toBeUndefined();
  });

  it('holds a staged rollout for agents outside the cohort, who keep the previous version', async () => {
    const agents = Array.from({ length: 200 }, (_, i) => `agent-${i}`);
    const inside = agents.find((a) => inRollout('acme', a, 30))!;
    const outside = agents.find((a) => !inRollout('acme', a, 30))!;
    const staged = await signedBundleText(buildTestPack({ version: 2, extraRule: true, rollout: 30 }), key.privateKey);
    for (const [agent, expected, state] of [
      [inside, 'acme@2', 'ok'],
      [outside, 'acme@1', 'held'],
    ] as const) {
      fakeBrowser.reset();
      const { srv, updater } = setup({ agent });
      srv.state.body = v1;
      await updater.refresh();
      srv.state.body = staged;
      const status = await updater.refresh();
      expect(await versions()).toEqual([expected]);
      expect(status.sources[0]).toMatchObject({ state, rollout: { percent: 30, included: agent === inside } });
    }
  });

  it('never writes the active packs when only the bundled packs are in force (a default install)', async () => {
    const { updater } = setup({ bundled: [buildTestPack({ version: 1 })], policy: policyWith(false) });
    const status = await updater.refresh();
    expect(status).toMatchObject({ active: [{ id: 'acme', version: 1, source: 'bundled' }], wroteActive: false });
    expect(await active()).toBeUndefined();
  });

  it('stores the status for the popup and options page', async () => {
    const { srv, updater } = setup();
    srv.state.body = v1;
    await updater.refresh();
    const stored = (await browser.storage.local.get(PACK_STATUS_KEY))[PACK_STATUS_KEY] as PackStatus;
    expect(stored.active).toEqual([{ id: 'acme', version: 1, source: URL_A }]);
    expect(stored.sources[0].lastCheck).toBeTruthy();
  });
});

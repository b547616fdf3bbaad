import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { registerAdmin, PACK_REFRESH_ALARM } from '../../../lib/policy/background';
import { PACKS_REFRESH_MESSAGE } from '../../../lib/policy/messages';
import { EFFECTIVE_POLICY_KEY, LOCAL_POLICY_KEY, PACK_STATUS_KEY } from '../../../lib/packs/storage-keys';
import type { PackStatus } from '../../../lib/packs/status';

const URL_A = 'http://127.0.0.1:9/a.json';

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition not reached');
}

describe('admin part of the service worker', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
  });

  it('publishes the effective policy and schedules the refresh alarm at the policy interval', async () => {
    await browser.storage.local.set({ [LOCAL_POLICY_KEY]: { refreshMinutes: 30 } });
    registerAdmin();
    const alarm = await until(() => browser.alarms.get(PACK_REFRESH_ALARM), (a) => !!a);
    expect(alarm?.periodInMinutes).toBe(30);
    const policy = (await browser.storage.local.get(EFFECTIVE_POLICY_KEY))[EFFECTIVE_POLICY_KEY] as { refreshMinutes: number; guard: unknown };
    expect(policy.refreshMinutes).toBe(30);
    expect(policy.guard).toBeTruthy();
  });

  it('re-reads the policy when it changes: new interval, and the new remote source is checked', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'));
    registerAdmin();
    await until(() => browser.alarms.get(PACK_REFRESH_ALARM), (a) => !!a);
    await browser.storage.local.set({ [LOCAL_POLICY_KEY]: { refreshMinutes: 5, packs: { remote: [{ url: URL_A }] } } });
    await until(() => browser.alarms.get(PACK_REFRESH_ALARM), (a) => a?.periodInMinutes === 5);
    const status = await until(
      async () => (await browser.storage.local.get(PACK_STATUS_KEY))[PACK_STATUS_KEY] as PackStatus | undefined,
      (s) => !!s?.sources.some((x) => x.source === URL_A && x.state === 'unreachable'),
    );
    expect(status?.sources.find((x) => x.source === URL_A)?.lastError?.code).toBe('network');
    expect(fetch).toHaveBeenCalledWith(URL_A, expect.objectContaining({ credentials: 'omit' }));
  });

  it('answers the refresh message with the pack status, and ignores other messages', async () => {
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'));
    await browser.storage.local.set({ [LOCAL_POLICY_KEY]: { packs: { remote: [{ url: URL_A }] } } });
    registerAdmin();
    const [status] = (await fakeBrowser.runtime.onMessage.trigger({ type: PACKS_REFRESH_MESSAGE }, {})) as unknown as PackStatus[];
    expect(status.sources.find((s) => s.source === URL_A)?.state).toBe('unreachable');
    const [other] = await fakeBrowser.runtime.onMessage.trigger({ type: 'something-else' }, {});
    expect(other).toBeUndefined();
  });
});

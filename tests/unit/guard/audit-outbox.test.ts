import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { flushOutbox, OUTBOX_PREFIX, sendAudit } from '../../../lib/guard/audit';
import type { AuditEventInput } from '../../../lib/audit/types';

const event: AuditEventInput = { action: 'blocked', site: 'console.test', recipient: 'debtor', channel: 'chat', findings: [], draft: '再不还就…' };
const outboxKeys = async () => Object.keys(await browser.storage.local.get(null)).filter((k) => k.startsWith(OUTBOX_PREFIX));

describe('audit outbox', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.clearAllTimers();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('keeps an event until the background acknowledges it, retrying with the same id', async () => {
    const seen: string[] = [];
    let calls = 0;
    vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: { event: { eventId: string } }) => {
      seen.push(message.event.eventId);
      calls++;
      if (calls === 1) throw new Error('service worker stopped');
      if (calls === 2) return { ok: false, retry: true, error: 'busy' };
      return { ok: true, id: 'r1' };
    }) as never);
    sendAudit(event);
    await vi.advanceTimersByTimeAsync(0);
    expect(await outboxKeys()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await outboxKeys()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls).toBe(3);
    expect(new Set(seen).size).toBe(1);
    expect(await outboxKeys()).toHaveLength(0);
  });

  it('delivers what an earlier page left behind', async () => {
    await browser.storage.local.set({ [`${OUTBOX_PREFIX}abc`]: { ...event, eventId: 'abc' } });
    const send = vi.spyOn(browser.runtime, 'sendMessage').mockResolvedValue({ ok: true, id: 'r2' } as never);
    await flushOutbox();
    await vi.advanceTimersByTimeAsync(0);
    expect(send).toHaveBeenCalledTimes(1);
    expect(await outboxKeys()).toHaveLength(0);
  });
});

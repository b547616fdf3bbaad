import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { openAuditDb } from '../../../lib/audit/db';
import { auditSinkSchema, type AuditSinkSettings } from '../../../lib/audit/settings';
import { AuditSinkSender } from '../../../lib/audit/sink';
import { appendLocal, readSinkCursor } from '../../../lib/audit/store';
import { event } from './helpers';

let n = 0;
const ctx = { packs: [{ id: 'cn', version: 1 }], redact: false, now: 1 };

async function setup(settings: AuditSinkSettings | undefined, respond: (call: number) => Response | Promise<Response>) {
  const db = await openAuditDb(`sink-test-${n++}`);
  const calls: { headers: Record<string, string>; ids: string[] }[] = [];
  const fetch = vi.fn(async (_url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body));
    calls.push({
      headers: init.headers as Record<string, string>,
      ids: body.resourceLogs[0].scopeLogs[0].logRecords.map((l: { attributes: { key: string; value: { stringValue: string } }[] }) => l.attributes.find((a) => a.key === 'event.id')!.value.stringValue),
    });
    return respond(calls.length);
  });
  const health: unknown[] = [];
  const sender = new AuditSinkSender({ db: async () => db, settings: () => settings, serviceVersion: '0.1.0', reportHealth: (h) => health.push(h), fetch: fetch as unknown as typeof globalThis.fetch, random: () => 0 });
  return { db, calls, sender, health, fetch };
}

const settings = auditSinkSchema.parse({ url: 'http://127.0.0.1:9/v1/logs', headers: { authorization: 'Bearer t' }, batchSize: 3, minBackoffMs: 10, maxBackoffMs: 40 });

describe('OTLP sink sender', () => {
  it('sends nothing when no sink is configured', async () => {
    const { db, sender, fetch } = await setup(undefined, () => new Response('{}'));
    await appendLocal(db, event(1), ctx);
    await sender.flush();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('sends in seq order, in batches, with the configured headers, and advances the cursor', async () => {
    const { db, sender, calls } = await setup(settings, () => new Response('{}'));
    for (let i = 0; i < 7; i++) await appendLocal(db, event(i), ctx);
    await sender.flush();
    expect(calls.map((c) => c.ids.length)).toEqual([3, 3, 1]);
    expect(calls[0].headers).toMatchObject({ authorization: 'Bearer t', 'content-type': 'application/json' });
    expect(calls.flatMap((c) => c.ids)).toEqual(Array.from({ length: 7 }, (_, i) => `event-${String(i).padStart(6, '0')}`));
    expect(await readSinkCursor(db, settings.url)).toBe(7);
  });

  it('resends exactly the failed batch after a 500 and a network error, losing and duplicating nothing', async () => {
    const { db, sender, calls, health } = await setup(settings, (call) => {
      if (call === 2) return new Response('', { status: 500 });
      if (call === 3) throw new TypeError('Failed to fetch');
      return new Response('{}');
    });
    for (let i = 0; i < 6; i++) await appendLocal(db, event(i), ctx);
    await sender.flush();
    await vi.waitFor(async () => expect(await readSinkCursor(db, settings.url)).toBe(6), { timeout: 2000 });
    expect(calls.map((c) => c.ids[0])).toEqual(['event-000000', 'event-000003', 'event-000003', 'event-000003']);
    expect(health).toContainEqual(expect.objectContaining({ lastError: 'HTTP 500', pending: 3 }));
    expect(health).toContainEqual(expect.objectContaining({ lastError: 'Failed to fetch' }));
  });
});

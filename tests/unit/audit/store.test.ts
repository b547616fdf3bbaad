import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openAuditDb } from '../../../lib/audit/db';
import { parseJsonl, toJsonl } from '../../../lib/audit/exchange';
import { applyFilter, computeStats, newestFirst } from '../../../lib/audit/query';
import { allRecords, appendLocal, importRecords, loadTable, prune, readLocalHead, setLabel, writeSinkCursor } from '../../../lib/audit/store';
import { verifyStore } from '../../../lib/audit/verify-store';
import { event } from './helpers';

let n = 0;
const fresh = () => openAuditDb(`audit-test-${n++}`);
const ctx = (now = Date.UTC(2026, 0, 2)) => ({ packs: [{ id: 'cn', version: 3 }], redact: false, now, agent: 'agent-1' });

describe('audit store', () => {
  it('appends a hash-chained record per event and stores a retried event once', async () => {
    const db = await fresh();
    const results = await Promise.all([0, 1, 2, 3].map((i) => appendLocal(db, event(i), ctx())));
    expect(results.map((r) => r.duplicate)).toEqual([false, false, false, false]);
    expect((await appendLocal(db, event(2), ctx())).duplicate).toBe(true);
    const records = await allRecords(db);
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(records[1].prevHash).toBe(records[0].hash);
    expect(records[0]).toMatchObject({ agent: 'agent-1', packs: [{ id: 'cn', version: 3 }], id: 'event-000000' });
    expect((await verifyStore(db)).ok).toBe(true);
    expect((await readLocalHead(db))?.head).toBe(records[3].hash);
  });

  it('stores the redacted or the blanked form when policy says so', async () => {
    const db = await fresh();
    await appendLocal(db, event(0, { draft: '卡号4111111111111111', sentText: '卡号尾号1111' }), { ...ctx(), redact: true });
    await appendLocal(db, event(1, { draft: 'secret' }), { ...ctx(), keepText: false });
    const [a, b] = await allRecords(db);
    expect(a).toMatchObject({ draft: '卡号************1111', redacted: true, sentText: '卡号尾号1111' });
    expect(b).toMatchObject({ draft: '••••••', redacted: true });
  });

  it('loads a columnar table that filters, counts and reflects labels', async () => {
    const db = await fresh();
    for (let i = 0; i < 10; i++) await appendLocal(db, event(i), ctx());
    await setLabel(db, 'event-000000', { status: 'false_positive', comment: 'quoting the customer', at: 1 });
    await setLabel(db, 'event-000002', { status: 'confirmed', comment: '', at: 1 });
    const table = await loadTable(db);
    expect(table.n).toBe(10);
    const order = newestFirst(table);
    expect(table.seq[order[0]]).toBe(10);
    const blocks = applyFilter(table, order, { severity: 'block' });
    expect(blocks.length).toBe(5);
    expect(applyFilter(table, order, { status: 2 }).length).toBe(1);
    expect(applyFilter(table, order, { site: table.dict.sites.indexOf('site0.example'), action: 0 }).length).toBe(2);
    const stats = computeStats(table, order);
    const rule = table.dict.rules.indexOf('cn.threat.violence');
    expect(stats.precision.find((p) => p.rule === rule)).toMatchObject({ confirmed: 1, falsePositive: 1, precision: 0.5 });
    expect(stats.byCategory[0]).toBe(5);
  });

  it('prunes oldest first but keeps what the sink has not delivered, and the rest still verifies', async () => {
    const db = await fresh();
    for (let i = 0; i < 10; i++) await appendLocal(db, event(i), ctx());
    expect(await prune(db, { days: 0, maxRecords: 4, now: Date.UTC(2026, 0, 2), keepAfterSeq: 3 })).toBe(3);
    expect((await allRecords(db)).map((r) => r.seq)).toEqual([4, 5, 6, 7, 8, 9, 10]);
    await writeSinkCursor(db, 'http://x', 10);
    expect(await prune(db, { days: 0, maxRecords: 4, now: Date.UTC(2026, 0, 2), keepAfterSeq: 10 })).toBe(3);
    expect((await loadTable(db)).n).toBe(4);
    expect(await verifyStore(db)).toMatchObject({ ok: true, records: 4 });
    // Age: records older than a day at "now" = Jan 3 are all of them.
    expect(await prune(db, { days: 1, maxRecords: 0, now: Date.UTC(2026, 0, 3) })).toBe(4);
  });

  it('imports an export once, and refuses an altered one', async () => {
    const source = await fresh();
    for (let i = 0; i < 6; i++) await appendLocal(source, event(i), ctx());
    const text = toJsonl(await allRecords(source));
    const target = await fresh();
    await appendLocal(target, event(100), ctx());
    expect(await importRecords(target, await parseJsonl(text))).toEqual({ added: 6, skipped: 0 });
    expect(await importRecords(target, await parseJsonl(text))).toEqual({ added: 0, skipped: 6 });
    expect((await verifyStore(target)).chains).toBe(2);
    await expect(parseJsonl(text.replace('draft number 3', 'draft number 9'))).rejects.toThrow(/record 4 .*does not match its hash/);
    await expect(parseJsonl(text.slice(0, -20))).rejects.toThrow(/line 6: not valid JSON/);
  });
});

/**
 * The bulk paths behind a fast review page: packed summary chunks (one ArrayBuffer each, older unpacked chunks
 * still readable), parallel hashing, batched import with progress, and batched store verification.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { hashRecord, hashRecords, sha256Hex } from '../../../lib/audit/chain';
import { openAuditDb } from '../../../lib/audit/db';
import { parseJsonl, toJsonl } from '../../../lib/audit/exchange';
import { allRecords, appendLocal, importRecords, loadTable, setLabel } from '../../../lib/audit/store';
import { appendRows, emptyChunk, emptyDict, packChunk, unpackChunk } from '../../../lib/audit/summary';
import type { AuditRecord } from '../../../lib/audit/types';
import { verifyStore } from '../../../lib/audit/verify-store';
import { event } from './helpers';

let n = 0;
const fresh = () => openAuditDb(`audit-bulk-${n++}`);
const ctx = { packs: [{ id: 'cn', version: 3 }], redact: false, now: Date.UTC(2026, 0, 2), agent: 'agent-1' };

async function exported(count: number): Promise<AuditRecord[]> {
  const source = await fresh();
  for (let i = 0; i < count; i++) await appendLocal(source, event(i, { findings: i % 3 ? [] : event(i).findings.concat({ rule: 'cn.x', category: 'insult', severity: 'warn', start: 1, end: 2 }) }), ctx);
  return allRecords(source);
}

describe('packed summary chunks', () => {
  it('round-trip every column through one ArrayBuffer, including rows without and with several rules', async () => {
    const records = await exported(7);
    const { chunk } = appendRows(emptyChunk(), emptyDict(), records, ['confirmed']);
    const packed = packChunk(chunk);
    expect(packed.buf).toBeInstanceOf(ArrayBuffer);
    const back = unpackChunk(structuredClone(packed));
    for (const column of ['chain', 'seq', 'time', 'agent', 'site', 'action', 'cats', 'sev', 'status', 'ruleStart', 'rules'] as const) {
      expect([...back[column]], column).toEqual([...chunk[column]]);
    }
  });

  it('still reads chunks stored before packing, and a label then rewrites them packed', async () => {
    const db = await fresh();
    for (let i = 0; i < 3; i++) await appendLocal(db, event(i), ctx);
    // Rewrite the stored chunk in the old form: a plain object of typed arrays.
    const packed = await db.get('chunks', 0);
    await db.put('chunks', unpackChunk(packed!), 0);
    expect('buf' in (await db.get('chunks', 0))!).toBe(false);
    expect((await loadTable(db)).n).toBe(3);
    await setLabel(db, 'event-000001', { status: 'confirmed', comment: '', at: 1 });
    expect('buf' in (await db.get('chunks', 0))!).toBe(true);
    const table = await loadTable(db);
    expect([...table.status]).toEqual([0, 1, 0]);
    await appendLocal(db, event(3), ctx);
    expect((await loadTable(db)).n).toBe(4);
  });
});

describe('bulk hashing and import', () => {
  it('hashRecords equals hashing one by one, in order, with progress', async () => {
    const records = await exported(300);
    const seen: number[] = [];
    const hashes = await hashRecords(records, (done) => seen.push(done));
    expect(hashes).toEqual(await Promise.all(records.map((r) => hashRecord(r))));
    expect(hashes).toEqual(records.map((r) => r.hash));
    expect(seen.at(-1)).toBe(300);
  });

  it('hashes long non-ASCII text (the reused encode buffer grows)', async () => {
    const text = '还钱'.repeat(5000) + '🙂';
    const expected = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))).toString('hex');
    expect(await sha256Hex(text)).toBe(expected);
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('imports in batches with progress, skipping records already present even when mixed with new ones', async () => {
    const records = await exported(12);
    const target = await fresh();
    expect(await importRecords(target, records.slice(4, 8))).toEqual({ added: 4, skipped: 0 });
    const progress: number[] = [];
    const checked: number[] = [];
    const parsed = await parseJsonl(toJsonl(records), (done) => checked.push(done));
    expect(checked.at(-1)).toBe(12);
    expect(await importRecords(target, parsed, (done) => progress.push(done))).toEqual({ added: 8, skipped: 4 });
    expect(progress).toEqual([12]);
    expect((await loadTable(target)).n).toBe(12);
    expect((await allRecords(target)).length).toBe(12);
    expect(await verifyStore(target)).toMatchObject({ ok: true, records: 12, chains: 1 });
  });
});

describe('batched store verification', () => {
  it('finds a change, and a gap, in a later batch than the first', async () => {
    const db = await fresh();
    for (let i = 0; i < 10; i++) await appendLocal(db, event(i), ctx);
    const progress: number[] = [];
    expect(await verifyStore(db, (d) => progress.push(d), 3)).toMatchObject({ ok: true, records: 10 });
    expect(progress.at(-1)).toBe(10);
    const stored = (await db.getFromIndex('records', 'chainSeq', [(await allRecords(db))[0].chain, 8]))!;
    await db.put('records', { ...stored, record: { ...stored.record, draft: 'edited' } });
    const changed = await verifyStore(db, undefined, 3);
    expect(changed.ok).toBe(false);
    expect(changed.problems).toContainEqual(expect.objectContaining({ kind: 'bad_hash', seq: 8 }));
    await db.delete('records', stored.id);
    const gap = await verifyStore(db, undefined, 3);
    expect(gap.problems).toContainEqual(expect.objectContaining({ kind: 'gap', afterSeq: 7, seq: 9 }));
  });
});

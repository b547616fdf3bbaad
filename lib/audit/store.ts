/**
 * Audit store operations over the IndexedDB layout in db.ts. Appends to the local chain happen only in the
 * service worker and are serialised by a promise queue (the hash of record n+1 needs record n's hash, and
 * crypto.subtle is async, so it is computed before the write transaction opens; the transaction then re-reads
 * the head and aborts if it moved).
 */
import type { IDBPObjectStore, IDBPTransaction } from 'idb';
import { hashRecord } from './chain';
import { META_DICT, META_LOCAL, sinkCursorKey, type AuditDb, type AuditDbSchema, type LocalHead, type StoredRecord } from './db';
import { redactDraft } from './redact';
import { appendRows, buildTable, CHUNK_ROWS, emptyChunk, emptyDict, packChunk, statusCode, STATUS_GONE, unpackChunk, type AuditTable, type Chunk, type Dict } from './summary';
import { GENESIS_HASH, type AuditEventInput, type AuditRecord, type ReviewLabel } from './types';

export interface AppendContext {
  agent?: string;
  packs: { id: string; version: number }[];
  redact: boolean;
  /** false: policy keeps no text; the draft is stored as blanks of the same length. */
  keepText?: boolean;
  now: number;
}

const BLANK = '\u2022';

export type AppendResult = { id: string; duplicate: boolean; record?: AuditRecord };

type Tx = IDBPTransaction<AuditDbSchema, ('records' | 'chunks' | 'meta')[], 'readwrite'>;

async function readDict(tx: Tx): Promise<Dict> {
  return ((await tx.objectStore('meta').get(META_DICT)) as Dict | undefined) ?? emptyDict();
}

/**
 * Which of `records` are already stored (by id). One count over the batch's id range answers a fresh import;
 * otherwise every check is issued at once and IndexedDB pipelines them (awaiting each in turn cost a round
 * trip per record: a large part of the 150 s a 100k-record import used to take).
 */
async function knownIds(recordStore: IDBPObjectStore<AuditDbSchema, ('records' | 'chunks' | 'meta')[], 'records', 'readwrite'>, records: AuditRecord[]): Promise<(string | undefined)[]> {
  if (records.length === 0) return [];
  let min = records[0].id;
  let max = min;
  for (const r of records) {
    if (r.id < min) min = r.id;
    if (r.id > max) max = r.id;
  }
  if ((await recordStore.count(IDBKeyRange.bound(min, max))) === 0) return records.map(() => undefined);
  return Promise.all(records.map((r) => recordStore.getKey(r.id) as Promise<string | undefined>));
}

/**
 * Adds records (already hashed) and their summary rows inside an open transaction on records, chunks, meta.
 * Records whose id is already stored are skipped. Returns the number added.
 */
async function addRecords(tx: Tx, records: AuditRecord[], labels: Map<string, ReviewLabel> = new Map()): Promise<number> {
  const recordStore = tx.objectStore('records');
  const known = await knownIds(recordStore, records);
  const fresh: AuditRecord[] = [];
  const seen = new Set<string>();
  records.forEach((r, i) => {
    if (known[i] !== undefined || seen.has(r.id)) return;
    seen.add(r.id);
    fresh.push(r);
  });
  if (fresh.length === 0) return 0;
  const dict = await readDict(tx);
  const chunkStore = tx.objectStore('chunks');
  const lastKey = (await chunkStore.openKeyCursor(null, 'prev'))?.key as number | undefined;
  let key = lastKey ?? 0;
  const last = lastKey === undefined ? undefined : await chunkStore.get(lastKey);
  let chunk: Chunk = last ? unpackChunk(last) : emptyChunk();
  for (let i = 0; i < fresh.length; ) {
    if (chunk.n >= CHUNK_ROWS) {
      key++;
      chunk = emptyChunk();
    }
    const part = fresh.slice(i, i + (CHUNK_ROWS - chunk.n));
    const { chunk: next, rows } = appendRows(
      chunk,
      dict,
      part,
      part.map((r) => labels.get(r.id)?.status),
    );
    part.forEach((record, j) => {
      const stored: StoredRecord = { id: record.id, chain: record.chain, seq: record.seq, chunk: key, row: rows[j], record };
      void recordStore.put(stored);
    });
    chunk = next;
    void chunkStore.put(packChunk(chunk), key);
    i += part.length;
  }
  void tx.objectStore('meta').put(dict, META_DICT);
  return fresh.length;
}

export async function readLocalHead(db: AuditDb): Promise<LocalHead | undefined> {
  return (await db.get('meta', META_LOCAL)) as LocalHead | undefined;
}

let queue: Promise<unknown> = Promise.resolve();

/** Appends one event to the local chain; a known eventId is a duplicate and is not stored again. */
export function appendLocal(db: AuditDb, input: AuditEventInput, ctx: AppendContext): Promise<AppendResult> {
  const run = queue.then(() => appendNow(db, input, ctx));
  queue = run.catch(() => undefined);
  return run;
}

async function appendNow(db: AuditDb, input: AuditEventInput, ctx: AppendContext): Promise<AppendResult> {
  const id = input.eventId ?? crypto.randomUUID();
  if ((await db.getKey('records', id)) !== undefined) return { id, duplicate: true };
  const head = (await readLocalHead(db)) ?? { chain: crypto.randomUUID(), seq: 0, head: GENESIS_HASH };
  const keep = ctx.keepText ?? true;
  const store = (text: string) => (!keep ? BLANK.repeat(text.length) : ctx.redact ? redactDraft(text).text : text);
  const body: Omit<AuditRecord, 'hash'> = {
    v: 1,
    id,
    chain: head.chain,
    seq: head.seq + 1,
    time: input.at ?? ctx.now,
    agent: ctx.agent ?? `profile-${head.chain.slice(0, 8)}`,
    action: input.action,
    site: input.site,
    conversation: input.conversation,
    recipient: input.recipient,
    channel: input.channel,
    packs: ctx.packs,
    findings: input.findings.map((f) => ({ rule: f.rule, category: f.category, severity: f.severity, start: f.start, end: f.end, pack: f.pack })),
    draft: store(input.draft),
    redacted: ctx.redact || !keep,
    sentText: input.sentText === undefined ? undefined : store(input.sentText),
    justification: input.justification,
    disputedRule: input.disputedRule,
    prevHash: head.head,
  };
  const record: AuditRecord = { ...body, hash: await hashRecord(body) };
  const tx = db.transaction(['records', 'chunks', 'meta'], 'readwrite');
  const current = ((await tx.objectStore('meta').get(META_LOCAL)) as LocalHead | undefined) ?? { chain: head.chain, seq: 0, head: GENESIS_HASH };
  if (current.seq !== head.seq || current.chain !== head.chain) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw new Error('audit chain head moved during append');
  }
  const added = await addRecords(tx, [record]);
  if (added === 0) {
    tx.abort();
    await tx.done.catch(() => undefined);
    return { id, duplicate: true };
  }
  const next: LocalHead = { ...current, seq: record.seq, head: record.hash };
  void tx.objectStore('meta').put(next, META_LOCAL);
  await tx.done;
  return { id, duplicate: false, record };
}

/** Records per import transaction: bounds each transaction's memory on 100k-record files, and a failure loses one batch at most. */
export const IMPORT_BATCH = 5000;

/** Stores records from another profile's export (verified by the caller); ids already present are skipped. */
export async function importRecords(db: AuditDb, records: AuditRecord[], onProgress: (done: number) => void = () => undefined): Promise<{ added: number; skipped: number }> {
  let added = 0;
  for (let i = 0; i < records.length; i += IMPORT_BATCH) {
    const tx = db.transaction(['records', 'chunks', 'meta'], 'readwrite');
    added += await addRecords(tx, records.slice(i, i + IMPORT_BATCH));
    await tx.done;
    onProgress(Math.min(records.length, i + IMPORT_BATCH));
  }
  return { added, skipped: records.length - added };
}

export async function loadTable(db: AuditDb): Promise<AuditTable> {
  const tx = db.transaction(['chunks', 'meta'], 'readonly');
  const [chunks, dict] = await Promise.all([tx.objectStore('chunks').getAll(), tx.objectStore('meta').get(META_DICT) as Promise<Dict | undefined>]);
  return buildTable(chunks.map(unpackChunk), dict ?? emptyDict());
}

export async function getRecordAt(db: AuditDb, chain: string, seq: number): Promise<AuditRecord | undefined> {
  return (await db.getFromIndex('records', 'chainSeq', [chain, seq]))?.record;
}

export async function getLabel(db: AuditDb, id: string): Promise<ReviewLabel | undefined> {
  return db.get('labels', id);
}

/** Sets (or, with null, clears) the QA label of a record, updating its summary row in the same transaction. */
export async function setLabel(db: AuditDb, id: string, label: Omit<ReviewLabel, 'id'> | null): Promise<void> {
  const tx = db.transaction(['records', 'chunks', 'labels'], 'readwrite');
  const stored = await tx.objectStore('records').get(id);
  if (!stored) throw new Error(`no audit record ${id}`);
  const value = await tx.objectStore('chunks').get(stored.chunk);
  if (value) {
    const chunk = unpackChunk(value);
    chunk.status[stored.row] = statusCode(label?.status);
    void tx.objectStore('chunks').put(packChunk(chunk), stored.chunk);
  }
  if (label) void tx.objectStore('labels').put({ ...label, id });
  else void tx.objectStore('labels').delete(id);
  await tx.done;
}

export async function allLabels(db: AuditDb): Promise<ReviewLabel[]> {
  return db.getAll('labels');
}

/** Records of one chain with seq > afterSeq, in order. */
export async function readChainAfter(db: AuditDb, chain: string, afterSeq: number, limit: number): Promise<AuditRecord[]> {
  const range = IDBKeyRange.bound([chain, afterSeq + 1], [chain, Number.MAX_SAFE_INTEGER]);
  return (await db.getAllFromIndex('records', 'chainSeq', range, limit)).map((s) => s.record);
}

/** Every stored record, chain by chain in seq order (what a JSONL export writes). */
export async function allRecords(db: AuditDb): Promise<AuditRecord[]> {
  const out: AuditRecord[] = [];
  let cursor = await db.transaction('records').store.index('chainSeq').openCursor();
  while (cursor) {
    out.push(cursor.value.record);
    cursor = await cursor.continue();
  }
  return out;
}

export async function readSinkCursor(db: AuditDb, url: string): Promise<number> {
  return ((await db.get('meta', sinkCursorKey(url))) as number | undefined) ?? 0;
}

export async function writeSinkCursor(db: AuditDb, url: string, seq: number): Promise<void> {
  const tx = db.transaction('meta', 'readwrite');
  const current = ((await tx.store.get(sinkCursorKey(url))) as number | undefined) ?? 0;
  if (seq > current) void tx.store.put(seq, sinkCursorKey(url));
  await tx.done;
}

/**
 * Retention for the local chain: oldest first, records older than `days` or beyond `maxRecords`, but never a
 * record with seq > `keepAfterSeq` (not yet delivered to the sink). Summary rows are marked gone; the hash of
 * the last pruned record becomes the chain's anchor so the rest still verifies.
 */
export async function prune(db: AuditDb, opts: { days: number; maxRecords: number; now: number; keepAfterSeq?: number }): Promise<number> {
  const head = await readLocalHead(db);
  if (!head) return 0;
  const firstSeq = (head.anchor?.seq ?? 0) + 1;
  const count = head.seq - firstSeq + 1;
  let upTo = firstSeq - 1;
  if (opts.maxRecords > 0 && count > opts.maxRecords) upTo = head.seq - opts.maxRecords;
  if (opts.days > 0) {
    const cutoff = opts.now - opts.days * 86_400_000;
    const old = await readChainAfter(db, head.chain, upTo, 10_000);
    for (const r of old) {
      if (r.time >= cutoff) break;
      upTo = r.seq;
    }
  }
  if (opts.keepAfterSeq !== undefined) upTo = Math.min(upTo, opts.keepAfterSeq);
  if (upTo < firstSeq) return 0;
  const tx = db.transaction(['records', 'chunks', 'meta', 'labels'], 'readwrite');
  const range = IDBKeyRange.bound([head.chain, firstSeq], [head.chain, upTo]);
  const touched = new Map<number, Chunk>();
  let last: StoredRecord | undefined;
  let removed = 0;
  let cursor = await tx.objectStore('records').index('chainSeq').openCursor(range);
  while (cursor) {
    const s = cursor.value;
    let chunk = touched.get(s.chunk);
    if (!chunk) {
      const value = await tx.objectStore('chunks').get(s.chunk);
      chunk = value && unpackChunk(value);
    }
    if (chunk) {
      chunk.status[s.row] = STATUS_GONE;
      touched.set(s.chunk, chunk);
    }
    void tx.objectStore('labels').delete(s.id);
    void cursor.delete();
    last = s;
    removed++;
    cursor = await cursor.continue();
  }
  for (const [key, chunk] of touched) {
    if (chunk.status.every((v) => v === STATUS_GONE)) void tx.objectStore('chunks').delete(key);
    else void tx.objectStore('chunks').put(packChunk(chunk), key);
  }
  const current = (await tx.objectStore('meta').get(META_LOCAL)) as LocalHead;
  if (last) void tx.objectStore('meta').put({ ...current, anchor: { seq: last.seq, hash: last.record.hash } }, META_LOCAL);
  await tx.done;
  return removed;
}

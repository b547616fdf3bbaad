/**
 * Hash chain of audit records: hash = SHA-256(canonical JSON of the record without `hash`), and the record
 * contains `prevHash`, so changing, removing or reordering any record breaks every later link.
 * Uses crypto.subtle, available in the service worker, extension pages and Node 20 alike.
 */
import { GENESIS_HASH, type AuditRecord } from './types';

/** JSON with object keys sorted and undefined members left out: one byte string per value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('non-finite number in audit record');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

const encoder = new TextEncoder();
/** Reused for every digest: crypto.subtle.digest copies its input before returning, so one buffer serves all. */
let scratch = new Uint8Array(4096);
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

export async function sha256Hex(text: string): Promise<string> {
  // UTF-8 needs at most 3 bytes per UTF-16 unit.
  if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
  const { written } = encoder.encodeInto(text, scratch);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', scratch.subarray(0, written)));
  let hex = '';
  for (let i = 0; i < digest.length; i++) hex += HEX[digest[i]];
  return hex;
}

export async function hashRecord(record: Omit<AuditRecord, 'hash'> | AuditRecord): Promise<string> {
  const { hash: _omit, ...body } = record as AuditRecord;
  return sha256Hex(canonicalJson(body));
}

/**
 * Digests in flight at once. crypto.subtle runs each digest off the calling thread; awaiting them one by one
 * paid a thread round trip per record (the 62 s in-page check of 100k records), while a few hundred in
 * flight keep the hashing threads busy and the memory small.
 */
const PARALLEL_HASHES = 256;

/** hashRecord of every record, in order, computed in parallel batches; `onProgress` after each batch. */
export async function hashRecords(records: readonly (Omit<AuditRecord, 'hash'> | AuditRecord)[], onProgress: (done: number) => void = () => undefined): Promise<string[]> {
  const out: string[] = new Array(records.length);
  for (let i = 0; i < records.length; i += PARALLEL_HASHES) {
    const end = Math.min(records.length, i + PARALLEL_HASHES);
    const batch: Promise<string>[] = [];
    for (let j = i; j < end; j++) batch.push(hashRecord(records[j]));
    const hashes = await Promise.all(batch);
    for (let j = i; j < end; j++) out[j] = hashes[j - i];
    onProgress(end);
  }
  return out;
}

export type ChainProblem =
  | { kind: 'bad_hash'; chain: string; seq: number; id: string }
  | { kind: 'broken_link'; chain: string; seq: number; id: string }
  | { kind: 'gap'; chain: string; afterSeq: number; seq: number }
  | { kind: 'duplicate_seq'; chain: string; seq: number };

export interface ChainReport {
  ok: boolean;
  records: number;
  chains: { chain: string; first: number; last: number; count: number; headHash: string; anchored: boolean }[];
  problems: ChainProblem[];
}

/**
 * Verifies records of one or more chains (any order). A chain that does not start at seq 1 (older records
 * pruned by retention) is checked from its first record on; `anchored` says whether it starts at genesis.
 * `anchors` may give the known hash before the first kept record (the store keeps it when it prunes).
 */
export async function verifyChains(
  records: AuditRecord[],
  anchors: Record<string, { seq: number; hash: string }> = {},
  onProgress: (hashed: number) => void = () => undefined,
): Promise<ChainReport> {
  const hashes = await hashRecords(records, onProgress);
  const computed = new Map<AuditRecord, string>();
  records.forEach((r, i) => computed.set(r, hashes[i]));
  const byChain = new Map<string, AuditRecord[]>();
  for (const r of records) {
    const list = byChain.get(r.chain) ?? [];
    list.push(r);
    byChain.set(r.chain, list);
  }
  const problems: ChainProblem[] = [];
  const chains: ChainReport['chains'] = [];
  for (const [chain, list] of byChain) {
    list.sort((a, b) => a.seq - b.seq);
    const anchor = anchors[chain];
    let prev: AuditRecord | undefined;
    for (const r of list) {
      if (prev && r.seq === prev.seq) {
        problems.push({ kind: 'duplicate_seq', chain, seq: r.seq });
        continue;
      }
      if (computed.get(r) !== r.hash) problems.push({ kind: 'bad_hash', chain, seq: r.seq, id: r.id });
      if (prev) {
        if (r.seq !== prev.seq + 1) problems.push({ kind: 'gap', chain, afterSeq: prev.seq, seq: r.seq });
        else if (r.prevHash !== prev.hash) problems.push({ kind: 'broken_link', chain, seq: r.seq, id: r.id });
      } else if (r.seq === 1 ? r.prevHash !== GENESIS_HASH : anchor && anchor.seq === r.seq - 1 && anchor.hash !== r.prevHash) {
        problems.push({ kind: 'broken_link', chain, seq: r.seq, id: r.id });
      }
      prev = r;
    }
    chains.push({ chain, first: list[0].seq, last: list[list.length - 1].seq, count: list.length, headHash: list[list.length - 1].hash, anchored: list[0].seq === 1 });
  }
  return { ok: problems.length === 0, records: records.length, chains, problems };
}

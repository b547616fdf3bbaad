/**
 * Columnar summary of the audit records, kept in IndexedDB beside the full records so the review page can
 * load 100,000 rows in a handful of reads. Each chunk of CHUNK_ROWS rows is stored as ONE ArrayBuffer (all
 * columns packed back to back, see packChunk): IndexedDB's structured clone then copies one buffer per chunk,
 * instead of deserialising an object with eleven typed arrays (or, worse, one object per record).
 * Strings (chains, agents, sites, rules) are stored once in a dictionary and referenced by index.
 */
import { CATEGORIES } from '../../rules/engine/types';
import { AUDIT_ACTIONS, REVIEW_STATUSES, type AuditRecord, type ReviewStatus } from './types';

/**
 * Rows per chunk: ~150 KB packed. Measured in Chromium on the 2-core machine: reading 3.7 MB of summary as 98
 * values of 38 KB took 340–830 ms, as 25 values of 150 KB 45–90 ms (values over 64 KB are kept as blob files,
 * which read faster than large values inside LevelDB). Appending one event rewrites the last chunk, which stays
 * cheap at this size.
 */
export const CHUNK_ROWS = 4096;
/** status value of a row whose record was pruned. */
export const STATUS_GONE = 255;

export interface Dict {
  chains: string[];
  agents: string[];
  sites: string[];
  rules: string[];
}
export const emptyDict = (): Dict => ({ chains: [], agents: [], sites: [], rules: [] });

export interface Chunk {
  n: number;
  chain: Uint32Array;
  seq: Uint32Array;
  time: Float64Array;
  agent: Uint32Array;
  site: Uint32Array;
  action: Uint8Array;
  /** bit i = CATEGORIES[i] occurs among the findings. */
  cats: Uint16Array;
  /** bit 0: a warn finding, bit 1: a block finding. */
  sev: Uint8Array;
  /** 0 unreviewed, 1 + index in REVIEW_STATUSES, STATUS_GONE pruned. */
  status: Uint8Array;
  /** rules of row i are rules[ruleStart[i] .. ruleStart[i + 1]). */
  ruleStart: Uint32Array;
  rules: Uint32Array;
}

/** A chunk as stored: `buf` holds every column (layout in packChunk); `nr` = number of rule entries. */
export interface PackedChunk {
  n: number;
  nr: number;
  buf: ArrayBuffer;
}

/** Byte offsets of the columns of a packed chunk: 8-byte columns first, then 4-, 2- and 1-byte ones, so every view is aligned. */
function layout(n: number, nr: number) {
  const time = 0;
  const chain = time + 8 * n;
  const seq = chain + 4 * n;
  const agent = seq + 4 * n;
  const site = agent + 4 * n;
  const ruleStart = site + 4 * n;
  const rules = ruleStart + 4 * (n + 1);
  const cats = rules + 4 * nr;
  const action = cats + 2 * n;
  const sev = action + n;
  const status = sev + n;
  return { time, chain, seq, agent, site, ruleStart, rules, cats, action, sev, status, bytes: status + n };
}

export function packChunk(c: Chunk): PackedChunk {
  const n = c.n;
  // Rules of a chunk always start at 0 in a chunk built by appendRows; slice keeps that true after edits.
  const base = c.ruleStart[0];
  const nr = c.ruleStart[n] - base;
  const at = layout(n, nr);
  const buf = new ArrayBuffer(at.bytes);
  new Float64Array(buf, at.time, n).set(c.time.subarray(0, n));
  new Uint32Array(buf, at.chain, n).set(c.chain.subarray(0, n));
  new Uint32Array(buf, at.seq, n).set(c.seq.subarray(0, n));
  new Uint32Array(buf, at.agent, n).set(c.agent.subarray(0, n));
  new Uint32Array(buf, at.site, n).set(c.site.subarray(0, n));
  const ruleStart = new Uint32Array(buf, at.ruleStart, n + 1);
  for (let i = 0; i <= n; i++) ruleStart[i] = c.ruleStart[i] - base;
  new Uint32Array(buf, at.rules, nr).set(c.rules.subarray(base, base + nr));
  new Uint16Array(buf, at.cats, n).set(c.cats.subarray(0, n));
  new Uint8Array(buf, at.action, n).set(c.action.subarray(0, n));
  new Uint8Array(buf, at.sev, n).set(c.sev.subarray(0, n));
  new Uint8Array(buf, at.status, n).set(c.status.subarray(0, n));
  return { n, nr, buf };
}

/** Views over a stored chunk (no copy). Chunks written before packing existed (plain typed-array objects) pass through. */
export function unpackChunk(value: PackedChunk | Chunk): Chunk {
  if (!('buf' in value)) return value;
  const { n, nr, buf } = value;
  const at = layout(n, nr);
  return {
    n,
    time: new Float64Array(buf, at.time, n),
    chain: new Uint32Array(buf, at.chain, n),
    seq: new Uint32Array(buf, at.seq, n),
    agent: new Uint32Array(buf, at.agent, n),
    site: new Uint32Array(buf, at.site, n),
    ruleStart: new Uint32Array(buf, at.ruleStart, n + 1),
    rules: new Uint32Array(buf, at.rules, nr),
    cats: new Uint16Array(buf, at.cats, n),
    action: new Uint8Array(buf, at.action, n),
    sev: new Uint8Array(buf, at.sev, n),
    status: new Uint8Array(buf, at.status, n),
  };
}

export function emptyChunk(): Chunk {
  return {
    n: 0,
    chain: new Uint32Array(0),
    seq: new Uint32Array(0),
    time: new Float64Array(0),
    agent: new Uint32Array(0),
    site: new Uint32Array(0),
    action: new Uint8Array(0),
    cats: new Uint16Array(0),
    sev: new Uint8Array(0),
    status: new Uint8Array(0),
    ruleStart: new Uint32Array(1),
    rules: new Uint32Array(0),
  };
}

function intern(list: string[], index: Map<string, number>, value: string): number {
  let i = index.get(value);
  if (i === undefined) {
    i = list.length;
    list.push(value);
    index.set(value, i);
  }
  return i;
}

export const statusCode = (s: ReviewStatus | undefined): number => (s ? REVIEW_STATUSES.indexOf(s) + 1 : 0);
export const statusOf = (code: number): ReviewStatus | undefined => (code >= 1 && code <= REVIEW_STATUSES.length ? REVIEW_STATUSES[code - 1] : undefined);

function grow<T extends Uint8Array | Uint16Array | Uint32Array | Float64Array>(a: T, extra: number): T {
  const out = new (a.constructor as new (n: number) => T)(a.length + extra);
  out.set(a);
  return out;
}

/**
 * Appends rows to `chunk` (mutated copy returned); the dictionary is extended in place.
 * Returns the row index of each record.
 */
export function appendRows(chunk: Chunk, dict: Dict, records: AuditRecord[], statuses: (ReviewStatus | undefined)[] = []): { chunk: Chunk; rows: number[] } {
  const idx = {
    chains: new Map(dict.chains.map((s, i) => [s, i])),
    agents: new Map(dict.agents.map((s, i) => [s, i])),
    sites: new Map(dict.sites.map((s, i) => [s, i])),
    rules: new Map(dict.rules.map((s, i) => [s, i])),
  };
  const k = records.length;
  const ruleCount = records.reduce((a, r) => a + new Set(r.findings.map((f) => f.rule)).size, 0);
  const c: Chunk = {
    n: chunk.n + k,
    chain: grow(chunk.chain, k),
    seq: grow(chunk.seq, k),
    time: grow(chunk.time, k),
    agent: grow(chunk.agent, k),
    site: grow(chunk.site, k),
    action: grow(chunk.action, k),
    cats: grow(chunk.cats, k),
    sev: grow(chunk.sev, k),
    status: grow(chunk.status, k),
    ruleStart: grow(chunk.ruleStart, k),
    rules: grow(chunk.rules, ruleCount),
  };
  const rows: number[] = [];
  let r = chunk.ruleStart[chunk.n];
  records.forEach((rec, j) => {
    const i = chunk.n + j;
    rows.push(i);
    c.chain[i] = intern(dict.chains, idx.chains, rec.chain);
    c.seq[i] = rec.seq;
    c.time[i] = rec.time;
    c.agent[i] = intern(dict.agents, idx.agents, rec.agent);
    c.site[i] = intern(dict.sites, idx.sites, rec.site);
    c.action[i] = Math.max(0, AUDIT_ACTIONS.indexOf(rec.action));
    let cats = 0;
    let sev = 0;
    for (const f of rec.findings) {
      const ci = (CATEGORIES as readonly string[]).indexOf(f.category);
      if (ci >= 0) cats |= 1 << ci;
      sev |= f.severity === 'block' ? 2 : 1;
    }
    c.cats[i] = cats;
    c.sev[i] = sev;
    c.status[i] = statusCode(statuses[j]);
    for (const rule of new Set(rec.findings.map((f) => f.rule))) c.rules[r++] = intern(dict.rules, idx.rules, rule);
    c.ruleStart[i + 1] = r;
  });
  return { chunk: c, rows };
}

/** All live rows of all chunks, concatenated: what the review page filters (the chunk columns, plus the dictionary). */
export interface AuditTable extends Chunk {
  dict: Dict;
}

export function buildTable(chunks: Chunk[], dict: Dict): AuditTable {
  let n = 0;
  let nr = 0;
  for (const c of chunks) {
    for (let i = 0; i < c.n; i++) if (c.status[i] !== STATUS_GONE) n++;
    nr += c.rules.length;
  }
  const t: AuditTable = {
    n,
    dict,
    chain: new Uint32Array(n),
    seq: new Uint32Array(n),
    time: new Float64Array(n),
    agent: new Uint32Array(n),
    site: new Uint32Array(n),
    action: new Uint8Array(n),
    cats: new Uint16Array(n),
    sev: new Uint8Array(n),
    status: new Uint8Array(n),
    ruleStart: new Uint32Array(n + 1),
    rules: new Uint32Array(nr),
  };
  let o = 0;
  let r = 0;
  for (const c of chunks) {
    const allLive = !c.status.includes(STATUS_GONE);
    if (allLive) {
      // Fast path: whole columns copied at once.
      t.chain.set(c.chain, o);
      t.seq.set(c.seq, o);
      t.time.set(c.time, o);
      t.agent.set(c.agent, o);
      t.site.set(c.site, o);
      t.action.set(c.action, o);
      t.cats.set(c.cats, o);
      t.sev.set(c.sev, o);
      t.status.set(c.status, o);
      const base = c.ruleStart[0];
      t.rules.set(c.rules.subarray(base, c.ruleStart[c.n]), r);
      for (let i = 0; i <= c.n; i++) t.ruleStart[o + i] = r + c.ruleStart[i] - base;
      r += c.ruleStart[c.n] - base;
      o += c.n;
      continue;
    }
    for (let i = 0; i < c.n; i++) {
      if (c.status[i] === STATUS_GONE) continue;
      t.chain[o] = c.chain[i];
      t.seq[o] = c.seq[i];
      t.time[o] = c.time[i];
      t.agent[o] = c.agent[i];
      t.site[o] = c.site[i];
      t.action[o] = c.action[i];
      t.cats[o] = c.cats[i];
      t.sev[o] = c.sev[i];
      t.status[o] = c.status[i];
      t.ruleStart[o] = r;
      for (let k = c.ruleStart[i]; k < c.ruleStart[i + 1]; k++) t.rules[r++] = c.rules[k];
      o++;
      t.ruleStart[o] = r;
    }
  }
  return t;
}

/**
 * Verifies every chain in the store in batches, so 100,000 records never sit in memory at once. The next batch
 * is read from IndexedDB while the current one is hashed (in parallel, see hashRecords).
 */
import { verifyChains, type ChainProblem } from './chain';
import { META_DICT, type AuditDb, type Dict, type LocalHead } from './db';
import { readChainAfter, readLocalHead } from './store';

const VERIFY_BATCH = 5000;

export async function verifyStore(db: AuditDb, onProgress: (done: number) => void = () => undefined, batchSize = VERIFY_BATCH): Promise<{ ok: boolean; records: number; chains: number; problems: ChainProblem[] }> {
  const dict = ((await db.get('meta', META_DICT)) as Dict | undefined) ?? { chains: [] };
  const local: LocalHead | undefined = await readLocalHead(db);
  const problems: ChainProblem[] = [];
  let records = 0;
  let chains = 0;
  for (const chain of dict.chains) {
    let anchor = local?.chain === chain ? local.anchor : undefined;
    let after = 0;
    let any = false;
    let pending = readChainAfter(db, chain, after, batchSize);
    for (;;) {
      const batch = await pending;
      if (batch.length === 0) break;
      any = true;
      // Records are read in (chain, seq) order: the next batch starts after this one's last seq.
      pending = readChainAfter(db, chain, batch[batch.length - 1].seq, batchSize);
      const done = records;
      const report = await verifyChains(batch, anchor ? { [chain]: anchor } : {}, (n) => onProgress(done + n));
      // Local chain: a first record not at 1 or right after the prune anchor means records went missing at
      // the start. Imported chains may legitimately start after their owner's pruning.
      if (after === 0 && local?.chain === chain && batch[0].seq !== 1 && !(anchor && anchor.seq === batch[0].seq - 1)) problems.push({ kind: 'gap', chain, afterSeq: anchor?.seq ?? 0, seq: batch[0].seq });
      if (after > 0 && batch[0].seq !== after + 1) problems.push({ kind: 'gap', chain, afterSeq: after, seq: batch[0].seq });
      problems.push(...report.problems);
      const last = batch[batch.length - 1];
      anchor = { seq: last.seq, hash: last.hash };
      after = last.seq;
      records += batch.length;
      onProgress(records);
    }
    if (any) chains++;
  }
  // The local chain's head must be the last stored record (a missing tail is deletion too).
  if (local && local.seq > 0) {
    const tail = await readChainAfter(db, local.chain, local.seq - 1, 1);
    if (!tail[0] || tail[0].hash !== local.head) problems.push({ kind: 'gap', chain: local.chain, afterSeq: tail[0]?.seq ?? 0, seq: local.seq });
  }
  return { ok: problems.length === 0, records, chains, problems };
}

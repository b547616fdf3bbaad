/**
 * `draftguard audit verify FILE [--json]`: checks an exported audit JSONL file — every line a well-formed
 * record, every hash matching its record, every record linked to the one before it. Exit 0 intact,
 * 1 problems found, 2 unreadable file or usage error.
 */
import { readFileSync } from 'node:fs';
import { verifyChains } from '../../lib/audit/chain';
import { describeProblem } from '../../lib/audit/exchange';
import { auditRecordSchema } from '../../lib/audit/schema';
import type { AuditRecord } from '../../lib/audit/types';
import { parseArgs } from './args';

export async function runAudit(args: string[]): Promise<number> {
  const { flags, positional } = parseArgs(args, ['json']);
  const [sub, file] = positional;
  if (sub !== 'verify' || !file) {
    process.stderr.write('usage: draftguard audit verify FILE [--json]\n');
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    process.stderr.write(`draftguard audit: cannot read ${file}: ${(e as Error).message}\n`);
    return 2;
  }
  const records: AuditRecord[] = [];
  const lineProblems: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      lineProblems.push(`line ${i + 1}: not valid JSON`);
      return;
    }
    const parsed = auditRecordSchema.safeParse(value);
    if (parsed.success) records.push(parsed.data as AuditRecord);
    else lineProblems.push(`line ${i + 1}: not an audit record (${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message})`);
  });
  const report = await verifyChains(records);
  const problems = [...lineProblems, ...report.problems.map(describeProblem)];
  const ok = problems.length === 0 && records.length > 0;
  if (flags.has('json')) {
    process.stdout.write(`${JSON.stringify({ ok, records: records.length, chains: report.chains, problems })}\n`);
  } else {
    for (const c of report.chains) {
      process.stdout.write(`chain ${c.chain}: records ${c.first}–${c.last} (${c.count})${c.anchored ? '' : ', starts after pruned records'}, head ${c.headHash.slice(0, 16)}…\n`);
    }
    for (const p of problems) process.stdout.write(`PROBLEM ${p}\n`);
    process.stdout.write(ok ? `OK: ${records.length} records, chain intact\n` : records.length ? `FAILED: ${problems.length} problem(s)\n` : 'FAILED: no audit records in file\n');
  }
  return ok ? 0 : 1;
}

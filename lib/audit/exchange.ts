/**
 * Team review files: JSONL (the records verbatim, chain-verifiable), CSV (for spreadsheets), and the labelled
 * items as a corpus in the format of shared/corpus/FORMAT.md, so confirmed false positives become rule tests.
 */
import { canonicalJson, verifyChains, type ChainProblem } from './chain';
import { auditRecordSchema } from './schema';
import type { AuditRecord, ReviewLabel } from './types';

export function toJsonl(records: AuditRecord[]): string {
  return records.map((r) => canonicalJson(r)).join('\n') + (records.length ? '\n' : '');
}

export class ImportError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

export function describeProblem(p: ChainProblem): string {
  const chain = p.chain.slice(0, 8);
  switch (p.kind) {
    case 'bad_hash':
      return `chain ${chain}…, record ${p.seq} (${p.id}): content does not match its hash (altered)`;
    case 'broken_link':
      return `chain ${chain}…, record ${p.seq} (${p.id}): does not follow the previous record (removed or reordered)`;
    case 'gap':
      return `chain ${chain}…: records ${p.afterSeq + 1}–${p.seq - 1} are missing`;
    case 'duplicate_seq':
      return `chain ${chain}…: two records numbered ${p.seq}`;
  }
}

/**
 * Parses and verifies an export; throws ImportError naming the first bad line or chain problem.
 * `onHashed(done, total)` reports the chain check's progress (the slow part of a large file).
 */
export async function parseJsonl(text: string, onHashed: (done: number, total: number) => void = () => undefined): Promise<AuditRecord[]> {
  const records: AuditRecord[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new ImportError(`line ${i + 1}: not valid JSON (the file is damaged or truncated)`, i + 1);
    }
    const parsed = auditRecordSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ImportError(`line ${i + 1}: not an audit record (${issue.path.join('.') || 'record'}: ${issue.message})`, i + 1);
    }
    records.push(parsed.data as AuditRecord);
  }
  if (records.length === 0) throw new ImportError('the file holds no audit records');
  const report = await verifyChains(records, {}, (done) => onHashed(done, records.length));
  if (!report.ok) throw new ImportError(`hash chain check failed: ${describeProblem(report.problems[0])}${report.problems.length > 1 ? ` (and ${report.problems.length - 1} more)` : ''}`);
  return records;
}

/** A spreadsheet cell: quoted, and formula-looking text defused (CSV injection). */
function cell(value: string | number | undefined): string {
  let s = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_COLUMNS = [
  'id', 'time', 'agent', 'site', 'conversation', 'recipient', 'channel', 'action', 'severity', 'categories', 'rules', 'packs',
  'draft', 'sent_text', 'justification', 'disputed_rule', 'review_status', 'review_comment', 'chain', 'seq', 'hash',
] as const;

export function topSeverity(r: AuditRecord): 'block' | 'warn' | 'pass' {
  return r.findings.some((f) => f.severity === 'block') ? 'block' : r.findings.length ? 'warn' : 'pass';
}

/** CSV with a UTF-8 BOM so spreadsheet programs read Chinese text correctly. */
export function toCsv(records: AuditRecord[], labels: Map<string, ReviewLabel>): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const r of records) {
    const label = labels.get(r.id);
    rows.push(
      [
        r.id, new Date(r.time).toISOString(), r.agent, r.site, r.conversation, r.recipient, r.channel, r.action, topSeverity(r),
        [...new Set(r.findings.map((f) => f.category))].join(' '), [...new Set(r.findings.map((f) => f.rule))].join(' '),
        r.packs.map((p) => `${p.id}@${p.version}`).join(' '), r.draft, r.sentText, r.justification, r.disputedRule,
        label?.status, label?.comment, r.chain, r.seq, r.hash,
      ]
        .map(cell)
        .join(','),
    );
  }
  return '\uFEFF' + rows.join('\r\n') + '\r\n';
}

const TRADITIONAL = /[們這個說會還錢請對時來為國過發間後裡將與從讓給關點開壓]/g;
const SIMPLIFIED = /[们这个说会还钱请对时来为国过发间后里将与从让给关点开压]/g;

export function guessLang(text: string): 'zh-Hans' | 'zh-Hant' | 'en' {
  if (!/\p{Script=Han}/u.test(text)) return 'en';
  return (text.match(TRADITIONAL)?.length ?? 0) > (text.match(SIMPLIFIED)?.length ?? 0) ? 'zh-Hant' : 'zh-Hans';
}

export interface CorpusLine {
  id: string;
  text: string;
  lang: 'zh-Hans' | 'zh-Hant' | 'en';
  channel: 'chat' | 'sms';
  recipient: 'debtor' | 'third_party' | 'unknown';
  expect: 'block' | 'warn' | 'pass';
  labels: string[];
  note: string;
}

/**
 * Labelled items as corpus lines (shared/corpus/FORMAT.md): a confirmed or needs-coaching item keeps what the
 * guard did (expect = its top severity, labels = its categories); a false positive must pass (labels []).
 * Drafts stored without text are skipped; identical texts are written once.
 */
export function toCorpus(records: AuditRecord[], labels: Map<string, ReviewLabel>): CorpusLine[] {
  const out: CorpusLine[] = [];
  const seen = new Set<string>();
  for (const r of records) {
    const label = labels.get(r.id);
    if (!label || !r.draft.trim() || /^\u2022+$/.test(r.draft) || seen.has(r.draft)) continue;
    seen.add(r.draft);
    const fp = label.status === 'false_positive';
    const rules = [...new Set(r.findings.map((f) => f.rule))].join(', ');
    const note = `QA ${label.status} (${rules || 'no rule'})${label.comment ? `: ${label.comment}` : ''}`.replace(/\s+/g, ' ').slice(0, 200);
    out.push({
      id: `qa-${r.id}`,
      text: r.draft,
      lang: guessLang(r.draft),
      channel: r.channel,
      // The corpus has no guarantor: say unknown rather than claim the guarantor is a third party.
      recipient: r.recipient === 'debtor' || r.recipient === 'third_party' ? r.recipient : 'unknown',
      expect: fp ? 'pass' : topSeverity(r) === 'block' ? 'block' : 'warn',
      labels: fp ? [] : [...new Set(r.findings.map((f) => f.category))],
      note,
    });
  }
  return out;
}

import { readFileSync } from 'node:fs';
import { loadDefaultPacks } from '../build/default-packs';
import { createEngine } from '../engine/check';
import { CATEGORIES, type Channel, type Recipient } from '../engine/types';
import { parseArgs, stringFlag } from './args';

interface CorpusLine {
  id: string;
  text: string;
  lang: string;
  channel: Channel;
  recipient: Recipient;
  expect: 'block' | 'warn' | 'pass';
  labels: string[];
  note?: string;
}

const pct = (n: number, d: number) => (d ? (n / d).toFixed(3) : 'n/a');

/** Scores the engine on a labeled corpus (format: ../shared/corpus/FORMAT.md), as the review's scorer does. */
export function runEval(args: string[]): number {
  const { flags } = parseArgs(args, ['quiet']);
  const file = stringFlag(flags, 'corpus');
  if (!file) throw new Error('eval needs --corpus FILE');
  const lines: CorpusLine[] = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, k) => {
      try {
        return JSON.parse(l);
      } catch (e) {
        throw new Error(`${file}:${k + 1}: invalid JSON (${(e as Error).message})`);
      }
    });
  const engine = createEngine(loadDefaultPacks());
  let flagN = 0, flagHit = 0, blockN = 0, blockHit = 0, passN = 0, falseFlags = 0;
  const catN = new Map<string, number>();
  const catHit = new Map<string, number>();
  const misses: string[] = [];
  const started = performance.now();
  for (const line of lines) {
    const result = engine.check(line.text, {
      recipient: line.recipient,
      channel: line.channel,
      locale: line.lang === 'en' ? 'en' : line.lang === 'zh-Hant' ? 'zh-Hant' : 'zh-Hans',
    });
    const flagged = result.verdict !== 'pass';
    const cats = new Set(result.findings.map((f) => f.category));
    const got = result.findings.map((f) => `${f.rule}"${f.text}"`).join(' ') || '-';
    if (line.expect === 'pass') {
      passN++;
      if (flagged) {
        falseFlags++;
        misses.push(`FP ${line.id} got=${result.verdict} ${got} | ${line.text}`);
      }
      continue;
    }
    flagN++;
    if (flagged) flagHit++;
    else misses.push(`FN ${line.id} expect=${line.expect} labels=${line.labels.join(',')} | ${line.text}`);
    if (line.expect === 'block') {
      blockN++;
      if (result.verdict === 'block') blockHit++;
      else if (flagged) misses.push(`WEAK ${line.id} expect=block got=warn ${got} | ${line.text}`);
    }
    for (const c of line.labels) {
      catN.set(c, (catN.get(c) ?? 0) + 1);
      if (cats.has(c as never)) catHit.set(c, (catHit.get(c) ?? 0) + 1);
      else if (flagged) misses.push(`CAT ${line.id} missing ${c} ${got} | ${line.text}`);
    }
  }
  const ms = performance.now() - started;
  const out = process.stdout;
  out.write(`corpus ${file}: ${lines.length} drafts in ${ms.toFixed(0)} ms\n`);
  out.write(`flag recall  ${pct(flagHit, flagN)} (${flagHit}/${flagN})\n`);
  out.write(`block recall ${pct(blockHit, blockN)} (${blockHit}/${blockN})\n`);
  out.write(`false flags  ${pct(falseFlags, passN)} (${falseFlags}/${passN})\n`);
  out.write('recall by category:\n');
  for (const c of CATEGORIES) if (catN.has(c)) out.write(`  ${c.padEnd(24)} ${pct(catHit.get(c) ?? 0, catN.get(c)!)} (${catHit.get(c) ?? 0}/${catN.get(c)})\n`);
  if (!flags.has('quiet')) for (const m of misses) out.write(`${m}\n`);
  const min = (name: string) => (stringFlag(flags, name) === undefined ? undefined : Number(stringFlag(flags, name)));
  const failures: string[] = [];
  const minFlag = min('min-flag-recall');
  const minBlock = min('min-block-recall');
  const maxFalse = min('max-false-flag');
  if (minFlag !== undefined && flagHit / Math.max(flagN, 1) < minFlag) failures.push(`flag recall below ${minFlag}`);
  if (minBlock !== undefined && blockHit / Math.max(blockN, 1) < minBlock) failures.push(`block recall below ${minBlock}`);
  if (maxFalse !== undefined && falseFlags / Math.max(passN, 1) > maxFalse) failures.push(`false flags above ${maxFalse}`);
  for (const f of failures) out.write(`short of the bar: ${f}\n`);
  return failures.length ? 1 : 0;
}

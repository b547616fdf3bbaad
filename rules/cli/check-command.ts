import { createInterface } from 'node:readline';
import { loadDefaultPacks } from '../build/default-packs';
import { createEngine } from '../engine/check';
import { CHANNELS, LOCALES, RECIPIENTS, type Channel, type CheckContext, type Locale, type Recipient } from '../engine/types';
import { parseArgs, stringFlag } from './args';

const EXIT = { pass: 0, warn: 1, block: 2 } as const;

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], name: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`--${name} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

export async function runCheck(args: string[]): Promise<number> {
  const { flags, positional } = parseArgs(args, ['jsonl', 'json']);
  const engine = createEngine(loadDefaultPacks());
  const base: CheckContext = {
    recipient: oneOf<Recipient>(stringFlag(flags, 'recipient'), RECIPIENTS, 'recipient'),
    channel: oneOf<Channel>(stringFlag(flags, 'channel'), CHANNELS, 'channel'),
    jurisdiction: stringFlag(flags, 'jurisdiction'),
    locale: oneOf<Locale>(stringFlag(flags, 'locale'), LOCALES, 'locale'),
    sendTime: stringFlag(flags, 'send-time'),
    recipientTimeZone: stringFlag(flags, 'time-zone'),
  };

  if (flags.has('jsonl')) {
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    let lineNo = 0;
    for await (const line of lines) {
      lineNo++;
      if (!line.trim()) continue;
      let draft: { id?: unknown; text?: unknown; recipient?: string; channel?: string; lang?: string };
      try {
        draft = JSON.parse(line);
      } catch (e) {
        process.stdout.write(JSON.stringify({ id: null, line: lineNo, error: `invalid JSON: ${(e as Error).message}` }) + '\n');
        continue;
      }
      const context: CheckContext = {
        ...base,
        recipient: (RECIPIENTS as readonly string[]).includes(draft.recipient ?? '') ? (draft.recipient as Recipient) : base.recipient,
        channel: (CHANNELS as readonly string[]).includes(draft.channel ?? '') ? (draft.channel as Channel) : base.channel,
        locale: base.locale ?? (draft.lang === 'en' ? 'en' : draft.lang === 'zh-Hant' ? 'zh-Hant' : 'zh-Hans'),
      };
      const result = engine.check(typeof draft.text === 'string' ? draft.text : '', context);
      const findings = result.findings.map((f) => ({ rule: f.rule, category: f.category, severity: f.severity, start: f.start, end: f.end, message: f.message }));
      process.stdout.write(JSON.stringify({ id: draft.id ?? null, verdict: result.verdict, findings }) + '\n');
    }
    return 0;
  }

  const text = positional.join(' ');
  if (!text) throw new Error('check needs the draft text as an argument, or --jsonl with drafts on stdin');
  const result = engine.check(text, base);
  if (flags.has('json')) {
    process.stdout.write(JSON.stringify(result) + '\n');
    return EXIT[result.verdict];
  }
  const label = { pass: 'PASS', warn: 'WARN', block: 'BLOCK' }[result.verdict];
  process.stdout.write(`${label}  (${result.findings.length} finding${result.findings.length === 1 ? '' : 's'})\n`);
  for (const f of result.findings) {
    const span = f.start === f.end ? '(whole draft)' : `[${f.start}-${f.end}] "${f.text}"`;
    process.stdout.write(`  ${f.severity.padEnd(5)} ${f.category.padEnd(22)} ${f.rule}  ${span}${f.via !== 'plain' ? `  via ${f.via}` : ''}\n`);
    process.stdout.write(`        ${f.message}\n        source: ${f.source}\n`);
    if (f.fix) process.stdout.write(`        suggested: ${f.fix}\n`);
  }
  return EXIT[result.verdict];
}

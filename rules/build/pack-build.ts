/**
 * Node-only: reads a pack's YAML sources, validates them, derives the phonetic tables with pinyin-pro and
 * the traditional-script messages with opencc-js, and returns the compiled pack (the JSON the extension
 * loads). Every error names the pack, the file, the rule and the field.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { foldString } from '../engine/normalize/fold';
import { compiledPackSchema, packFileSchema, type CompiledPack, type LexiconSource, type PackFile } from '../engine/schema';

export class PackSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackSourceError';
  }
}

/** A union error says only "Invalid input": descend to the most specific branch so the author sees the real field. */
function mostSpecific(issue: z.core.$ZodIssue): { path: PropertyKey[]; message: string } {
  if (issue.code !== 'invalid_union' || !issue.errors?.length) return { path: issue.path, message: issue.message };
  const leaves = issue.errors.flat().map(mostSpecific);
  const depth = Math.max(...leaves.map((l) => l.path.length));
  const deepest = leaves.filter((l) => l.path.length === depth);
  const message = [...new Set(deepest.map((l) => l.message))].join('; or ');
  return { path: [...issue.path, ...deepest[0].path], message };
}

function describeIssue(pack: string, file: string, data: unknown, raw: z.core.$ZodIssue): string {
  const issue = mostSpecific(raw);
  const path = issue.path;
  let where = `pack ${pack}, file ${file}`;
  let field = path.map(String).join('.');
  if (path[0] === 'rules' && typeof path[1] === 'number') {
    const rule = (data as { rules?: { id?: string }[] }).rules?.[path[1] as number];
    where += `, rule ${rule?.id ?? `#${(path[1] as number) + 1}`}`;
    field = path.slice(2).map(String).join('.') || '(rule)';
  } else if (path[0] === 'lexicons' && path[1] !== undefined) {
    where += `, lexicon ${String(path[1])}`;
    field = path.slice(2).map(String).join('.') || '(lexicon)';
  }
  const hint = /received number/.test(issue.message) ? " (quote numbers in phrase lists: '110')" : '';
  return `${where}, field ${field || '(file)'}: ${issue.message}${hint}`;
}

/** Parses and validates one YAML source; throws PackSourceError naming the file, rule and field. */
export function parsePackFile(pack: string, file: string, source: string): PackFile {
  const doc = parseDocument(source, { prettyErrors: true });
  if (doc.errors.length) throw new PackSourceError(`pack ${pack}, file ${file}: YAML error: ${doc.errors[0].message}`);
  const data = doc.toJS() ?? {};
  const parsed = packFileSchema.safeParse(data);
  if (!parsed.success) throw new PackSourceError(parsed.error.issues.map((i) => describeIssue(pack, file, data, i)).join('\n'));
  return parsed.data;
}

let toTraditional: ((s: string) => string) | undefined;
function traditional(text: string): string {
  toTraditional ??= OpenCC.Converter({ from: 'cn', to: 'tw' });
  return toTraditional(text);
}

const isHanOnly = (s: string) => /^[\u3400-\u9fff]+$/.test(s);

/** Pinyin tables for the pack's sound lexicons: every syllable, and the characters read as trigger syllables. */
export function derivePhonetics(lexicons: Record<string, LexiconSource>): CompiledPack['phonetics'] {
  const soundTerms = new Set<string>();
  for (const lexicon of Object.values(lexicons)) {
    if (Array.isArray(lexicon) || !lexicon.sound) continue;
    for (const t of lexicon.terms) if (typeof t === 'string' && !t.startsWith('@') && !t.startsWith('$')) {
      const folded = foldString(t);
      if (isHanOnly(folded) && folded.length >= 2) soundTerms.add(folded);
    }
  }
  if (!soundTerms.size) return { syllables: [], chars: {}, termReadings: {} };
  const read = (s: string) => (pinyin(s, { toneType: 'none', type: 'array' }) as string[]).map((p) => p.replace(/ü/g, 'v'));
  const primary = new Map<string, string>();
  const syllables = new Set<string>();
  for (let c = 0x4e00; c <= 0x9fff; c++) {
    const ch = String.fromCharCode(c);
    const p = read(ch)[0];
    if (p && /^[a-z]+$/.test(p)) {
      primary.set(ch, p);
      syllables.add(p);
    }
  }
  const triggers = new Set<string>();
  const termReadings: Record<string, string[]> = {};
  for (const term of soundTerms) {
    const byChar = [...term].map((ch) => primary.get(ch) ?? '');
    byChar.forEach((s) => s && triggers.add(s));
    const inContext = read(term);
    inContext.forEach((s) => triggers.add(s));
    if (inContext.join(' ') !== byChar.join(' ')) termReadings[term] = inContext;
  }
  const chars: Record<string, string> = {};
  for (const [ch, s] of primary) if (triggers.has(s)) chars[s] = (chars[s] ?? '') + ch;
  return { syllables: [...syllables].sort(), chars, termReadings };
}

/** Builds the compiled pack from the YAML files of one pack directory (pack.yaml holds the manifest). */
export function buildPackFromSources(dirName: string, files: { name: string; source: string }[]): CompiledPack {
  const sorted = [...files].sort((a, b) => (a.name === 'pack.yaml' ? -1 : b.name === 'pack.yaml' ? 1 : a.name.localeCompare(b.name)));
  let manifest: PackFile['pack'];
  const abbreviations: Record<string, string> = {};
  const lexicons: Record<string, LexiconSource> = {};
  const rules: NonNullable<PackFile['rules']> = [];
  const ruleFile = new Map<string, string>();
  for (const { name, source } of sorted) {
    const file = parsePackFile(dirName, name, source);
    if (file.pack) {
      if (manifest) throw new PackSourceError(`pack ${dirName}, file ${name}: a second pack manifest (the first is in pack.yaml)`);
      manifest = file.pack;
    }
    Object.assign(abbreviations, file.normalize?.abbreviations ?? {});
    for (const [lex, value] of Object.entries(file.lexicons ?? {})) {
      if (lexicons[lex]) throw new PackSourceError(`pack ${dirName}, file ${name}, lexicon ${lex}: defined twice`);
      lexicons[lex] = value;
    }
    for (const rule of file.rules ?? []) {
      const other = ruleFile.get(rule.id);
      if (other) throw new PackSourceError(`pack ${dirName}, file ${name}, rule ${rule.id}, field id: already defined in ${other}`);
      ruleFile.set(rule.id, name);
      for (const text of [rule.message, rule.fix]) if (text && !text['zh-Hant']) text['zh-Hant'] = traditional(text['zh-Hans']);
      rules.push(rule);
    }
  }
  if (!manifest) throw new PackSourceError(`pack ${dirName}: no pack.yaml with a "pack:" manifest (id, version, jurisdiction, name)`);
  const compiled: CompiledPack = { format: 1, pack: manifest, abbreviations, lexicons, rules, phonetics: derivePhonetics(lexicons) };
  return compiledPackSchema.parse(compiled);
}

export function buildPackDir(dir: string): CompiledPack {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .map((name) => ({ name, source: readFileSync(join(dir, name), 'utf8') }));
  return buildPackFromSources(basename(dir), files);
}

/**
 * Turns compiled packs (validated JSON) into an Engine: every phrase of every pack goes into one
 * Aho–Corasick automaton per view, and every rule is indexed by the terms that can anchor it, so a check
 * only evaluates rules whose anchor actually occurs in the draft.
 */
import { AhoCorasick } from './match/aho-corasick';
import { CUES, CUE_KINDS, type CueKind } from './cues';
import { DETECTORS } from './detectors';
import { foldString } from './normalize/fold';
import { buildBaseView, buildMatchView, type Phonetics } from './normalize/views';
import { assertSafeRegex } from './redos';
import type { CompiledPack, LexiconSource, RuleSource, TermSource } from './schema';
import type { Category, Channel, LocalizedText, Recipient, Severity } from './types';

export type TermKind = 'phrase' | 'gap' | 'regex' | 'detector';

export interface Term {
  id: number;
  kind: TermKind;
  /** folded text (phrase), parts (gap), pattern (regex) or detector name */
  text: string;
  parts: string[];
  regex?: RegExp;
  /** Latin phrase edges that must fall on word boundaries */
  leftBoundary: boolean;
  rightBoundary: boolean;
  sound: boolean;
  /** real words that only sound like this term (sound terms only) */
  soundExcept: Set<string> | null;
}

export type Scope = 'clause' | 'sentence' | 'draft' | number;

export interface CompiledRule {
  index: number;
  pack: string;
  id: string;
  category: Category;
  severity: (recipient: Recipient) => Severity;
  recipients: Set<Recipient> | null;
  channels: Set<Channel> | null;
  jurisdictions: Set<string> | null;
  scripts: Set<'han' | 'latin'> | null;
  kind: 'match' | 'require' | 'time';
  /** symbol ids; each entry of `all` is a disjunction */
  all: number[][];
  any: number[] | null;
  none: number[] | null;
  within: Scope;
  negation: boolean;
  reported: boolean;
  requireAny: number[];
  time?: { from: number; to: number; zone?: string };
  message: LocalizedText;
  source: string;
  fix?: LocalizedText;
  source_rule: RuleSource;
}

/** Where a pattern of an automaton leads: the term, and which part of a gap phrase. */
export interface PatternTarget {
  term: number;
  part: number;
}

export interface CompiledTables {
  terms: Term[];
  /** symbol id -> term ids */
  symbols: number[][];
  /** the same as sets, for walking a draft's few hit terms instead of a large lexicon */
  symbolMembers: Set<number>[];
  symbolNames: string[];
  cueSymbol: Record<CueKind, number>;
  matchAutomaton: AhoCorasick;
  matchTargets: PatternTarget[][];
  soundAutomaton: AhoCorasick | null;
  soundTargets: PatternTarget[][];
  regexTerms: number[];
  detectorTerms: number[];
  rules: CompiledRule[];
  /** term id -> rules it can anchor */
  rulesByTerm: number[][];
  unanchoredRules: number[];
  abbreviations: Map<string, string>;
  phonetics: Phonetics | null;
  packs: { id: string; version: number; jurisdiction: string; name: LocalizedText; ruleCount: number }[];
}

export class PackCompileError extends Error {
  constructor(
    readonly pack: string,
    readonly rule: string | undefined,
    readonly field: string,
    detail: string,
  ) {
    super(`pack ${pack}${rule ? `, rule ${rule}` : ''}, field ${field}: ${detail}`);
    this.name = 'PackCompileError';
  }
}

const LATIN_EDGE = /[a-z0-9]/;

/** A phrase goes through the same views as a draft (won't → "won t", 坐坐牢 → 坐牢), so both meet on one spelling. */
function normalizeTerm(phrase: string): string {
  // Fast path for the common cases (all Han, or plain lower-case words): the views would return them folded as
  // they are, and building views for thousands of terms is most of a compile's cost.
  if (/^[\u4e00-\u9fff]+$/.test(phrase) || /^[a-z0-9]+(?: [a-z0-9]+)*$/.test(phrase)) return foldString(phrase);
  return buildMatchView(buildBaseView(phrase), new Map()).text.replace(/[|#]/g, '').trim();
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

export interface CompileOptions {
  /**
   * Prove every regex free of catastrophic backtracking (default). The extension's content script turns it off
   * for packs the background already verified, since the proof costs far more than the rest of compiling.
   */
  verifyRegexes?: boolean;
}

export function compileTables(packs: CompiledPack[], options: CompileOptions = {}): CompiledTables {
  const verifyRegexes = options.verifyRegexes !== false;
  const terms: Term[] = [];
  const termByKey = new Map<string, number>();
  const termByRaw = new Map<string, number>();
  const symbols: number[][] = [];
  const symbolNames: string[] = [];
  const symbolByName = new Map<string, number>();
  const matchAutomaton = new AhoCorasick();
  const matchTargets: PatternTarget[][] = [];
  const matchPatternByText = new Map<string, number>();
  const soundPatterns = new Map<string, PatternTarget[]>();
  const regexTerms: number[] = [];
  const detectorTerms: number[] = [];
  const abbreviations = new Map<string, string>();

  const addMatchPattern = (text: string, target: PatternTarget) => {
    let id = matchPatternByText.get(text);
    if (id === undefined) {
      id = matchAutomaton.add(text);
      matchPatternByText.set(text, id);
      matchTargets.push([]);
    }
    matchTargets[id].push(target);
  };

  /** Returns the term for a source term, creating it (and its patterns) on first use. */
  const termFor = (source: TermSource, where: { pack: string; rule?: string; field: string }): number => {
    if (typeof source !== 'string') {
      const key = `re:${source.flags ?? ''}:${source.re}`;
      const known = termByKey.get(key);
      if (known !== undefined) return known;
      let regex: RegExp;
      try {
        regex = new RegExp(source.re, `g${source.flags ?? ''}`);
      } catch (e) {
        throw new PackCompileError(where.pack, where.rule, where.field, `invalid regex /${source.re}/: ${(e as Error).message}`);
      }
      try {
        if (verifyRegexes) assertSafeRegex(source.re);
      } catch (e) {
        throw new PackCompileError(where.pack, where.rule, where.field, (e as Error).message);
      }
      const id = terms.length;
      terms.push({ id, kind: 'regex', text: source.re, parts: [], regex, leftBoundary: false, rightBoundary: false, sound: false, soundExcept: null });
      termByKey.set(key, id);
      regexTerms.push(id);
      return id;
    }
    if (source.startsWith('$')) {
      const name = source.slice(1);
      if (!DETECTORS[name]) throw new PackCompileError(where.pack, where.rule, where.field, `unknown detector ${source} (known: ${Object.keys(DETECTORS).join(', ')})`);
      const key = `det:${name}`;
      const known = termByKey.get(key);
      if (known !== undefined) return known;
      const id = terms.length;
      terms.push({ id, kind: 'detector', text: name, parts: [], leftBoundary: false, rightBoundary: false, sound: false, soundExcept: null });
      termByKey.set(key, id);
      detectorTerms.push(id);
      return id;
    }
    const seen = termByRaw.get(source);
    if (seen !== undefined) return seen;
    const prefix = source.endsWith('*') && source.length > 1;
    const raw = prefix ? source.slice(0, -1) : source;
    const parts = raw.includes('…') || raw.includes('...') ? raw.split(/…|\.\.\./).map(normalizeTerm) : [normalizeTerm(raw)];
    if (parts.some((p) => !p)) throw new PackCompileError(where.pack, where.rule, where.field, `empty phrase part in "${source}"`);
    const text = parts.join('…');
    const key = `${prefix ? 'p' : 't'}:${text}`;
    const known = termByKey.get(key);
    if (known !== undefined) {
      termByRaw.set(source, known);
      return known;
    }
    const id = terms.length;
    const first = parts[0];
    const last = parts[parts.length - 1];
    terms.push({
      id,
      kind: parts.length > 1 ? 'gap' : 'phrase',
      text,
      parts,
      leftBoundary: LATIN_EDGE.test(first[0]),
      rightBoundary: !prefix && LATIN_EDGE.test(last[last.length - 1]),
      sound: false,
      soundExcept: null,
    });
    termByKey.set(key, id);
    termByRaw.set(source, id);
    parts.forEach((p, part) => addMatchPattern(p, { term: id, part }));
    return id;
  };

  const defineSymbol = (name: string, termIds: number[]) => {
    const id = symbols.length;
    symbols.push([...new Set(termIds)]);
    symbolNames.push(name);
    symbolByName.set(name, id);
    return id;
  };

  // Engine cues first, so that their symbols exist for every pack.
  const cueSymbol = {} as Record<CueKind, number>;
  for (const kind of CUE_KINDS) {
    cueSymbol[kind] = defineSymbol(`~${kind}`, CUES[kind].map((t) => termFor(t, { pack: 'engine', field: `cues.${kind}` })));
  }

  // Phonetics: merged over packs (they are all derived from the same pinyin data). The per-character table
  // is filled straight from the pack's syllable → characters strings: no intermediate map of 16k entries.
  let phonetics: Phonetics | null = null;
  const allSyllables = new Set<string>();
  const termReadings = new Map<string, string[]>();
  for (const pack of packs) for (const s of pack.phonetics.syllables) allSyllables.add(s);
  if (allSyllables.size) {
    const syllableCode = new Map<string, string>();
    [...allSyllables].sort().forEach((s, k) => syllableCode.set(s, String.fromCharCode(0xe000 + k)));
    const hanCode = new Uint16Array(0x9fff - 0x4e00 + 1);
    const charCode = new Map<number, string>(); // characters outside U+4E00–U+9FFF
    for (const pack of packs) {
      for (const syllable in pack.phonetics.chars) {
        const code = syllableCode.get(syllable);
        if (!code) continue;
        const unit = code.charCodeAt(0);
        const chars = pack.phonetics.chars[syllable];
        for (let k = 0; k < chars.length; k++) {
          const c = chars.charCodeAt(k);
          if (c >= 0x4e00 && c <= 0x9fff) hanCode[c - 0x4e00] = unit;
          else charCode.set(c, code);
        }
      }
      for (const [t, reading] of Object.entries(pack.phonetics.termReadings)) termReadings.set(normalizeTerm(t), reading);
    }
    let longest = 0;
    for (const s of allSyllables) longest = Math.max(longest, s.length);
    phonetics = { syllableCode, charCode, hanCode, maxSyllableLength: longest };
  }
  const soundFormsOf = (text: string): string[] => {
    if (!phonetics) return [];
    const forms = new Set<string>();
    let byChar = '';
    for (let k = 0; k < text.length; k++) {
      const c = text.charCodeAt(k);
      const unit = c >= 0x4e00 && c <= 0x9fff ? phonetics.hanCode[c - 0x4e00] : (phonetics.charCode.get(c)?.charCodeAt(0) ?? 0);
      if (!unit) return [];
      byChar += String.fromCharCode(unit);
    }
    forms.add(byChar);
    const reading = termReadings.get(text);
    if (reading && reading.every((s) => phonetics!.syllableCode.has(s))) forms.add(reading.map((s) => phonetics!.syllableCode.get(s)).join(''));
    return [...forms].filter((f) => f.length >= 2);
  };

  const lexiconTerms = (pack: CompiledPack, name: string, stack: string[]): number[] => {
    const key = `@${pack.pack.id}:${name}`;
    const existing = symbolByName.get(key);
    if (existing !== undefined) return symbols[existing];
    const lexicon: LexiconSource | undefined = pack.lexicons[name];
    if (!lexicon) throw new PackCompileError(pack.pack.id, undefined, `lexicons.${stack[stack.length - 1] ?? name}`, `unknown lexicon @${name}`);
    if (stack.includes(name)) throw new PackCompileError(pack.pack.id, undefined, `lexicons.${name}`, `lexicon refers to itself through ${stack.join(' → ')}`);
    const list = Array.isArray(lexicon) ? lexicon : lexicon.terms;
    const sound = !Array.isArray(lexicon) && lexicon.sound === true;
    const except = Array.isArray(lexicon) ? [] : (lexicon.sound_except ?? []).map(normalizeTerm);
    const ids: number[] = [];
    for (const t of list) {
      if (typeof t === 'string' && t.startsWith('@')) {
        ids.push(...lexiconTerms(pack, t.slice(1), [...stack, name]));
        continue;
      }
      const id = termFor(t, { pack: pack.pack.id, field: `lexicons.${name}` });
      const term = terms[id];
      if (sound && term.kind === 'phrase' && !term.leftBoundary) {
        term.sound = true;
        term.soundExcept ??= new Set();
        for (const e of except) term.soundExcept.add(e);
        for (const form of soundFormsOf(term.text)) {
          const targets = soundPatterns.get(form) ?? [];
          targets.push({ term: id, part: 0 });
          soundPatterns.set(form, targets);
        }
      }
      ids.push(id);
    }
    defineSymbol(key, ids);
    return ids;
  };

  const symbolFor = (pack: CompiledPack, item: string, rule: string, field: string): number => {
    if (item.startsWith('~')) {
      const cue = symbolByName.get(item);
      if (cue === undefined) throw new PackCompileError(pack.pack.id, rule, field, `unknown engine cue ${item}`);
      return cue;
    }
    if (item.startsWith('@')) {
      lexiconTerms(pack, item.slice(1), []);
      return symbolByName.get(`@${pack.pack.id}:${item.slice(1)}`)!;
    }
    const name = `=${item}`;
    const known = symbolByName.get(name);
    if (known !== undefined) return known;
    return defineSymbol(name, [termFor(item, { pack: pack.pack.id, rule, field })]);
  };

  const rules: CompiledRule[] = [];
  const seenRuleIds = new Set<string>();
  const packInfo: CompiledTables['packs'] = [];
  for (const pack of packs) {
    for (const [abbr, expansion] of Object.entries(pack.abbreviations)) abbreviations.set(abbr, foldString(expansion));
    for (const name of Object.keys(pack.lexicons)) lexiconTerms(pack, name, []);
    for (const r of pack.rules) {
      if (seenRuleIds.has(r.id)) throw new PackCompileError(pack.pack.id, r.id, 'id', 'duplicate rule id');
      seenRuleIds.add(r.id);
      const sev = r.severity;
      const severity: CompiledRule['severity'] = typeof sev === 'string' ? () => sev : (recipient) => sev[recipient] ?? sev.default;
      const kind = r.match ? 'match' : r.require ? 'require' : 'time';
      const m = r.match;
      rules.push({
        index: rules.length,
        pack: pack.pack.id,
        id: r.id,
        category: r.category,
        severity,
        recipients: r.when?.recipient ? new Set(r.when.recipient) : null,
        channels: r.when?.channel ? new Set(r.when.channel) : null,
        jurisdictions: r.when?.jurisdiction ? new Set(r.when.jurisdiction.map((j) => j.toLowerCase())) : null,
        scripts: r.when?.script ? new Set(r.when.script) : pack.pack.script ? new Set(pack.pack.script) : null,
        kind,
        all: (m?.all ?? []).map((entry, k) => (Array.isArray(entry) ? entry : [entry]).map((it) => symbolFor(pack, it, r.id, `match.all[${k}]`))),
        any: m?.any ? m.any.map((it, k) => symbolFor(pack, it, r.id, `match.any[${k}]`)) : null,
        none: m?.none ? m.none.map((it, k) => symbolFor(pack, it, r.id, `match.none[${k}]`)) : null,
        within: m?.within ?? 'clause',
        negation: m?.negation ?? true,
        reported: m?.reported ?? true,
        requireAny: r.require ? r.require.any.map((it, k) => symbolFor(pack, it, r.id, `require.any[${k}]`)) : [],
        time: r.time ? { from: toMinutes(r.time.from), to: toMinutes(r.time.to), zone: r.time.zone } : undefined,
        message: r.message,
        source: r.source,
        fix: r.fix,
        source_rule: r,
      });
    }
    packInfo.push({ id: pack.pack.id, version: pack.pack.version, jurisdiction: pack.pack.jurisdiction, name: pack.pack.name, ruleCount: pack.rules.length });
  }

  matchAutomaton.build();
  let soundAutomaton: AhoCorasick | null = null;
  const soundTargets: PatternTarget[][] = [];
  if (soundPatterns.size) {
    soundAutomaton = new AhoCorasick();
    for (const [form, targets] of soundPatterns) {
      soundAutomaton.add(form);
      soundTargets.push(targets);
    }
    soundAutomaton.build();
  }

  // Anchor index: a match rule is evaluated only when a term of its first `all` entry (or of `any`) occurs.
  const rulesByTerm: number[][] = terms.map(() => []);
  const unanchoredRules: number[] = [];
  for (const rule of rules) {
    if (rule.kind !== 'match') {
      unanchoredRules.push(rule.index);
      continue;
    }
    const anchorSymbols = rule.all.length ? rule.all[0] : rule.any!;
    const anchorTerms = new Set(anchorSymbols.flatMap((s) => symbols[s]));
    for (const t of anchorTerms) rulesByTerm[t].push(rule.index);
  }

  return {
    terms,
    symbols,
    symbolMembers: symbols.map((list) => new Set(list)),
    symbolNames,
    cueSymbol,
    matchAutomaton,
    matchTargets,
    soundAutomaton,
    soundTargets,
    regexTerms,
    detectorTerms,
    rules,
    rulesByTerm,
    unanchoredRules,
    abbreviations,
    phonetics,
    packs: packInfo,
  };
}

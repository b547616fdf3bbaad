/**
 * The check itself: views → hits → candidate rules → findings → verdict. Synchronous and allocation-light,
 * because it runs inside the keydown that decides whether a draft may be sent.
 */
import { compileTables, type CompileOptions, type CompiledRule, type CompiledTables } from './compile';
import { collectHits, lowerBound, segment, type Hit, type HitSet, type Segments } from './hits';
import { buildBaseView, buildMatchView, buildSoundView } from './normalize/views';
import type { CompiledPack } from './schema';
import type { CheckContext, CheckResult, Finding, Locale, Recipient, Verdict } from './types';

/** How far (match-view characters) a negation reaches forward to the act it negates. */
const NEGATION_REACH_HAN = 10;
const NEGATION_REACH_LATIN = 40;
/** Longer than any cue phrase, so a backwards search from an anchor cannot skip one. */
const MAX_CUE_LENGTH = 24;
/** At most this many findings per rule, so a pathological draft cannot produce an unbounded report. */
const MAX_FINDINGS_PER_RULE = 20;

interface Draft extends Segments {
  text: string;
  matchText: string;
  hits: HitSet;
  symbolCache: Map<number, Hit[]>;
  unionCache: Map<string, Hit[]>;
}

/** Does some hit of a sorted list cover the span of `inner`? */
function contains(hits: Hit[], inner: Hit): boolean {
  for (let j = lowerBound(hits, inner.ms - MAX_CUE_LENGTH); j < hits.length && hits[j].ms <= inner.ms; j++) {
    if (hits[j].me >= inner.me && hits[j] !== inner) return true;
  }
  return false;
}

/** The first hit of a sorted list that starts in [lo, hi), or undefined. */
function firstIn(hits: Hit[], lo: number, hi: number): Hit | undefined {
  const h = hits[lowerBound(hits, lo)];
  return h && h.ms < hi ? h : undefined;
}

const timeFormatters = new Map<string, Intl.DateTimeFormat | null>();
function localMinutes(when: number, zone: string): number | null {
  let f = timeFormatters.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    } catch {
      f = null;
    }
    timeFormatters.set(zone, f);
  }
  if (!f) return null;
  let h = 0;
  let m = 0;
  for (const p of f.formatToParts(when)) {
    if (p.type === 'hour') h = Number(p.value);
    else if (p.type === 'minute') m = Number(p.value);
  }
  return h * 60 + m;
}

/** Mostly Chinese or mostly Latin? A Han character carries about as much as a short word, hence the weight. */
function dominantScript(matchText: string): 'han' | 'latin' {
  let han = 0;
  let latin = 0;
  for (let i = 0; i < matchText.length; i++) {
    const c = matchText.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) han++;
    else if (c >= 0x61 && c <= 0x7a) latin++;
  }
  return han > 0 && han * 4 >= latin ? 'han' : 'latin';
}

function localized(text: CompiledRule['message'], locale: Locale): string {
  return text[locale] ?? (locale === 'zh-Hant' ? text['zh-Hans'] : undefined) ?? text.en ?? text['zh-Hans'] ?? '';
}

export class Engine {
  readonly tables: CompiledTables;

  constructor(packs: CompiledPack[], options: CompileOptions = {}) {
    this.tables = compileTables(packs, options);
  }

  get packs() {
    return this.tables.packs;
  }

  get rules(): readonly CompiledRule[] {
    return this.tables.rules;
  }

  /** Never throws: an internal failure blocks the draft (fail closed) and says why. */
  check(text: string, context: CheckContext = {}): CheckResult {
    try {
      return this.checkUnsafe(typeof text === 'string' ? text : String(text), context);
    } catch (e) {
      return {
        verdict: 'block',
        findings: [
          {
            rule: 'draftguard.internal-error',
            pack: 'engine',
            category: 'threat',
            severity: 'block',
            start: 0,
            end: 0,
            text: '',
            message: `The guard could not check this draft (${(e as Error).message}); it is held back until it can.`,
            source: 'Draftguard fail-closed policy',
            via: 'missing',
          },
        ],
      };
    }
  }

  private checkUnsafe(text: string, context: CheckContext): CheckResult {
    const t = this.tables;
    const base = buildBaseView(text);
    const match = buildMatchView(base, t.abbreviations);
    const sound = t.phonetics && t.soundAutomaton ? buildSoundView(match, t.phonetics) : null;
    const hits = collectHits(t, base, match, sound, t.detectorTerms.length > 0);
    const breaks = this.symbolHitsOf(hits, t.cueSymbol.clauseBreak);
    const draft: Draft = { text, matchText: match.text, hits, ...segment(match, breaks), symbolCache: new Map(), unionCache: new Map() };

    const recipient: Recipient = context.recipient ?? 'unknown';
    const locale: Locale = context.locale ?? 'zh-Hans';
    const jurisdictions = context.jurisdiction === undefined ? null : new Set([context.jurisdiction].flat().map((j) => j.toLowerCase()));
    const allowedPacks = jurisdictions && jurisdictions.size ? new Set(t.packs.filter((p) => jurisdictions.has(p.jurisdiction)).map((p) => p.id)) : null;

    let script: 'han' | 'latin' | undefined; // computed only if some candidate rule asks
    const candidates = new Set<number>(t.unanchoredRules);
    for (const term of hits.terms) for (const r of t.rulesByTerm[term]) candidates.add(r);

    const findings: Finding[] = [];
    for (const index of [...candidates].sort((a, b) => a - b)) {
      const rule = t.rules[index];
      if (allowedPacks && !allowedPacks.has(rule.pack)) continue;
      if (rule.recipients && !rule.recipients.has(recipient)) continue;
      if (rule.channels && !(context.channel && rule.channels.has(context.channel))) continue;
      if (rule.jurisdictions && !(jurisdictions && [...rule.jurisdictions].some((j) => jurisdictions.has(j)))) continue;
      if (rule.scripts && !rule.scripts.has((script ??= dominantScript(match.text)))) continue;
      const severity = rule.severity(recipient);
      const make = (start: number, end: number, via: Finding['via']): Finding => ({
        rule: rule.id,
        pack: rule.pack,
        category: rule.category,
        severity,
        start,
        end,
        text: text.slice(start, end),
        message: localized(rule.message, locale),
        source: rule.source,
        ...(rule.fix ? { fix: localized(rule.fix, locale) } : {}),
        via,
      });
      if (rule.kind === 'match') {
        for (const span of this.matchRule(rule, draft)) findings.push(make(span.os, span.oe, span.via));
      } else if (rule.kind === 'require') {
        const present = rule.requireAny.some((s) => this.symbolHits(draft, s).length > 0);
        if (!present) findings.push(make(0, 0, 'missing'));
      } else if (rule.time && context.sendTime !== undefined) {
        const when = typeof context.sendTime === 'number' ? context.sendTime : Date.parse(context.sendTime);
        const zone = context.recipientTimeZone ?? rule.time.zone;
        const minutes = Number.isFinite(when) && zone ? localMinutes(when, zone) : null;
        const { from, to } = rule.time;
        // Unknown time or zone: the guard cannot decide, so it says so rather than passing silently.
        const outside = minutes === null || (from <= to ? minutes < from || minutes >= to : minutes < from && minutes >= to);
        if (outside) findings.push(make(0, 0, 'time'));
      }
    }
    findings.sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule));
    let verdict: Verdict = 'pass';
    for (const f of findings) {
      if (f.severity === 'block') {
        verdict = 'block';
        break;
      }
      verdict = 'warn';
    }
    return { verdict, findings };
  }

  private symbolHitsOf(hits: HitSet, symbol: number): Hit[] {
    // Walk whichever is smaller: the symbol's terms, or the terms that occur at all (usually a few dozen).
    const terms = this.tables.symbols[symbol];
    const out: Hit[] = [];
    if (terms.length > hits.terms.length) {
      const member = this.tables.symbolMembers[symbol];
      for (const term of hits.terms) if (member.has(term)) for (const h of hits.get(term)!) out.push(h);
    } else {
      for (const term of terms) {
        const list = hits.get(term);
        if (list) for (const h of list) out.push(h);
      }
    }
    if (out.length > 1) out.sort((a, b) => a.ms - b.ms || a.me - b.me);
    return out;
  }

  private symbolHits(draft: Draft, symbol: number): Hit[] {
    let cached = draft.symbolCache.get(symbol);
    if (!cached) {
      cached = this.symbolHitsOf(draft.hits, symbol);
      draft.symbolCache.set(symbol, cached);
    }
    return cached;
  }

  private unionHits(draft: Draft, symbols: number[]): Hit[] {
    if (symbols.length === 1) return this.symbolHits(draft, symbols[0]);
    const key = symbols.join(',');
    let out = draft.unionCache.get(key);
    if (!out) {
      out = [];
      for (const s of symbols) for (const h of this.symbolHits(draft, s)) out.push(h);
      out.sort((a, b) => a.ms - b.ms);
      draft.unionCache.set(key, out);
    }
    return out;
  }

  /** The match-view range [lo, hi) that a rule's scope allows around its anchor. */
  private scopeOf(rule: CompiledRule, draft: Draft, a: Hit): [number, number] {
    const w = rule.within;
    if (w === 'draft') return [0, Number.MAX_SAFE_INTEGER];
    if (w === 'clause') {
      const c = draft.clause[a.ms];
      return [draft.clauseStart[c], draft.clauseStart[c + 1]];
    }
    const s = draft.sentence[a.ms];
    const lo = draft.sentenceStart[s];
    const hi = draft.sentenceStart[s + 1];
    return w === 'sentence' ? [lo, hi] : [Math.max(lo, a.ms - w), Math.min(hi, a.ms + w + 1)];
  }

  private *matchRule(rule: CompiledRule, draft: Draft): Generator<{ os: number; oe: number; via: Finding['via'] }> {
    const anchors = this.unionHits(draft, rule.all.length ? rule.all[0] : rule.any!);
    const rest = rule.all.slice(1).map((entry) => this.unionHits(draft, entry));
    const any = rule.any && rule.all.length ? this.unionHits(draft, rule.any) : null;
    const none = rule.none ? this.unionHits(draft, rule.none) : null;
    let lastEnd = -1;
    let count = 0;
    for (const a of anchors) {
      if (a.os < lastEnd) continue;
      if (rule.negation && this.isNegated(draft, a)) continue;
      if (rule.reported && this.isReported(draft, a)) continue;
      const [lo, hi] = this.scopeOf(rule, draft, a);
      const used: Hit[] = [a];
      let ok = true;
      for (const list of rest) {
        const h = firstIn(list, lo, hi);
        if (!h) {
          ok = false;
          break;
        }
        used.push(h);
      }
      if (!ok) continue;
      if (any) {
        const h = firstIn(any, lo, hi);
        if (!h) continue;
        used.push(h);
      }
      if (none && firstIn(none, lo, hi)) continue;
      // Underline the whole claim when it sits in one clause; otherwise just the anchor.
      const local = rule.within !== 'draft' && used.every((h) => draft.clause[h.ms] === draft.clause[a.ms]);
      const os = local ? Math.min(...used.map((h) => h.os)) : a.os;
      const oe = local ? Math.max(...used.map((h) => h.oe)) : a.oe;
      const via = used.find((h) => h.via !== 'plain')?.via ?? 'plain';
      yield { os, oe, via };
      lastEnd = oe;
      if (++count >= MAX_FINDINGS_PER_RULE) return;
    }
  }

  /** Is the act at `a` negated (我们不会上门, we will not sue), as opposed to conditioned (再不还就…)? */
  private isNegated(draft: Draft, a: Hit): boolean {
    const cues = this.tables.cueSymbol;
    const c = draft.clause[a.ms];
    const clauseLo = draft.clauseStart[c];
    const reach = /[a-z]/.test(draft.matchText[a.ms] ?? '') ? NEGATION_REACH_LATIN : NEGATION_REACH_HAN;
    const negations = this.symbolHits(draft, cues.negation);
    const conditions = this.symbolHits(draft, cues.condition);
    const consequences = this.symbolHits(draft, cues.consequence);
    const lo = Math.max(clauseLo, a.ms - reach - MAX_CUE_LENGTH);
    for (let k = lowerBound(negations, a.ms) - 1; k >= 0 && negations[k].ms >= lo; k--) {
      const n = negations[k];
      if (n.me > a.ms || a.ms - n.me > reach) continue;
      // The 不 of 再不还 / if you don't pay belongs to the condition, and the 不 of 不然/要不 to a consequence
      // marker: neither negates the act.
      if (contains(conditions, n) || contains(consequences, n)) continue;
      const consequence = firstIn(consequences, n.me, a.ms);
      if (consequence && consequence.me <= a.ms) continue;
      // 难道…不 / 你以为…不敢: rhetorical, so the act is asserted.
      if (firstIn(this.symbolHits(draft, cues.assertive), clauseLo, draft.clauseStart[c + 1])) return false;
      return true;
    }
    return false;
  }

  /** Does the act at `a` belong to someone else's words (您说…, you said…) or a fraud warning (谨防冒充…)? */
  private isReported(draft: Draft, a: Hit): boolean {
    const cues = this.tables.cueSymbol;
    const c = draft.clause[a.ms];
    const notReported = this.symbolHits(draft, cues.notReported);
    const reportedCues = this.symbolHits(draft, cues.reported);
    for (let k = lowerBound(reportedCues, draft.clauseStart[c]); k < reportedCues.length && reportedCues[k].me <= a.ms; k++) {
      // 你说话…/您说明 contain 你说/您说 without reporting anyone's words.
      if (!contains(notReported, reportedCues[k])) return true;
    }
    const s = draft.sentence[a.ms];
    return firstIn(this.symbolHits(draft, cues.fraudWarning), draft.sentenceStart[s], draft.sentenceStart[s + 1]) !== undefined;
  }
}

export function createEngine(packs: CompiledPack[], options: CompileOptions = {}): Engine {
  return new Engine(packs, options);
}

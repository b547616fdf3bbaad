/**
 * The rule-pack language, as zod schemas. Sources are YAML files in rules/packs/<pack>/; the build merges
 * them into one compiled JSON pack (same shape plus phonetic tables), which is what the extension loads.
 * `npm run packs` also writes the JSON Schema of the source format to rules/schema/ for editor completion.
 */
import { z } from 'zod';
import { CATEGORIES, CHANNELS, RECIPIENTS, SEVERITIES } from './types';

const localized = z
  .object({ 'zh-Hans': z.string().min(1), 'zh-Hant': z.string().min(1).optional(), en: z.string().min(1) })
  .strict();

/**
 * A term is a phrase ("坐牢", "arrest*"), a gap phrase ("打断…腿": parts in order, a few characters apart,
 * in one clause), a lexicon reference ("@arrest"), a structured detector ("$cn_id"), or a regex object.
 */
export const termSchema = z.union([
  z.string().min(1),
  z.object({ re: z.string().min(1), flags: z.string().regex(/^[imsu]*$/).optional() }).strict(),
]);
export type TermSource = z.infer<typeof termSchema>;

export const lexiconSchema = z.union([
  z.array(termSchema).min(1),
  z
    .object({
      /** Also match the pinyin of these phrases, typed in Latin or written with same-sounding characters. */
      sound: z.boolean().optional(),
      /** Real words that merely sound like a term (经查 ~ 警察) and must not count as it. */
      sound_except: z.array(z.string().min(1)).optional(),
      terms: z.array(termSchema).min(1),
    })
    .strict(),
]);

const item = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const example = z.union([
  z.string().min(1),
  z
    .object({
      text: z.string().min(1),
      recipient: z.enum(RECIPIENTS).optional(),
      channel: z.enum(CHANNELS).optional(),
      jurisdiction: z.string().optional(),
      sendTime: z.string().optional(),
      recipientTimeZone: z.string().optional(),
    })
    .strict(),
]);
export type ExampleSource = z.infer<typeof example>;

const severityByRecipient = z
  .object({
    default: z.enum(SEVERITIES),
    debtor: z.enum(SEVERITIES).optional(),
    guarantor: z.enum(SEVERITIES).optional(),
    third_party: z.enum(SEVERITIES).optional(),
    unknown: z.enum(SEVERITIES).optional(),
  })
  .strict();

export const ruleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, dot, dash, underscore'),
    category: z.enum(CATEGORIES),
    severity: z.union([z.enum(SEVERITIES), severityByRecipient]),
    when: z
      .object({
        recipient: z.array(z.enum(RECIPIENTS)).min(1).optional(),
        channel: z.array(z.enum(CHANNELS)).min(1).optional(),
        /** Only when the context names one of these jurisdictions (a US text is one the console says is US). */
        jurisdiction: z.array(z.string().min(2)).min(1).optional(),
        /** Only when the draft is mostly written in this script (han: Chinese; latin: English and other Latin). */
        script: z.array(z.enum(['han', 'latin'])).min(1).optional(),
      })
      .strict()
      .optional(),
    match: z
      .object({
        /** Every entry must occur in scope; an entry that is a list needs one of its items. The first is the anchor. */
        all: z.array(item).min(1).optional(),
        /** At least one of these must occur in scope. */
        any: z.array(z.string().min(1)).min(1).optional(),
        /** None of these may occur in scope. */
        none: z.array(z.string().min(1)).min(1).optional(),
        within: z.union([z.enum(['clause', 'sentence', 'draft']), z.number().int().min(1).max(500)]).optional(),
        /** Engine-handled negation ("我们不会上门") and reported speech ("您说…") suppress the match unless false. */
        negation: z.boolean().optional(),
        reported: z.boolean().optional(),
      })
      .strict()
      .refine((m) => m.all || m.any, 'match needs "all" or "any"')
      .optional(),
    /** Required content: a finding when none of these occur anywhere in the draft. */
    require: z.object({ any: z.array(z.string().min(1)).min(1) }).strict().optional(),
    /** Contact window in the recipient's local time; a finding when the send time falls outside it. */
    time: z
      .object({
        from: z.string().regex(/^\d\d:\d\d$/),
        to: z.string().regex(/^\d\d:\d\d$/),
        /** Time zone assumed when the context does not say where the recipient is. */
        zone: z.string().optional(),
      })
      .strict()
      .optional(),
    message: localized,
    source: z.string().min(1),
    fix: localized.optional(),
    examples: z.object({ flag: z.array(example).min(1), pass: z.array(example).min(1) }).strict(),
  })
  .strict()
  .refine((r) => [r.match, r.require, r.time].filter(Boolean).length === 1, 'a rule has exactly one of match, require, time');
export type RuleSource = z.infer<typeof ruleSchema>;

export const packManifestSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    version: z.number().int().positive(),
    jurisdiction: z.string().min(2),
    name: localized,
    description: localized.optional(),
    /** Percentage of agents who get this pack during a staged rollout (100 when absent). */
    rollout: z.number().min(0).max(100).optional(),
    /** Scripts of the drafts this pack's rules read, unless a rule says otherwise in when.script (absent: all). */
    script: z.array(z.enum(['han', 'latin'])).min(1).optional(),
  })
  .strict();

/** One YAML source file: the manifest lives in pack.yaml, the others hold lexicons and rules. */
export const packFileSchema = z
  .object({
    pack: packManifestSchema.optional(),
    normalize: z.object({ abbreviations: z.record(z.string().regex(/^[a-z]+$/), z.string().min(1)).optional() }).strict().optional(),
    lexicons: z.record(z.string().regex(/^[a-z0-9_]+$/), lexiconSchema).optional(),
    rules: z.array(ruleSchema).optional(),
  })
  .strict();
export type PackFile = z.infer<typeof packFileSchema>;

/** The compiled pack: merged sources plus the phonetic tables the build derived with pinyin-pro. */
export const compiledPackSchema = z
  .object({
    format: z.literal(1),
    pack: packManifestSchema,
    issuedAt: z.string().optional(),
    expiresAt: z.string().optional(),
    abbreviations: z.record(z.string(), z.string()),
    lexicons: z.record(z.string(), lexiconSchema),
    rules: z.array(ruleSchema),
    phonetics: z
      .object({
        /** Every toneless pinyin syllable, for reading Latin runs as pinyin. */
        syllables: z.array(z.string()),
        /** syllable -> characters that can be read with it (only syllables that occur in sound terms). */
        chars: z.record(z.string(), z.string()),
        /** term text -> its syllables in context (e.g. 还钱 -> huan qian), when that differs from char by char. */
        termReadings: z.record(z.string(), z.array(z.string())),
      })
      .strict(),
  })
  .strict();
export type CompiledPack = z.infer<typeof compiledPackSchema>;
export type LexiconSource = z.infer<typeof lexiconSchema>;

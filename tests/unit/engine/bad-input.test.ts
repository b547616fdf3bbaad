import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPackFromSources, PackSourceError } from '../../../rules/build/pack-build';
import { createEngine, PackCompileError } from '../../../rules';
import { FIXTURE_PACK_YAML, fixtureEngine } from './fixture-pack';

const build = (yaml: string, extra: { name: string; source: string }[] = []) =>
  buildPackFromSources('fixture', [{ name: 'pack.yaml', source: FIXTURE_PACK_YAML }, ...extra.map((e) => e)].concat(yaml ? [{ name: 'extra.yaml', source: yaml }] : []));

const RULE = (patch: string) => `
rules:
  - id: fx.extra
    category: threat
    severity: block
${patch}
    message: { zh-Hans: 测试, en: test }
    source: test
    examples: { flag: [x], pass: [y] }
`;

describe('invalid packs are rejected with a message naming pack, file, rule and field', () => {
  it('names the field of a schema error', () => {
    expect(() => build(RULE("    match: { any: [x] }\n    severity: fatal"))).toThrow(PackSourceError);
    try {
      build(RULE('    match: { any: [x] }').replace('category: threat', 'category: rudeness'));
    } catch (e) {
      expect((e as Error).message).toMatch(/pack fixture, file extra\.yaml, rule fx\.extra, field category/);
    }
  });

  it('reports YAML syntax errors with the file', () => {
    expect(() => build('rules: [\n  - id: {')).toThrow(/pack fixture, file extra\.yaml: YAML error/);
  });

  it('rejects unknown lexicons, detectors and duplicate ids at compile time', () => {
    expect(() => createEngine([build(RULE("    match: { any: ['@nope'] }"))])).toThrow(/pack fixture.*unknown lexicon @nope/);
    expect(() => createEngine([build(RULE("    match: { any: ['$passport'] }"))])).toThrow(PackCompileError);
    expect(() => build(RULE("    match: { any: [x] }").replace('fx.extra', 'fx.jail'))).toThrow(/rule fx\.jail, field id: already defined/);
  });

  it('rejects a regex that can backtrack catastrophically, naming the rule', () => {
    const yaml = `
lexicons:
  evil: [{ re: '(a+)+b' }]
${RULE("    match: { any: ['@evil'] }")}`;
    expect(() => createEngine([build(yaml)])).toThrow(/pack fixture.*ReDoS/);
    const unbounded = `
lexicons:
  hours: [{ re: '\\d+小时内' }]
${RULE("    match: { any: ['@hours'] }")}`;
    expect(() => createEngine([build(unbounded)])).toThrow(/bounded repetition/);
    const bounded = unbounded.replace('\\d+', '\\d{1,3}');
    expect(() => createEngine([build(bounded)])).not.toThrow();
  });

  it('requires a manifest', () => {
    expect(() => buildPackFromSources('orphan', [{ name: 'rules.yaml', source: 'rules: []' }])).toThrow(/no pack\.yaml/);
  });
});

describe('check() never throws and stays linear', () => {
  const engine = fixtureEngine();

  it('handles any string: random Unicode, lone surrogates, control characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.constantFrom('debtor', 'third_party', 'unknown') as fc.Arbitrary<'debtor'>, (text, recipient) => {
        const result = engine.check(text, { recipient });
        expect(['block', 'warn', 'pass']).toContain(result.verdict);
        for (const f of result.findings) {
          expect(f.start).toBeGreaterThanOrEqual(0);
          expect(f.end).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 400 },
    );
    for (const odd of ['\ud800', '\udfff坐牢\ud800你', '\u0000\u202e再不还就让你坐牢', '🏳️‍🌈'.repeat(50)]) {
      expect(() => engine.check(odd)).not.toThrow();
    }
  });

  it('checks a megabyte of emoji and a megabyte of trigger words', () => {
    const emoji = '😀🔪👮‍♂️'.repeat(100_000).slice(0, 1_000_000);
    expect(engine.check(emoji).verdict).toBeDefined();
    const spam = '再不还就让你坐牢，'.repeat(110_000);
    const result = engine.check(spam, { recipient: 'debtor' });
    expect(result.verdict).toBe('block');
    expect(result.findings.length).toBeLessThanOrEqual(200); // bounded report
  });

  it('still finds a violation at the end of a long draft full of innocent matches', () => {
    const padding = '您好，请您按时还款，谢谢您。'.repeat(5000); // thousands of 您 before the threat
    const result = engine.check(`${padding}再不还就让你坐牢`, { recipient: 'debtor' });
    expect(result.findings.some((f) => f.rule === 'fx.jail' && f.start > padding.length - 1)).toBe(true);
  });

  it('treats a non-string as text instead of throwing', () => {
    expect(engine.check(undefined as unknown as string).verdict).toBe('pass');
  });
});

import { describe, expect, it } from 'vitest';
import { runRuleExamples } from '../../../rules';
import { fixtureEngine } from './fixture-pack';

const engine = fixtureEngine();
const rulesOf = (text: string, ctx = {}) => engine.check(text, { recipient: 'debtor', ...ctx }).findings.map((f) => f.rule);

describe('check()', () => {
  it('returns the verdict and findings with offsets into the original draft', () => {
    const draft = '您好。再不还就让你坐牢！';
    const result = engine.check(draft, { recipient: 'debtor', locale: 'en' });
    expect(result.verdict).toBe('block');
    const f = result.findings.find((x) => x.rule === 'fx.jail')!;
    expect(draft.slice(f.start, f.end)).toBe(f.text);
    expect(f.text).toContain('坐牢');
    expect(f.message).toBe('No jail threats');
    expect(f.fix).toBe('may take lawful action');
    expect(f.source).toBe('测试来源');
  });

  it('gives messages in the UI locale, deriving traditional Chinese', () => {
    const f = engine.check('再不还就让你坐牢', { locale: 'zh-Hant' }).findings[0];
    expect(f.message).toBe('不得以拘留相威脅');
  });

  it('catches the usual disguises and maps spans back to the original text', () => {
    const cases = ['再不還就讓你坐牢', '再不还就让你坐 牢', '再不还就让你坐-牢', '再不还就让你坐\u200b牢', '再不还就让你坐坐牢', '再不还就让你zuo lao', '再不还就让你做牢', '再不还就让你坐lao'];
    for (const draft of cases) {
      const f = engine.check(draft, { recipient: 'debtor' }).findings.find((x) => x.rule === 'fx.jail');
      expect(f, draft).toBeDefined();
      expect(draft.slice(f!.start, f!.end)).toBe(f!.text);
      expect(f!.end).toBeGreaterThan(f!.start);
    }
    expect(rulesOf('明天ｊｃ上门')).toContain('fx.police-visit');
    expect(rulesOf('明天 👮 上门')).toContain('fx.police-visit');
    expect(rulesOf('再不还就让你 z u o l a o')).toContain('fx.jail'); // pinyin spelled letter by letter
    expect(rulesOf('you d3adb3at')).toContain('fx.insult');
    expect(rulesOf('you d e a d b e a t')).toContain('fx.insult');
    expect(rulesOf('YOU DEADBEAT')).toContain('fx.insult');
    expect(rulesOf('you lOsers')).toContain('fx.insult');
  });

  it('reads Latin words as pinyin only beside Chinese or among other pinyin, never in English prose', () => {
    expect(rulesOf('再不还就让你 zuo lao')).toContain('fx.jail');
    expect(rulesOf('你，zuolao ba')).toContain('fx.jail'); // a run of pinyin words, not touching Chinese
    expect(rulesOf('I will be at the zoo later, you know')).toEqual([]); // "zuo lao" is not in English text
  });

  it('does not take real words that merely sound alike, or words inside other words', () => {
    expect(rulesOf('经查您已逾期，工作人员将上门')).not.toContain('fx.police-visit');
    expect(rulesOf('the deadbeats are not you')).not.toContain('fx.insult');
    expect(rulesOf('handsomeloser')).not.toContain('fx.insult');
  });

  it('honours negation but not the 不 of a condition', () => {
    expect(rulesOf('我们不会让你坐牢')).toEqual([]);
    expect(rulesOf('逾期并不会导致你被拘留')).toEqual([]);
    expect(rulesOf('你再不还钱就抓你')).toContain('fx.jail');
    expect(rulesOf('如果不还，就让你坐牢')).toContain('fx.jail');
    expect(rulesOf('不是不能让你坐牢，难道你不怕')).toContain('fx.jail');
    expect(rulesOf('we will never call you a deadbeat')).toEqual([]);
  });

  it('does not read the 不 of 不然/要不 as a negation', () => {
    expect(rulesOf('赶紧还，不然就让你坐牢')).toContain('fx.jail');
    expect(rulesOf('要不然让你坐牢')).toContain('fx.jail');
  });

  it('ends the reach of a negation at the clause and at 但', () => {
    expect(rulesOf('我们不会上门，但会让你坐牢')).toContain('fx.jail');
  });

  it('ignores reported speech and fraud warnings', () => {
    expect(rulesOf('您说我们要让你坐牢，这不是事实')).toEqual([]);
    expect(rulesOf('请谨防冒充警察上门的诈骗分子')).toEqual([]);
    expect(rulesOf('you said I called you a deadbeat')).toEqual([]);
    expect(rulesOf('您自己说过要坐牢也不还')).toEqual([]);
    expect(rulesOf('你说话算话吗？再不还就让你坐牢')).toContain('fx.jail'); // 你说话 reports nothing
  });

  it('applies recipient conditions and severity by recipient', () => {
    expect(engine.check('他的欠款请尽快处理', { recipient: 'third_party' }).verdict).toBe('block');
    expect(engine.check('他的欠款请尽快处理', { recipient: 'unknown' }).verdict).toBe('warn');
    expect(engine.check('他的欠款请尽快处理', { recipient: 'debtor' }).verdict).toBe('pass');
    expect(engine.check('他的欠款请尽快处理').verdict).toBe('warn'); // unknown by default
  });

  it('flags missing required content only where the rule applies', () => {
    expect(rulesOf('Please pay today.', { channel: 'sms' })).toContain('fx.optout');
    expect(rulesOf('Please pay today. Reply STOP to opt out.', { channel: 'sms' })).not.toContain('fx.optout');
    expect(rulesOf('Please pay today.', { channel: 'chat' })).not.toContain('fx.optout');
  });

  it('checks the contact window in the recipient time zone', () => {
    expect(rulesOf('您好', { sendTime: '2026-12-01T15:30:00Z' })).toContain('fx.night'); // 23:30 in Shanghai
    expect(rulesOf('您好', { sendTime: '2026-12-01T02:00:00Z' })).not.toContain('fx.night'); // 10:00
    expect(rulesOf('hello', { sendTime: '2026-12-01T03:30:00Z', recipientTimeZone: 'America/New_York' })).toContain('fx.night'); // 22:30 NY
    expect(rulesOf('hello', { sendTime: '2026-12-01T02:00:00Z', recipientTimeZone: 'Not/AZone' })).toContain('fx.night'); // cannot decide → says so
  });

  it('filters packs by jurisdiction', () => {
    expect(rulesOf('再不还就让你坐牢', { jurisdiction: 'us' })).toEqual([]);
    expect(rulesOf('再不还就让你坐牢', { jurisdiction: ['cn', 'us'] })).toContain('fx.jail');
  });

  it('runs every rule example of the fixture pack green', () => {
    const { total, failures } = runRuleExamples(engine);
    expect(failures).toEqual([]);
    expect(total).toBe(14);
  });
});

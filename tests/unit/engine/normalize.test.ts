import { describe, expect, it } from 'vitest';
import { AhoCorasick } from '../../../rules/engine/match/aho-corasick';
import { foldString } from '../../../rules/engine/normalize/fold';
import { buildBaseView, buildMatchView } from '../../../rules/engine/normalize/views';

const matchText = (s: string, abbr: [string, string][] = []) => buildMatchView(buildBaseView(s), new Map(abbr)).text;

describe('normalised views', () => {
  it('folds script, width, case and invisible characters', () => {
    expect(foldString('還錢 ＡＢＣ１２３')).toBe('还钱 abc123');
    expect(foldString('法\u200b院\ufeff')).toBe('法院');
    expect(foldString('аrrеst')).toBe('arrest'); // Cyrillic а and е
    expect(foldString('fǎ yuàn')).toBe('fa yuan');
  });

  it('drops noise between characters but keeps clause and sentence marks', () => {
    expect(matchText('法 院 / 坐-牢')).toBe('法院坐牢');
    expect(matchText('你好，法院。明天')).toBe('你好|法院#明天');
    expect(matchText('a r r e s t now')).toBe('arrest now');
    expect(matchText('arrrrest j41l')).toBe('arrest jail');
    expect(matchText('3.5 元')).toBe('3 5元');
    expect(matchText('jc上门', [['jc', '警察']])).toBe('警察上门');
    expect(matchText('j c 上门', [['jc', '警察']])).toBe('警察上门'); // spaced initials of a listed abbreviation
    expect(matchText('u r a thief')).toBe('u r a thief'); // chat shorthand, not spelled-out letters
  });

  it('maps every match-view character back into the original draft', () => {
    const draft = '再 不 還 🔪 你，arr3st';
    const base = buildBaseView(draft);
    const view = buildMatchView(base, new Map());
    for (let i = 0; i < view.text.length; i++) {
      expect(view.start[i]).toBeGreaterThanOrEqual(0);
      expect(view.end[i]).toBeLessThanOrEqual(draft.length);
      expect(view.start[i]).toBeLessThanOrEqual(view.end[i]);
    }
    const knife = view.text.indexOf('刀');
    expect(draft.slice(view.start[knife], view.end[knife])).toBe('🔪');
  });
});

describe('Aho–Corasick', () => {
  it('finds every occurrence of every pattern, overlapping ones included', () => {
    const ac = new AhoCorasick();
    const ids = ['he', 'she', 'his', 'hers'].map((p) => ac.add(p));
    ac.build();
    const found: string[] = [];
    ac.scan('ushers', (id, end) => found.push(`${id}@${end}`));
    expect(found.sort()).toEqual([`${ids[0]}@4`, `${ids[1]}@4`, `${ids[3]}@6`].sort());
  });
});

import { describe, expect, it } from 'vitest';
import { guessLang, toCorpus, toCsv } from '../../../lib/audit/exchange';
import { readAuditPolicy } from '../../../lib/audit/settings';
import type { AuditRecord, ReviewLabel } from '../../../lib/audit/types';

const record = (id: string, patch: Partial<AuditRecord> = {}): AuditRecord => ({
  v: 1, id, chain: 'c', seq: 1, time: 0, agent: 'a', action: 'blocked', site: 's', recipient: 'guarantor', channel: 'sms', packs: [],
  findings: [{ rule: 'cn.threat.violence', category: 'threat', severity: 'block', start: 0, end: 2 }], draft: '你等着', redacted: false,
  prevHash: '0'.repeat(64), hash: '1'.repeat(64), ...patch,
});
const label = (id: string, status: ReviewLabel['status'], comment = ''): [string, ReviewLabel] => [id, { id, status, comment, at: 0 }];

describe('exports', () => {
  it('writes CSV with quoting and defused formulas', () => {
    const csv = toCsv([record('x', { draft: '=HYPERLINK("evil"), "quoted"\nline' })], new Map([label('x', 'confirmed', 'ok')]));
    expect(csv.startsWith('\uFEFFid,time,')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""evil""), ""quoted""\nline"`);
    expect(csv).toContain(',confirmed,ok,');
  });
  it('turns labels into corpus lines: false positives must pass, confirmed ones keep their categories', () => {
    const lines = toCorpus(
      [record('fp', { draft: '请谨防冒充公检法的诈骗电话' }), record('ok'), record('none'), record('blank', { draft: '•••' })],
      new Map([label('fp', 'false_positive', 'fraud warning'), label('ok', 'needs_coaching'), label('blank', 'confirmed')]),
    );
    expect(lines).toEqual([
      { id: 'qa-fp', text: '请谨防冒充公检法的诈骗电话', lang: 'zh-Hans', channel: 'sms', recipient: 'unknown', expect: 'pass', labels: [], note: 'QA false_positive (cn.threat.violence): fraud warning' },
      { id: 'qa-ok', text: '你等着', lang: 'zh-Hans', channel: 'sms', recipient: 'unknown', expect: 'block', labels: ['threat'], note: 'QA needs_coaching (cn.threat.violence)' },
    ]);
    expect(guessLang('請問您是否方便今天回電？我們可以協助您')).toBe('zh-Hant');
    expect(guessLang('We will not contact your employer.')).toBe('en');
  });
});

describe('audit policy', () => {
  it('reads the full sink settings and the first policy draft form, and defaults without one', () => {
    expect(readAuditPolicy({}).policy.sink).toBeUndefined();
    expect(readAuditPolicy({ audit: { sink: 'local', retentionDays: 90, includeDraftText: true } }).policy).toMatchObject({ retention: { days: 90 }, sink: undefined });
    expect(readAuditPolicy({ audit: { sink: 'http', url: 'https://c.example/v1/logs' } }).policy.sink).toMatchObject({ url: 'https://c.example/v1/logs', batchSize: 100 });
    const full = readAuditPolicy({ audit: { redactDrafts: true, sink: { url: 'https://c.example/v1/logs', headers: { 'x-api-key': 'k' } } } });
    expect(full.policy).toMatchObject({ redactDrafts: true, sink: { headers: { 'x-api-key': 'k' } } });
    const bad = readAuditPolicy({ audit: { sink: { url: 'file:///etc/passwd' } } });
    expect(bad.policy.sink).toBeUndefined();
    expect(bad.error).toBeTruthy();
  });
});

import { describe, expect, it } from 'vitest';
import { resolvePolicy, siteFor } from '../../../lib/guard/policy';
import { matchesPattern } from '../../../lib/guard/match-pattern';
import { DEFAULT_POLICY } from '../../../lib/guard/defaults';
import { bump, countsForToday, localDay } from '../../../lib/guard/counts';
import { mapShownRole } from '../../../lib/guard/recipient';
import { extraPatterns } from '../../../lib/guard/background';
import { localeFromTag, t } from '../../../components/shared/i18n';

describe('match patterns', () => {
  it('match scheme, subdomains and any port like the browser does', () => {
    expect(matchesPattern('http://localhost/*', 'http://localhost:5173/chat')).toBe(true);
    expect(matchesPattern('https://*.zendesk.com/*', 'https://acme.zendesk.com/agent/tickets/1')).toBe(true);
    expect(matchesPattern('https://*.zendesk.com/*', 'https://zendesk.com/')).toBe(true);
    expect(matchesPattern('https://*.zendesk.com/*', 'https://evilzendesk.com/')).toBe(false);
    expect(matchesPattern('https://web.whatsapp.com/*', 'http://web.whatsapp.com/')).toBe(false);
  });
});

describe('resolvePolicy', () => {
  it('falls back to defaults for absent or malformed values', () => {
    expect(resolvePolicy(undefined)).toBe(DEFAULT_POLICY);
    const p = resolvePolicy({ enforcement: 'bogus', sites: [{ pattern: 'not a pattern' }], severity: { block: { override: 'maybe' } } });
    expect(p.enforcement).toBe('enforce');
    expect(p.sites).toEqual([]);
    expect(p.severity.block.override).toBe('none');
  });

  it('reads the guard section the admin part publishes; "add" keeps the built-in consoles', () => {
    const p = resolvePolicy({ mode: 'x', guard: { enforcement: 'monitor', sitesMode: 'add', sites: [{ pattern: 'https://crm.example.com/*', channel: 'sms', send: '#go' }], severity: { warn: { confirm: 'justify' } } } });
    expect(p.enforcement).toBe('monitor');
    expect(p.severity.warn.confirm).toBe('justify');
    expect(siteFor(p, 'https://crm.example.com/inbox')).toMatchObject({ channel: 'sms', send: '#go' });
    expect(siteFor(p, 'https://web.whatsapp.com/')?.label).toBe('WhatsApp Web');
    expect(extraPatterns({ guard: { sitesMode: 'add', sites: [{ pattern: 'https://crm.example.com/*' }] } })).toEqual(['https://crm.example.com/*']);
  });

  it('the demo SMS console is an SMS channel; other local pages are chat', () => {
    expect(siteFor(DEFAULT_POLICY, 'http://127.0.0.1:4000/sms.html')?.channel).toBe('sms');
    expect(siteFor(DEFAULT_POLICY, 'http://127.0.0.1:4000/chat.html')?.channel).toBe('chat');
    expect(siteFor(DEFAULT_POLICY, 'https://example.org/')).toBeNull();
  });
});

describe('recipient mapping', () => {
  it('maps what the console shows through the admin table, exact or /regex/', () => {
    const map = { 借款人: 'debtor', '/担保|保证人/': 'guarantor', 'third-party': 'third_party' } as const;
    expect(mapShownRole('借款人', map)).toBe('debtor');
    expect(mapShownRole('连带保证人', map)).toBe('guarantor');
    expect(mapShownRole('Third-Party', map)).toBe('third_party');
    expect(mapShownRole('', map)).toBeNull();
    expect(mapShownRole('邻居', map)).toBeNull();
  });
});

describe('daily counts', () => {
  it('count up within a day and start over on a new day', () => {
    const d1 = new Date(2026, 11, 1, 10);
    const d2 = new Date(2026, 11, 2, 9);
    let c = bump(undefined, 'blocked', d1);
    c = bump(c, 'blocked', d1);
    c = bump(c, 'fixed', d1);
    expect(c).toMatchObject({ day: localDay(d1), counts: { blocked: 2, fixed: 1, warned: 0 } });
    expect(countsForToday(c, d2).counts.blocked).toBe(0);
    expect(bump(c, 'warned', d2).counts).toMatchObject({ blocked: 0, warned: 1 });
  });
});

describe('i18n', () => {
  it('detects zh-Hans/zh-Hant/en from browser tags and falls back zh-Hant → zh-Hans → en', () => {
    expect(localeFromTag('zh-CN')).toBe('zh-Hans');
    expect(localeFromTag('zh-TW')).toBe('zh-Hant');
    expect(localeFromTag('zh-Hant-HK')).toBe('zh-Hant');
    expect(localeFromTag('en-US')).toBe('en');
    const dict = { a: { en: 'A {n}', 'zh-Hans': '甲 {n}' } };
    expect(t(dict, 'a', 'zh-Hant', { n: 2 })).toBe('甲 2');
    expect(t(dict, 'a', 'en', { n: 3 })).toBe('A 3');
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY as GUARD_DEFAULTS } from '../../../lib/guard/defaults';
import { resolvePolicy, siteFor } from '../../../lib/guard/policy';
import { toGuardView } from '../../../lib/policy/guard-view';
import { policySchema } from '../../../lib/policy/schema';

/** What the content script makes of the published policy: the contract between the admin and guard parts. */
const asGuardSees = (input: unknown) => {
  const policy = policySchema.parse(input);
  return resolvePolicy({ ...policy, guard: toGuardView(policy) });
};

describe('the guard reads the published policy', () => {
  it('the default policy keeps the guard defaults, including its built-in consoles', () => {
    const g = asGuardSees({});
    expect(g.enforcement).toBe('enforce');
    expect(g.sites).toEqual(GUARD_DEFAULTS.sites);
    expect(g.severity).toEqual({ block: { override: 'none' }, warn: { confirm: 'acknowledge' } });
  });

  it('maps modes and severity actions, taking the stricter choice where the guard has fewer', () => {
    expect(asGuardSees({ mode: 'warn' }).enforcement).toBe('warn_only');
    expect(asGuardSees({ mode: 'monitor' }).enforcement).toBe('monitor');
    expect(asGuardSees({ severityActions: { block: 'acknowledge', warn: 'none' } }).severity).toEqual({ block: { override: 'justify' }, warn: { confirm: 'justify' } });
    expect(asGuardSees({ severityActions: { block: 'justify', warn: 'justify' } }).severity).toEqual({ block: { override: 'justify' }, warn: { confirm: 'justify' } });
  });

  it('adds policy sites before the built-in ones, with selectors, keys and recipient roles', () => {
    const g = asGuardSees({
      defaults: { recipientTimeZone: 'Asia/Shanghai', jurisdiction: ['cn'] },
      sites: [
        {
          id: 'acme',
          name: 'ACME console',
          matches: ['https://console.acme.example/*', 'https://sms.acme.example/*'],
          composer: '#reply',
          send: 'button.send',
          sendKeys: ['Ctrl+Enter', 'Shift+Enter'],
          channel: 'sms',
          recipient: { selector: '.role', map: [{ pattern: '担保人', role: 'guarantor' }] },
        },
      ],
    });
    const site = siteFor(g, 'https://sms.acme.example/inbox');
    expect(site).toMatchObject({ label: 'ACME console', composer: '#reply', send: 'button.send', sendKeys: ['Mod+Enter'], channel: 'sms', recipientTimeZone: 'Asia/Shanghai', recipient: { selector: '.role', map: { 担保人: 'guarantor' } } });
    expect(g.sites.length).toBe(GUARD_DEFAULTS.sites.length + 2);
    expect(g.jurisdictions).toEqual(['cn']);
  });
});

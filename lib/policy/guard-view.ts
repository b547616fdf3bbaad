/**
 * Translates the admin policy into the composer guard's vocabulary (lib/guard/defaults.ts), published as the
 * `guard` section of EFFECTIVE_POLICY_KEY, which lib/guard/policy.ts reads in preference to top-level fields.
 * Where the guard offers fewer choices, the stricter one is taken:
 *   block "acknowledge" → "justify" (the guard has no plain acknowledgement for block findings);
 *   warn "none" → "justify" (the guard cannot forbid sending a warning, so it asks for a justification).
 * Policy sites are added to the guard's built-in consoles (sitesMode "add"), one entry per match pattern.
 */
import type { GuardPolicy, SendKeyName, SitePolicy as GuardSite } from '../guard/defaults';
import type { Recipient } from '../../rules';
import type { Policy, SendKey } from './schema';

export interface GuardView {
  enforcement: GuardPolicy['enforcement'];
  sites: GuardSite[];
  sitesMode: 'add';
  severity: GuardPolicy['severity'];
  jurisdictions: string[];
}

const KEY_MAP: Record<SendKey, SendKeyName | null> = { Enter: 'Enter', 'Ctrl+Enter': 'Mod+Enter', 'Meta+Enter': 'Mod+Enter', 'Shift+Enter': null, 'Alt+Enter': null };

export function toGuardView(policy: Policy): GuardView {
  const sites = policy.sites.flatMap((site) =>
    site.matches.map((pattern): GuardSite => {
      const sendKeys = [...new Set(site.sendKeys.map((k) => KEY_MAP[k]).filter((k): k is SendKeyName => !!k))];
      const out: GuardSite = { pattern, label: site.name ?? site.id, channel: site.channel, composer: site.composer, sendKeys };
      if (site.send) out.send = site.send;
      if (policy.defaults.recipientTimeZone) out.recipientTimeZone = policy.defaults.recipientTimeZone;
      if (site.recipient) {
        const map: Record<string, Recipient> = {};
        for (const { pattern: shown, role } of site.recipient.map) map[shown] = role;
        out.recipient = { selector: site.recipient.selector, map, ...(site.recipient.attribute ? { attribute: site.recipient.attribute } : {}) };
      }
      return out;
    }),
  );
  const { block, warn } = policy.severityActions;
  return {
    enforcement: policy.mode === 'warn' ? 'warn_only' : policy.mode,
    sites,
    sitesMode: 'add',
    severity: { block: { override: block === 'none' ? 'none' : 'justify' }, warn: { confirm: warn === 'acknowledge' ? 'acknowledge' : 'justify' } },
    jurisdictions: policy.defaults.jurisdiction,
  };
}

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_POLICY, POLICY_KEYS, policyInputSchema, policySchema } from '../../../lib/policy/schema';
import { liteErrors, schemaPaths, type LiteSchema } from './json-schema-lite';

const root = resolve(__dirname, '../../..');
const managedSchema = JSON.parse(readFileSync(resolve(root, 'public/managed_schema.json'), 'utf8')) as LiteSchema;

/** The JSON blocks in docs/admin.md marked `<!-- policy-example -->`: what admins copy must be valid. */
function docExamples(): unknown[] {
  const md = readFileSync(resolve(root, 'docs/admin.md'), 'utf8');
  return [...md.matchAll(/<!-- policy-example -->\s*```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]));
}

describe('policy schema', () => {
  it('has strict defaults: enforce, no override for block, bundled packs, nothing locked', () => {
    expect(DEFAULT_POLICY.mode).toBe('enforce');
    expect(DEFAULT_POLICY.severityActions).toEqual({ block: 'none', warn: 'acknowledge' });
    expect(DEFAULT_POLICY.packs.bundled).toEqual(['cn', 'us']);
    expect(DEFAULT_POLICY.locked).toEqual([]);
    expect(DEFAULT_POLICY.refreshMinutes).toBe(15);
  });

  it('accepts a full site adapter with recipient-role mapping', () => {
    const policy = policySchema.parse({
      sites: [
        {
          id: 'acme-console',
          matches: ['https://console.acme.example/*'],
          composer: 'textarea#reply',
          send: 'button.send',
          sendKeys: ['Enter', 'Ctrl+Enter'],
          recipient: { selector: '.contact-role', map: [{ pattern: '担保人', role: 'guarantor' }, { pattern: '/^(母亲|父亲)$/', role: 'third_party' }] },
        },
      ],
    });
    expect(policy.sites[0].channel).toBe('chat');
    expect(policy.sites[0].recipient?.default).toBe('unknown');
  });

  it('rejects values that would be unsafe or meaningless', () => {
    const bad: unknown[] = [
      { mode: 'off' },
      { severityActions: { block: 'skip' } },
      { sites: [{ id: 'x', matches: ['not a pattern'], composer: 'textarea' }] },
      { packs: { trustedKeys: [{ id: 'short', alg: 'ECDSA-P256', publicKey: 'AAAA' }] } },
      { packs: { remote: [{ url: 'ftp://example.com/p.json' }] } },
      { audit: { sink: 'http' } },
      { agentIdentity: { source: 'managed' } },
      { refreshMinutes: 0 },
      { locked: ['everything'] },
      { surprise: true },
    ];
    for (const value of bad) expect(policySchema.safeParse(value).success, JSON.stringify(value)).toBe(false);
  });

  it('the documented examples are valid policies and valid managed-storage values', () => {
    const examples = docExamples();
    expect(examples.length).toBeGreaterThanOrEqual(1);
    for (const example of examples) {
      const parsed = policyInputSchema.safeParse(example);
      expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true);
      expect(liteErrors(managedSchema, example)).toEqual([]);
    }
  });

  it('managed_schema.json declares exactly the settings the policy schema has', () => {
    expect(Object.keys(managedSchema.properties ?? {}).sort()).toEqual([...POLICY_KEYS].sort());
    const zodPaths = schemaPaths(z.toJSONSchema(policySchema, { io: 'input' }) as LiteSchema).sort();
    expect(schemaPaths(managedSchema).sort()).toEqual(zodPaths);
  });

  it('managed_schema.json enumerations agree with the policy schema', () => {
    const zodJson = z.toJSONSchema(policySchema, { io: 'input' }) as LiteSchema;
    const enums = (s: LiteSchema, prefix = ''): Record<string, unknown[]> => {
      const out: Record<string, unknown[]> = {};
      if (s.enum) out[prefix] = [...s.enum].sort();
      for (const [k, v] of Object.entries(s.properties ?? {})) Object.assign(out, enums(v, `${prefix}.${k}`));
      if (s.items) Object.assign(out, enums(s.items, `${prefix}[]`));
      return out;
    };
    expect(enums(managedSchema)).toEqual(enums(zodJson));
  });
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_AUDIT_POLICY, readAuditPolicy } from '../../../lib/audit/settings';
import { mergePolicy } from '../../../lib/policy/merge';
import { DEFAULT_POLICY, POLICY_KEYS, policyInputSchema, policySchema } from '../../../lib/policy/schema';
import { chromeView, liteErrors, schemaPaths, type LiteSchema } from './json-schema-lite';

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
    const zodPaths = schemaPaths(chromeView(z.toJSONSchema(policySchema, { io: 'input' }) as LiteSchema)).sort();
    expect(schemaPaths(managedSchema).sort()).toEqual(zodPaths);
  });

  it('managed_schema.json enumerations agree with the policy schema', () => {
    const zodJson = chromeView(z.toJSONSchema(policySchema, { io: 'input' }) as LiteSchema);
    const enums = (s: LiteSchema, prefix = ''): Record<string, unknown[]> => {
      const out: Record<string, unknown[]> = {};
      if (s.enum) out[prefix] = [...s.enum].sort();
      for (const [k, v] of Object.entries(s.properties ?? {})) Object.assign(out, enums(v, `${prefix}.${k}`));
      if (s.items) Object.assign(out, enums(s.items, `${prefix}[]`));
      return out;
    };
    expect(enums(managedSchema)).toEqual(enums(zodJson));
  });

  it('the audit section is the audit part\'s own schema: an OTLP sink set by policy reaches the recorder', () => {
    const audit = {
      redactDrafts: true,
      retention: { days: 30, maxRecords: 50_000 },
      sink: { url: 'https://otel.example.com/v1/logs', headers: { Authorization: 'Bearer t0k' }, batchSize: 250, minBackoffMs: 2_000, maxBackoffMs: 60_000 },
    };
    expect(liteErrors(managedSchema, { audit })).toEqual([]);
    const effective = mergePolicy({ audit }, {});
    expect(effective.problems).toEqual([]);
    const applied = readAuditPolicy(effective.policy);
    expect(applied.error).toBeUndefined();
    expect(applied.policy).toMatchObject({ redactDrafts: true, retention: { days: 30, maxRecords: 50_000 } });
    expect(applied.policy.sink).toMatchObject({ url: 'https://otel.example.com/v1/logs', headers: { Authorization: 'Bearer t0k' }, batchSize: 250, timeoutMs: 10_000, minBackoffMs: 2_000, maxBackoffMs: 60_000 });
  });

  it('keeps reading the first draft\'s audit form, and rejects sinks that are unsafe or incomplete', () => {
    const legacy = mergePolicy({}, { audit: { sink: 'http', url: 'https://c.example/v1/logs', retentionDays: 180, includeDraftText: true } });
    expect(legacy.problems).toEqual([]);
    expect(readAuditPolicy(legacy.policy).policy).toMatchObject({ retention: { days: 180 }, sink: { url: 'https://c.example/v1/logs', batchSize: 100 } });
    for (const bad of [{ sink: { url: 'file:///etc/passwd' } }, { sink: { url: 'https://c.example', batchSize: 0 } }, { sink: { url: 'https://c.example', extra: 1 } }, { retention: { days: -1 } }, { sink: 'http' }]) {
      expect(policySchema.safeParse({ audit: bad }).success, JSON.stringify(bad)).toBe(false);
    }
    // A managed value of the wrong shape falls back to the default audit settings (no sink), never to the local one.
    const fallback = mergePolicy({ audit: { sink: { url: 'ftp://x' } } }, { audit: { sink: { url: 'https://agent.example/v1/logs' } } });
    expect(fallback.problems.map((p) => p.key)).toEqual(['audit']);
    expect(readAuditPolicy(fallback.policy).policy.sink).toBeUndefined();
  });

  it('has one audit default: what the recorder assumes without a policy', () => {
    expect(readAuditPolicy(DEFAULT_POLICY).policy).toEqual(DEFAULT_AUDIT_POLICY);
    expect(readAuditPolicy({}).policy).toEqual(DEFAULT_AUDIT_POLICY);
  });
});

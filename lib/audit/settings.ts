/**
 * The audit part of the policy: lib/policy/schema.ts uses `auditPolicySchema` as its `audit` section (one shape;
 * public/managed_schema.json and docs/admin.md mirror it). The background reads `policy.audit` from storage key
 * EFFECTIVE_POLICY_KEY and falls back to defaults when it is absent or invalid (an invalid sink is reported,
 * never half-applied).
 *
 * The first policy draft's form is still accepted: { sink: 'local' | 'http', url, retentionDays,
 * includeDraftText } — `sink: 'http'` + `url` means an OTLP sink at that URL with default settings. Managed
 * storage cannot carry it (Chrome's managed_schema allows one type per setting, and declares the object form).
 */
import { z } from 'zod';

export const auditSinkSchema = z
  .object({
    /** OTLP/HTTP logs endpoint, e.g. https://collector.example/v1/logs (JSON encoding). */
    url: z.url({ protocol: /^https?$/ }),
    /** Extra request headers, e.g. { Authorization: 'Bearer …' }. */
    headers: z.record(z.string().min(1), z.string()).default({}),
    /** Records per request. */
    batchSize: z.number().int().min(1).max(1000).default(100),
    /** A request that takes longer is aborted and retried. */
    timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
    /** Backoff starts here, doubles per failure (with jitter) up to maxBackoffMs. */
    minBackoffMs: z.number().int().min(10).max(600_000).default(1_000),
    maxBackoffMs: z.number().int().min(10).max(3_600_000).default(300_000),
    /** Extra OTLP resource attributes, e.g. { 'deployment.environment': 'prod', 'team': 'east' }. */
    resourceAttributes: z.record(z.string().min(1), z.string()).default({}),
  })
  .strict();
export type AuditSinkSettings = z.infer<typeof auditSinkSchema>;

export const auditRetentionSchema = z
  .object({
    /** Records older than this are pruned (0 = keep forever). */
    days: z.number().int().min(0).max(36_500).default(90),
    /** At most this many local records are kept (0 = no limit). */
    maxRecords: z.number().int().min(0).max(10_000_000).default(200_000),
  })
  .strict();

export const auditPolicySchema = z
  .object({
    /** Agent identity written into every record; else the policy's agentIdentity, else a per-profile id. */
    agent: z.string().min(1).max(200).optional(),
    /** Store drafts with ID, card and phone numbers masked. */
    redactDrafts: z.boolean().default(false),
    /** false: keep no text at all (draft stored as blanks of the same length, so spans still count). */
    includeDraftText: z.boolean().default(true),
    retention: auditRetentionSchema.optional(),
    /** Central logging: settings object (or the first draft's 'http' + url); absent or 'local' = nothing leaves the machine. */
    sink: z.union([auditSinkSchema, z.enum(['local', 'http'])]).optional(),
    /** Legacy: the collector URL for `sink: 'http'`. */
    url: z.string().optional(),
    /** Legacy: `retention.days`. */
    retentionDays: z.number().int().min(0).max(36_500).optional(),
  })
  .strict()
  .refine((a) => a.sink !== 'http' || !!a.url, 'sink "http" needs a url');
export type AuditPolicyInput = z.input<typeof auditPolicySchema>;

/** What the background works with, after defaults and the first draft's form are resolved. */
export interface AuditPolicy {
  agent?: string;
  redactDrafts: boolean;
  includeDraftText: boolean;
  retention: { days: number; maxRecords: number };
  sink?: AuditSinkSettings;
}

export const DEFAULT_AUDIT_POLICY: AuditPolicy = { redactDrafts: false, includeDraftText: true, retention: { days: 90, maxRecords: 200_000 } };

/** The policy's default `audit` value (what DEFAULT_POLICY holds): nothing leaves the machine, 90 days kept. */
export const DEFAULT_AUDIT_POLICY_INPUT: z.output<typeof auditPolicySchema> = {
  redactDrafts: DEFAULT_AUDIT_POLICY.redactDrafts,
  includeDraftText: DEFAULT_AUDIT_POLICY.includeDraftText,
  retention: { ...DEFAULT_AUDIT_POLICY.retention },
};

/** Reads `policy.audit` from the effective policy object; returns defaults plus the error when it is invalid. */
export function readAuditPolicy(effectivePolicy: unknown): { policy: AuditPolicy; error?: string } {
  const raw = effectivePolicy && typeof effectivePolicy === 'object' ? (effectivePolicy as Record<string, unknown>).audit : undefined;
  if (raw === undefined) return { policy: DEFAULT_AUDIT_POLICY };
  const parsed = auditPolicySchema.safeParse(raw);
  if (!parsed.success) return { policy: DEFAULT_AUDIT_POLICY, error: z.prettifyError(parsed.error) };
  const a = parsed.data;
  let sink: AuditSinkSettings | undefined;
  if (typeof a.sink === 'object') sink = a.sink;
  else if (a.sink === 'http') {
    const legacy = auditSinkSchema.safeParse({ url: a.url });
    if (!legacy.success) return { policy: DEFAULT_AUDIT_POLICY, error: z.prettifyError(legacy.error) };
    sink = legacy.data;
  }
  const retention = auditRetentionSchema.parse(a.retention ?? {});
  if (a.retentionDays !== undefined && !a.retention) retention.days = a.retentionDays;
  return { policy: { agent: a.agent, redactDrafts: a.redactDrafts, includeDraftText: a.includeDraftText, retention, sink } };
}

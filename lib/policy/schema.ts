/**
 * The enterprise policy: what admins set through managed storage (Chrome/Edge managed_schema, Firefox
 * policies.json) or, for teams without management, import as JSON in the options page. Every top-level key is
 * optional in a source; the effective policy fills gaps with the defaults below (see merge.ts).
 * public/managed_schema.json mirrors this schema in the JSON-Schema subset Chrome accepts; a unit test keeps
 * the two in step.
 */
import { z } from 'zod';
import { CHANNELS, RECIPIENTS } from '../../rules';
import { auditPolicySchema, DEFAULT_AUDIT_POLICY_INPUT } from '../audit/settings';

export const ENFORCEMENT_MODES = ['enforce', 'warn', 'monitor'] as const;
export type EnforcementMode = (typeof ENFORCEMENT_MODES)[number];

/** What an agent may do about a finding of a given severity. */
export const OVERRIDE_KINDS = ['none', 'justify', 'acknowledge'] as const;
export type OverrideKind = (typeof OVERRIDE_KINDS)[number];

export const SEND_KEYS = ['Enter', 'Ctrl+Enter', 'Meta+Enter', 'Shift+Enter', 'Alt+Enter'] as const;
export type SendKey = (typeof SEND_KEYS)[number];

export const AGENT_ID_SOURCES = ['managed', 'page', 'prompt', 'install'] as const;
export const POLICY_LOCALES = ['auto', 'zh-Hans', 'zh-Hant', 'en'] as const;

/** WebExtension match pattern (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns). */
export const MATCH_PATTERN = /^(<all_urls>|(\*|https?|wss?|file|ftp):\/\/(\*|\*\.[^/*:]+|[^/*:]+)?(:(\*|\d+))?\/.*)$/;
const matchPattern = z.string().regex(MATCH_PATTERN, 'a match pattern such as https://*.example.com/*');
const selector = z.string().min(1).max(500);

export const recipientRuleSchema = z
  .object({
    /** The recipient element's text or attribute, exact and case-insensitive; `/…/flags` for a regular expression. */
    pattern: z.string().min(1).max(200),
    role: z.enum(RECIPIENTS),
  })
  .strict();

export const siteSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, dash, underscore'),
    name: z.string().min(1).max(100).optional(),
    matches: z.array(matchPattern).min(1),
    composer: selector,
    send: selector.optional(),
    sendKeys: z.array(z.enum(SEND_KEYS)).default(['Enter']),
    channel: z.enum(CHANNELS).default('chat'),
    recipient: z
      .object({
        selector,
        /** Read this attribute instead of the element's text. */
        attribute: z.string().min(1).max(100).optional(),
        map: z.array(recipientRuleSchema).default([]),
        default: z.enum(RECIPIENTS).default('unknown'),
      })
      .strict()
      .optional(),
  })
  .strict();
export type SitePolicy = z.infer<typeof siteSchema>;

export const trustedKeySchema = z
  .object({
    /** Key id as printed by `pack keygen` (first 16 hex digits of SHA-256 of the SPKI). */
    id: z.string().regex(/^[0-9a-f]{16}$/),
    alg: z.enum(['ECDSA-P256', 'Ed25519']),
    /** Base64 SubjectPublicKeyInfo (DER). */
    publicKey: z.string().regex(/^[A-Za-z0-9+/]+=*$/).min(40),
    name: z.string().max(100).optional(),
  })
  .strict();
export type TrustedKey = z.infer<typeof trustedKeySchema>;

export const remotePackSchema = z
  .object({
    url: z.string().regex(/^https?:\/\/\S+$/, 'an http(s) URL'),
    /** Expected pack id; a bundle with another id is refused. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).optional(),
  })
  .strict();

export const packsPolicySchema = z
  .object({
    /** Ids of the packs shipped with the extension that are in force (a remote pack of the same id supersedes it). */
    bundled: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/)).default(['cn', 'us']),
    remote: z.array(remotePackSchema).default([]),
    trustedKeys: z.array(trustedKeySchema).default([]),
  })
  .strict();

export const severityActionsSchema = z
  .object({ block: z.enum(OVERRIDE_KINDS).default('none'), warn: z.enum(OVERRIDE_KINDS).default('acknowledge') })
  .strict();

/**
 * The audit section is the QA part's own schema (lib/audit/settings.ts: retention, redaction, the OTLP sink with
 * headers, batch size and backoff), so the policy and the service worker that applies it read one shape.
 */
export { auditPolicySchema };

export const agentIdentitySchema = z
  .object({
    /** managed: `agentId` below (per-user policy); page: read from the console page; prompt: the agent types it once; install: random per browser profile. */
    source: z.enum(AGENT_ID_SOURCES).default('install'),
    agentId: z.string().min(1).max(200).optional(),
    /** For source "page": where the console shows the signed-in agent. */
    selector: selector.optional(),
    attribute: z.string().min(1).max(100).optional(),
  })
  .strict()
  .refine((a) => a.source !== 'managed' || !!a.agentId, 'source "managed" needs agentId')
  .refine((a) => a.source !== 'page' || !!a.selector, 'source "page" needs selector');

export const defaultsPolicySchema = z
  .object({
    locale: z.enum(POLICY_LOCALES).default('auto'),
    /** Pack jurisdiction(s) checked by default, e.g. "cn"; empty = every pack in force. */
    jurisdiction: z.array(z.string().min(2)).default([]),
    /** IANA zone assumed for recipients when the console does not say, e.g. Asia/Shanghai. */
    recipientTimeZone: z.string().min(1).optional(),
  })
  .strict();

/** Settings an admin can lock (managed settings are always locked). */
export const POLICY_KEYS = ['mode', 'sites', 'severityActions', 'packs', 'refreshMinutes', 'audit', 'agentIdentity', 'locked', 'defaults'] as const;
export type PolicyKey = (typeof POLICY_KEYS)[number];

/** One schema per top-level key, so that a bad value in one key cannot void the others (see merge.ts). */
export const policyFieldSchemas = {
  mode: z.enum(ENFORCEMENT_MODES).default('enforce'),
  sites: z.array(siteSchema).default([]),
  severityActions: severityActionsSchema.default({ block: 'none', warn: 'acknowledge' }),
  packs: packsPolicySchema.default({ bundled: ['cn', 'us'], remote: [], trustedKeys: [] }),
  /** Minutes between scheduled checks of remote packs. */
  refreshMinutes: z.number().int().min(1).max(1440).default(15),
  audit: auditPolicySchema.default(DEFAULT_AUDIT_POLICY_INPUT),
  agentIdentity: agentIdentitySchema.default({ source: 'install' }),
  locked: z.array(z.enum(POLICY_KEYS)).default([]),
  defaults: defaultsPolicySchema.default({ locale: 'auto', jurisdiction: [] }),
} satisfies Record<PolicyKey, z.ZodType>;

export const policySchema = z.object(policyFieldSchemas).strict();
export type Policy = z.infer<typeof policySchema>;
/** A policy source as written by an admin: every key optional. */
export const policyInputSchema = policySchema.partial();
export type PolicyInput = z.input<typeof policyInputSchema>;

export const DEFAULT_POLICY: Policy = policySchema.parse({});

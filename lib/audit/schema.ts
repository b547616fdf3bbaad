/** zod shapes of what crosses a trust boundary: events from content scripts and records from imported files. */
import { z } from 'zod';
import { CATEGORIES, CHANNELS, RECIPIENTS, SEVERITIES } from '../../rules/engine/types';
import { AUDIT_ACTIONS, type AuditEventInput, type AuditRecord } from './types';

const MAX_TEXT = 20_000;

export const auditFindingSchema = z
  .object({
    rule: z.string().min(1).max(200),
    category: z.enum(CATEGORIES),
    severity: z.enum(SEVERITIES),
    start: z.number().int().min(0),
    end: z.number().int().min(0),
    pack: z.string().max(100).optional(),
  })
  .refine((f) => f.end >= f.start, 'end before start');

export const auditEventInputSchema = z.object({
  action: z.enum(AUDIT_ACTIONS),
  site: z.string().min(1).max(500),
  conversation: z.string().max(500).optional(),
  recipient: z.enum(RECIPIENTS),
  channel: z.enum(CHANNELS),
  findings: z.array(auditFindingSchema).max(200),
  draft: z.string().max(MAX_TEXT),
  sentText: z.string().max(MAX_TEXT).optional(),
  justification: z.string().max(5_000).optional(),
  disputedRule: z.string().max(200).optional(),
  eventId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/).optional(),
  at: z.number().int().positive().optional(),
}) satisfies z.ZodType<AuditEventInput>;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const auditRecordSchema = z
  .object({
    v: z.literal(1),
    id: z.string().min(1).max(64),
    chain: z.string().min(1).max(64),
    seq: z.number().int().min(1),
    time: z.number().int().min(0),
    agent: z.string().min(1).max(200),
    action: z.enum(AUDIT_ACTIONS),
    site: z.string().min(1).max(500),
    conversation: z.string().max(500).optional(),
    recipient: z.enum(RECIPIENTS),
    channel: z.enum(CHANNELS),
    packs: z.array(z.object({ id: z.string(), version: z.number().int() }).strict()),
    findings: z.array(auditFindingSchema),
    draft: z.string().max(MAX_TEXT),
    redacted: z.boolean(),
    sentText: z.string().max(MAX_TEXT).optional(),
    justification: z.string().max(5_000).optional(),
    disputedRule: z.string().max(200).optional(),
    prevHash: hex64,
    hash: hex64,
  })
  .strict() satisfies z.ZodType<AuditRecord>;

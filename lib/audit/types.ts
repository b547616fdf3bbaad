/**
 * The audit event the composer guard sends to the background (message `draftguard:audit`) and the QA store
 * keeps. Shared contract between the composer-guard, admin and QA parts.
 */
import type { Category, Channel, Recipient, Severity } from '../../rules';

export const AUDIT_ACTIONS = ['blocked', 'warning_acknowledged', 'override_justified', 'fix_applied', 'sent_after_edit', 'false_positive_reported'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditFinding {
  rule: string;
  category: Category;
  severity: Severity;
  start: number;
  end: number;
}

/** What the content script reports; the background adds id, time, agent, pack versions and the hash chain. */
export interface AuditEventInput {
  action: AuditAction;
  site: string;
  conversation?: string;
  recipient: Recipient;
  channel: Channel;
  findings: AuditFinding[];
  draft: string;
  /** The text finally sent, when it differs from the draft. */
  sentText?: string;
  justification?: string;
  /** For false-positive reports: which rule the agent disputes. */
  disputedRule?: string;
}

export const AUDIT_MESSAGE = 'draftguard:audit' as const;
export interface AuditMessage {
  type: typeof AUDIT_MESSAGE;
  event: AuditEventInput;
}

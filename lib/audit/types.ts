/**
 * The audit event the composer guard sends to the background (message `draftguard:audit`) and the QA store
 * keeps. Shared contract between the composer-guard, admin and QA parts.
 *
 * DELIVERY CONTRACT (for the content script):
 *   1. Build the AuditEventInput *after* the send decision has been taken and acted on; never await the
 *      message before letting (or not letting) the page send. Recording must not delay the agent.
 *   2. Give every event an `eventId` (crypto.randomUUID()) once, and reuse it on every retry of that event.
 *   3. `browser.runtime.sendMessage({ type: AUDIT_MESSAGE, event })` resolves to an AuditAck. The background
 *      answers `{ ok: true }` only after the record, with its hash, is committed to IndexedDB (one transaction:
 *      a record is either fully stored with its hash or not at all, even if the service worker is stopped
 *      mid-write).
 *   4. If the promise rejects (worker stopped, extension reloading) or resolves `{ ok: false, retry: true }`,
 *      keep the event and send it again later (e.g. 1 s, 2 s, 4 s … and on the next page load from
 *      sessionStorage). A retry of an already-stored eventId is acknowledged as `{ ok: true, duplicate: true }`
 *      and stored once. `{ ok: false, retry: false }` means the event is malformed: drop it.
 */
import type { Category, Channel, Recipient, Severity } from '../../rules/engine/types';

export const AUDIT_ACTIONS = ['blocked', 'warning_acknowledged', 'override_justified', 'fix_applied', 'sent_after_edit', 'false_positive_reported'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditFinding {
  rule: string;
  category: Category;
  severity: Severity;
  start: number;
  end: number;
  /** Optional (added for QA): the pack the rule came from, so the review page can show its message and source. */
  pack?: string;
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
  /** Optional (added for QA): client-generated UUID reused on retries, so a retry after a lost ack is stored once. */
  eventId?: string;
  /** Optional: when the agent acted (epoch ms); the background's clock is used when absent. */
  at?: number;
}

export const AUDIT_MESSAGE = 'draftguard:audit' as const;
export interface AuditMessage {
  type: typeof AUDIT_MESSAGE;
  event: AuditEventInput;
}

/** The background's answer to an AuditMessage. */
export type AuditAck = { ok: true; id: string; duplicate?: boolean } | { ok: false; retry: boolean; error: string };

/** Hash of the (virtual) record before the first one of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** One stored audit record: the input plus what the background adds. Append-only; `hash` chains the records. */
export interface AuditRecord {
  /** Record format version. */
  v: 1;
  id: string;
  /** The chain (one per browser profile that records); imported records keep their own chain. */
  chain: string;
  /** 1, 2, 3 … within the chain. */
  seq: number;
  /** Epoch milliseconds. */
  time: number;
  agent: string;
  action: AuditAction;
  site: string;
  conversation?: string;
  recipient: Recipient;
  channel: Channel;
  packs: { id: string; version: number }[];
  findings: AuditFinding[];
  /** The draft, or its redacted form when `redacted` is true (same length: spans stay valid). */
  draft: string;
  redacted: boolean;
  sentText?: string;
  justification?: string;
  disputedRule?: string;
  /** SHA-256 (hex) of the previous record of the chain, GENESIS_HASH for seq 1. */
  prevHash: string;
  /** SHA-256 (hex) of the canonical JSON of this record without `hash` (prevHash included). */
  hash: string;
}

export const REVIEW_STATUSES = ['confirmed', 'false_positive', 'needs_coaching'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** A QA label: mutable review state, kept beside (never inside) the append-only record. */
export interface ReviewLabel {
  id: string;
  status: ReviewStatus;
  comment: string;
  reviewer?: string;
  at: number;
}

/** browser.storage.local: health of the audit store and sink, written by the background, shown by pages. */
export const AUDIT_HEALTH_KEY = 'draftguard:auditHealth';
export interface AuditHealth {
  /** Last storage error (e.g. QuotaExceededError) while recording, cleared by the next successful write. */
  storageError?: { name: string; message: string; at: number };
  sink?: { url: string; pending: number; lastError?: string; lastErrorAt?: number; lastDeliveredAt?: number; nextRetryAt?: number };
}

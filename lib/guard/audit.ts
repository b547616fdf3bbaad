/** Builds audit events and counts and hands them to the background. Never throws into the guard. */
import { browser } from 'wxt/browser';
import { AUDIT_MESSAGE, type AuditAction, type AuditEventInput, type AuditMessage } from '../audit/types';
import type { Channel, Finding, Recipient } from '../../rules';
import { COUNT_MESSAGE, type CountKind } from './counts';

export interface AuditContext {
  site: string;
  conversation: string;
  recipient: Recipient;
  channel: Channel;
}

export function buildAuditEvent(action: AuditAction, ctx: AuditContext, draft: string, findings: Finding[], extra: Partial<AuditEventInput> = {}): AuditEventInput {
  return {
    action,
    site: ctx.site,
    conversation: ctx.conversation,
    recipient: ctx.recipient,
    channel: ctx.channel,
    findings: findings.map(({ rule, category, severity, start, end }) => ({ rule, category, severity, start, end })),
    draft,
    ...extra,
  };
}

function post(message: unknown): void {
  try {
    void browser.runtime.sendMessage(message).catch(() => undefined);
  } catch {
    // Extension context invalidated (update in progress): the guard keeps guarding; the event is lost.
  }
}

export function sendAudit(event: AuditEventInput): void {
  post({ type: AUDIT_MESSAGE, event } satisfies AuditMessage);
}

export function sendCount(kind: CountKind): void {
  post({ type: COUNT_MESSAGE, kind });
}

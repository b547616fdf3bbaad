/**
 * Builds audit events and hands them to the background without ever delaying a send, and without losing
 * one: each event gets an id once, waits in an outbox (one storage.local key per event, so tabs never
 * overwrite each other) until the background acknowledges that it is committed, and is retried with
 * backoff — also by the next page load if this one closes first. See the delivery contract in lib/audit/types.ts.
 */
import { browser } from 'wxt/browser';
import { AUDIT_MESSAGE, type AuditAck, type AuditAction, type AuditEventInput, type AuditMessage } from '../audit/types';
import type { Channel, Finding, Recipient } from '../../rules';
import { COUNT_MESSAGE, type CountKind } from './counts';

export interface AuditContext {
  site: string;
  conversation: string;
  recipient: Recipient;
  channel: Channel;
}

export const OUTBOX_PREFIX = 'draftguard:outbox:';
const MAX_BACKOFF_MS = 60_000;

export function buildAuditEvent(action: AuditAction, ctx: AuditContext, draft: string, findings: Finding[], extra: Partial<AuditEventInput> = {}): AuditEventInput {
  return {
    action,
    site: ctx.site,
    conversation: ctx.conversation,
    recipient: ctx.recipient,
    channel: ctx.channel,
    findings: findings.map(({ rule, pack, category, severity, start, end }) => ({ rule, pack, category, severity, start, end })),
    draft,
    ...extra,
  };
}

function post(message: unknown): Promise<unknown> {
  try {
    return browser.runtime.sendMessage(message);
  } catch (e) {
    // Extension context invalidated (update in progress): treated like a failed delivery, retried later.
    return Promise.reject(e);
  }
}

const inFlight = new Set<string>();

async function deliver(event: AuditEventInput & { eventId: string }, attempt = 0): Promise<void> {
  if (inFlight.has(event.eventId) && attempt === 0) return;
  inFlight.add(event.eventId);
  let ack: AuditAck | undefined;
  try {
    ack = (await post({ type: AUDIT_MESSAGE, event } satisfies AuditMessage)) as AuditAck | undefined;
  } catch {
    ack = undefined;
  }
  if (ack?.ok || (ack && !ack.ok && !ack.retry)) {
    // Stored (or malformed, which no retry can fix): the outbox entry can go.
    inFlight.delete(event.eventId);
    void browser.storage.local.remove(OUTBOX_PREFIX + event.eventId).catch(() => undefined);
    return;
  }
  const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt);
  setTimeout(() => void deliver(event, attempt + 1), delay);
}

/** Records an event: returns at once; delivery and retries happen in the background of the page. */
export function sendAudit(input: AuditEventInput): void {
  const event = { ...input, eventId: input.eventId ?? crypto.randomUUID(), at: input.at ?? Date.now() };
  void browser.storage.local
    .set({ [OUTBOX_PREFIX + event.eventId]: event })
    .catch(() => undefined)
    .finally(() => void deliver(event));
}

/** Retries events an earlier page (or a closed tab) left in the outbox. */
export async function flushOutbox(): Promise<void> {
  try {
    const area = browser.storage.local as typeof browser.storage.local & { getKeys?: () => Promise<string[]> };
    const keys = area.getKeys ? (await area.getKeys()).filter((k) => k.startsWith(OUTBOX_PREFIX)) : null;
    const stored = keys ? (keys.length ? await browser.storage.local.get(keys) : {}) : await browser.storage.local.get(null);
    for (const [key, value] of Object.entries(stored)) {
      if (key.startsWith(OUTBOX_PREFIX) && value && typeof value === 'object') void deliver(value as AuditEventInput & { eventId: string });
    }
  } catch {
    // Storage unavailable (context invalidated): the next page load retries.
  }
}

export function sendCount(kind: CountKind): void {
  void post({ type: COUNT_MESSAGE, kind }).catch(() => undefined);
}

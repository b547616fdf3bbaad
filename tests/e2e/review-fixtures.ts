/** Audit events for the review and sink end-to-end tests, and a way to record them through the real worker. */
import type { Page } from 'playwright-core';
import type { AuditAck, AuditEventInput } from '../../lib/audit/types';

const DRAFTS: Omit<AuditEventInput, 'site'>[] = [
  {
    action: 'blocked',
    recipient: 'debtor',
    channel: 'chat',
    draft: '你不还钱就等着，我们找人打断你的腿',
    findings: [{ rule: 'cn.threat.violence', category: 'threat', severity: 'block', start: 10, end: 17, pack: 'cn' }],
  },
  {
    action: 'override_justified',
    recipient: 'debtor',
    channel: 'sms',
    draft: '如协商不成，我司将于下周向法院提起诉讼',
    sentText: '如协商不成，我司可能依法提起诉讼',
    justification: '客户已确认收到律师函，诉讼已获批准',
    findings: [{ rule: 'cn.legal.lawsuit-plan', category: 'false_legal', severity: 'warn', start: 12, end: 19 }],
  },
  {
    action: 'false_positive_reported',
    recipient: 'third_party',
    channel: 'chat',
    draft: '请谨防冒充公检法的诈骗电话',
    disputedRule: 'cn.impersonation.police',
    findings: [{ rule: 'cn.impersonation.police', category: 'impersonation', severity: 'block', start: 5, end: 8 }],
  },
  {
    action: 'warning_acknowledged',
    recipient: 'debtor',
    channel: 'chat',
    draft: 'Pay today or we will call your employer.',
    findings: [{ rule: 'us.disclosure.employer', category: 'third_party_disclosure', severity: 'warn', start: 20, end: 39 }],
  },
];

export function sampleEvent(i: number, site = 'console.example.test'): AuditEventInput {
  return { ...DRAFTS[i % DRAFTS.length], site, conversation: `conv-${i % 7}`, eventId: `e2e-event-${String(i).padStart(6, '0')}` };
}

/** Sends events from an extension page as the content script would, retrying un-acknowledged ones. */
export async function recordEvents(page: Page, events: AuditEventInput[]): Promise<AuditAck[]> {
  return page.evaluate(async (list) => {
    const out: unknown[] = [];
    for (const event of list) {
      for (let attempt = 0; ; attempt++) {
        try {
          const ack = (await (globalThis as unknown as { chrome: { runtime: { sendMessage: (m: unknown) => Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'draftguard:audit', event })) as { ok: boolean; retry?: boolean };
          if (ack && (ack.ok || ack.retry === false)) {
            out.push(ack);
            break;
          }
        } catch {
          // Worker stopped or restarting: the contract says retry.
        }
        if (attempt > 50) throw new Error(`event ${event.eventId} never acknowledged`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    return out;
  }, events) as Promise<AuditAck[]>;
}

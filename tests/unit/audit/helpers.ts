import type { AuditEventInput } from '../../../lib/audit/types';

export function event(i: number, patch: Partial<AuditEventInput> = {}): AuditEventInput {
  return {
    action: i % 2 ? 'warning_acknowledged' : 'blocked',
    site: `site${i % 3}.example`,
    recipient: 'debtor',
    channel: 'chat',
    draft: `draft number ${i} 你等着`,
    findings: [{ rule: i % 2 ? 'cn.warn.rule' : 'cn.threat.violence', category: i % 2 ? 'harassment' : 'threat', severity: i % 2 ? 'warn' : 'block', start: 0, end: 5 }],
    eventId: `event-${String(i).padStart(6, '0')}`,
    at: Date.UTC(2026, 0, 1) + i * 60_000,
    ...patch,
  };
}

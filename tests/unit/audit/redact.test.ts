import { describe, expect, it } from 'vitest';
import { redactDraft } from '../../../lib/audit/redact';

describe('redactDraft', () => {
  it('masks a valid resident ID, card number and phone numbers, keeping length and the last digits', () => {
    const text = '身份证11010519491231002X，卡号4111 1111 1111 1111 (tel 13812345678), call 415-555-0132';
    const { text: out, changed } = redactDraft(text);
    expect(changed).toBe(true);
    expect(out).toHaveLength(text.length);
    expect(out).not.toContain('110105194912');
    expect(out).toContain('002X');
    expect(out).toContain('**** **** **** 1111');
    expect(out).toContain('*******5678');
    expect(out).not.toContain('415-555');
  });
  it('masks a valid SSN entirely', () => {
    expect(redactDraft('SSN 123-45-6789').text).toBe('SSN ***-**-****');
  });
  it('leaves numbers that are not IDs, cards or phones readable', () => {
    for (const text of ['订单号 110105194912310021 已处理', '欠款 12000 元，合同 2024-0001', 'SSN 000-12-3456', 'card 1234 5678 9012 3456']) {
      expect(redactDraft(text)).toEqual({ text, changed: false });
    }
  });
});

import { describe, expect, it } from 'vitest';
import { DETECTORS, isLuhnValid, isValidCnId, isValidSsn } from '../../../rules/engine/detectors';
import { buildBaseView } from '../../../rules/engine/normalize/views';

/** Computes a valid check digit so the tests do not depend on any real person's number. */
function withCheckDigit(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, k) => s + Number(d) * w[k], 0);
  return first17 + '10X98765432'[sum % 11];
}
function withLuhn(prefix: string): string {
  for (let d = 0; d <= 9; d++) if (isLuhnValid(prefix + d)) return prefix + d;
  throw new Error('unreachable');
}
const find = (name: string, text: string) => DETECTORS[name](buildBaseView(text).text);

describe('structured detectors', () => {
  const id = withCheckDigit('11010519491231002');
  const card = withLuhn('622202100112233445');

  it('validates the resident ID check digit (ISO 7064 MOD 11-2)', () => {
    expect(isValidCnId(id)).toBe(true);
    const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    expect(isValidCnId(wrong)).toBe(false);
    expect(find('cn_id', `身份证${id}已登记`)).toHaveLength(1);
    expect(find('cn_id', `订单号${wrong}`)).toHaveLength(0);
  });

  it('finds IDs and cards written with spaces, dashes, full-width digits or Chinese numerals', () => {
    const spaced = `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`;
    expect(find('cn_id', `号码 ${spaced}`)).toHaveLength(1);
    const fullWidth = [...card].map((d) => String.fromCharCode(0xff10 + Number(d))).join('');
    expect(find('bank_card', `卡号${fullWidth}`)).toHaveLength(1);
    const chinese = [...card].map((d) => '〇一二三四五六七八九'[Number(d)]).join('');
    expect(find('bank_card', `卡号${chinese}`)).toHaveLength(1);
  });

  it('lets masked forms through', () => {
    for (const masked of ['尾号3445', '6222****3445', `${id.slice(0, 3)}***********${id.slice(14)}`, '6222 02** **** 3445']) {
      expect(find('bank_card', masked)).toHaveLength(0);
      expect(find('cn_id', masked)).toHaveLength(0);
    }
  });

  it('checks cards with Luhn and SSNs against reserved ranges', () => {
    expect(isLuhnValid('4111111111111111')).toBe(true);
    expect(isLuhnValid('4111111111111112')).toBe(false);
    expect(find('bank_card', 'order 4111111111111112')).toHaveLength(0);
    expect(isValidSsn('123456789')).toBe(true);
    for (const bad of ['000123456', '666123456', '912345678', '123006789', '123450000']) expect(isValidSsn(bad)).toBe(false);
    expect(find('us_ssn', 'SSN 123-45-6789 on file')).toHaveLength(1);
    expect(find('us_ssn', 'your ssn is 123456789')).toHaveLength(1);
    expect(find('us_ssn', 'ref 123456789')).toHaveLength(0);
    expect(find('us_ssn', 'SSN ***-**-6789')).toHaveLength(0);
  });

  it('does not read everyday words as Chinese numerals', () => {
    expect(find('cn_mobile', '一定要在三天内还款')).toHaveLength(0);
    expect(find('cn_mobile', '请拨打13812345678')).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import { classifyKey, isImeKey } from '../../../lib/guard/keys';
import { badgeState, decideSend } from '../../../lib/guard/decide';
import { DEFAULT_POLICY, DEFAULT_SEND_KEYS } from '../../../lib/guard/defaults';
import type { CheckResult, Finding } from '../../../rules';

const enter = { key: 'Enter', code: 'Enter', keyCode: 13 };

describe('classifyKey', () => {
  it('Enter and NumpadEnter send; Shift/Alt+Enter are newlines', () => {
    expect(classifyKey(enter, DEFAULT_SEND_KEYS)).toBe('send');
    expect(classifyKey({ key: 'Enter', code: 'NumpadEnter', keyCode: 13 }, DEFAULT_SEND_KEYS)).toBe('send');
    expect(classifyKey({ ...enter, shiftKey: true }, DEFAULT_SEND_KEYS)).toBe('other');
    expect(classifyKey({ ...enter, altKey: true }, DEFAULT_SEND_KEYS)).toBe('other');
    expect(classifyKey({ key: 'a', code: 'KeyA' }, DEFAULT_SEND_KEYS)).toBe('other');
  });

  it('every IME signal makes Enter a composition confirm, never a send', () => {
    expect(classifyKey({ ...enter, isComposing: true }, DEFAULT_SEND_KEYS)).toBe('ime');
    expect(classifyKey({ ...enter, keyCode: 229 }, DEFAULT_SEND_KEYS)).toBe('ime');
    expect(classifyKey({ key: 'Process', code: 'Enter' }, DEFAULT_SEND_KEYS)).toBe('ime');
    expect(classifyKey(enter, DEFAULT_SEND_KEYS, true)).toBe('ime');
    expect(isImeKey(enter)).toBe(false);
  });

  it('auto-repeat of a send key is its own class (never a second send)', () => {
    expect(classifyKey({ ...enter, repeat: true }, DEFAULT_SEND_KEYS)).toBe('repeat-send');
  });

  it('Ctrl/Cmd+Enter follows the site keys', () => {
    expect(classifyKey({ ...enter, ctrlKey: true }, DEFAULT_SEND_KEYS)).toBe('send');
    expect(classifyKey({ ...enter, metaKey: true }, ['Enter'])).toBe('other');
    expect(classifyKey(enter, ['Mod+Enter'])).toBe('other');
  });
});

const finding = (severity: 'block' | 'warn'): Finding => ({ rule: 'r', pack: 'p', category: 'threat', severity, start: 0, end: 1, text: 'x', message: 'm', source: 's', via: 'plain' });
const result = (verdict: 'block' | 'warn' | 'pass'): CheckResult => ({ verdict, findings: verdict === 'pass' ? [] : [finding(verdict)] });

describe('decideSend', () => {
  it('enforce: block blocks (no override by default), warn asks for acknowledgement, pass allows', () => {
    expect(decideSend(result('block'), DEFAULT_POLICY)).toMatchObject({ kind: 'block', override: false });
    expect(decideSend(result('warn'), DEFAULT_POLICY)).toMatchObject({ kind: 'warn', justify: false });
    expect(decideSend(result('pass'), DEFAULT_POLICY)).toEqual({ kind: 'allow' });
  });

  it('policy choices: block override with justification, warn needs justification', () => {
    const policy = { ...DEFAULT_POLICY, severity: { block: { override: 'justify' as const }, warn: { confirm: 'justify' as const } } };
    expect(decideSend(result('block'), policy)).toMatchObject({ kind: 'block', override: true });
    expect(decideSend(result('warn'), policy)).toMatchObject({ kind: 'warn', justify: true });
  });

  it('warn_only softens blocks to justified warnings; monitor and off never hold a send', () => {
    expect(decideSend(result('block'), { ...DEFAULT_POLICY, enforcement: 'warn_only' })).toMatchObject({ kind: 'warn', justify: true });
    expect(decideSend(result('block'), { ...DEFAULT_POLICY, enforcement: 'monitor' })).toEqual({ kind: 'allow' });
    expect(decideSend(result('block'), { ...DEFAULT_POLICY, enforcement: 'off' })).toEqual({ kind: 'allow' });
  });

  it('badge state follows the verdict', () => {
    expect(badgeState(null)).toBe('clean');
    expect(badgeState(result('warn'))).toBe('warn');
    expect(badgeState(result('block'))).toBe('block');
  });
});

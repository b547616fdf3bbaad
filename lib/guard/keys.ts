/** Which keydowns are sends, and which must never be. Pure, so every case is unit-tested. */
import type { SendKeyName } from './defaults';

export interface KeyLike {
  key: string;
  code?: string;
  keyCode?: number;
  isComposing?: boolean;
  repeat?: boolean;
  shiftKey?: boolean;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
}

/**
 * An Enter that belongs to an IME composition confirms the candidate; it is never a send.
 * Blink reports isComposing (keyCode 13 under CDP IME), older paths 229, Firefox key "Process"; Safari commits
 * before the keydown, which the caller covers with its own compositionend grace flag (`composingFlag`).
 */
export function isImeKey(e: KeyLike, composingFlag = false): boolean {
  return composingFlag || !!e.isComposing || e.keyCode === 229 || e.key === 'Process';
}

/** Enter and NumpadEnter both report key "Enter"; some keyboards leave `key` empty and only set `code`. */
export function isEnterKey(e: KeyLike): boolean {
  return e.key === 'Enter' || e.code === 'Enter' || e.code === 'NumpadEnter';
}

export type KeyClass = 'send' | 'repeat-send' | 'ime' | 'other';

/** Classifies a keydown in a composer given the keys this site sends with. */
export function classifyKey(e: KeyLike, sendKeys: readonly SendKeyName[], composingFlag = false): KeyClass {
  if (!isEnterKey(e)) return 'other';
  if (isImeKey(e, composingFlag)) return 'ime';
  const mod = !!(e.ctrlKey || e.metaKey);
  let send = false;
  if (!e.shiftKey && !e.altKey) {
    if (mod) send = sendKeys.includes('Mod+Enter');
    else send = sendKeys.includes('Enter');
  }
  if (!send) return 'other';
  return e.repeat ? 'repeat-send' : 'send';
}

/** <textarea> and <input type=text>: the value is the text; edits go through execCommand so undo and React follow. */
import type { EditorAdapter } from './types';

type Field = HTMLTextAreaElement | HTMLInputElement;

export function isTextField(el: Element): el is Field {
  if (el instanceof HTMLTextAreaElement) return true;
  if (!(el instanceof HTMLInputElement)) return false;
  return ['text', ''].includes(el.type) || !el.hasAttribute('type');
}

export function textFieldAdapter(el: Field): EditorAdapter {
  return {
    kind: el instanceof HTMLTextAreaElement ? 'textarea' : 'input',
    root: el,
    isFormField: true,
    readText: () => el.value,
    rangeFor: () => null,
    caretOffset: () => (el.ownerDocument.activeElement === el || el.getRootNode() !== el.ownerDocument ? el.selectionStart : null),
    async replace(start, end, text) {
      const before = el.value;
      el.focus({ preventScroll: true });
      el.setSelectionRange(start, end);
      // execCommand keeps the native undo stack and fires a real input event (React's value tracker follows).
      let ok = text ? el.ownerDocument.execCommand('insertText', false, text) : el.ownerDocument.execCommand('delete');
      const expected = before.slice(0, start) + text + before.slice(end);
      if (!ok || el.value !== expected) {
        // Firefox < 89 and some sandboxed frames refuse execCommand on fields.
        el.value = before;
        el.setRangeText(text, start, end, 'end');
        el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: text }));
        ok = el.value === expected;
      }
      el.setSelectionRange(start + text.length, start + text.length);
      return ok;
    },
  };
}

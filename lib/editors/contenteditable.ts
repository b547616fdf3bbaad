/**
 * Contenteditable editors. They share the text model (text-model.ts) and differ only in how a replacement
 * must enter the editor so that its own state follows; each strategy is small and named after the editor.
 */
import { buildTextModel, offsetOfPoint, rangeForModel, type TextModel } from './text-model';
import type { EditorAdapter, EditorKind } from './types';

export type ReplaceStrategy = (root: HTMLElement, range: Range, text: string) => Promise<void>;

const nextTask = () => new Promise<void>((r) => setTimeout(r, 0));

export function selectRange(root: HTMLElement, range: Range): Selection | null {
  root.focus({ preventScroll: true });
  const sel = root.ownerDocument.getSelection();
  if (!sel) return null;
  sel.removeAllRanges();
  sel.addRange(range);
  return sel;
}

/** Plain contenteditable, ProseMirror, Quill, Lexical: the browser's own insertText; each editor observes it. */
export const execInsert: ReplaceStrategy = async (root, range, text) => {
  selectRange(root, range);
  // Let editors that sync selection on selectionchange (Lexical, ProseMirror) see the new selection first.
  await nextTask();
  if (text) root.ownerDocument.execCommand('insertText', false, text);
  else root.ownerDocument.execCommand('delete');
};

/** Draft.js keeps its model apart from the DOM; a paste of plain text is the input path it always honours. */
export const pasteInsert: ReplaceStrategy = async (root, range, text) => {
  selectRange(root, range);
  await nextTask();
  await nextTask();
  const data = new DataTransfer();
  data.setData('text/plain', text);
  root.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
};

/** Unknown editors: offer a cancelable replacement (Slate, CKEditor 5, CodeMirror handle it), else execCommand. */
export const genericInsert: ReplaceStrategy = async (root, range, text) => {
  selectRange(root, range);
  await nextTask();
  const event = new InputEvent('beforeinput', {
    inputType: 'insertReplacementText',
    data: text,
    bubbles: true,
    cancelable: true,
    targetRanges: [new StaticRange({ startContainer: range.startContainer, startOffset: range.startOffset, endContainer: range.endContainer, endOffset: range.endOffset })],
  });
  const handled = !root.dispatchEvent(event);
  if (!handled) await execInsert(root, range, text);
};

export function contentEditableAdapter(root: HTMLElement, kind: EditorKind, strategy: ReplaceStrategy): EditorAdapter {
  let cached: { model: TextModel; version: number } | null = null;
  let version = 0;
  // Any mutation invalidates the model; reads between two mutations reuse it (check + highlight + card).
  const observer = new MutationObserver(() => {
    version++;
  });
  observer.observe(root, { subtree: true, childList: true, characterData: true });
  const model = (): TextModel => {
    observer.takeRecords().length && version++;
    if (!cached || cached.version !== version) cached = { model: buildTextModel(root), version };
    return cached.model;
  };

  return {
    kind,
    root,
    isFormField: false,
    readText: () => model().text,
    rangeFor: (start, end) => rangeForModel(model(), start, end),
    caretOffset() {
      const sel = root.ownerDocument.getSelection();
      if (!sel || !sel.anchorNode || !root.contains(sel.anchorNode)) return null;
      return offsetOfPoint(model(), sel.anchorNode, sel.anchorOffset);
    },
    async replace(start, end, text) {
      const before = model().text;
      const expected = before.slice(0, start) + text + before.slice(end);
      const range = rangeForModel(model(), start, end);
      if (!range) return false;
      await strategy(root, range, text);
      // Editors re-render asynchronously (React, Draft); give them a frame before judging.
      await new Promise<void>((r) => requestAnimationFrame(() => r()));
      if (model().text === expected) return true;
      // Last resort for editors that ignored the first path: the browser's insertText on the (re-found) span.
      if (model().text === before && strategy !== execInsert) {
        const again = rangeForModel(model(), start, end);
        if (again) await execInsert(root, again, text);
        await new Promise<void>((r) => requestAnimationFrame(() => r()));
      }
      return model().text === expected;
    },
  };
}

/** Picks the adapter for an editable element. */
import { contentEditableAdapter, execInsert, genericInsert, pasteInsert } from './contenteditable';
import { isTextField, textFieldAdapter } from './textfield';
import type { EditorAdapter, EditorKind } from './types';

export type { EditorAdapter, EditorKind } from './types';

/** The outermost contenteditable ancestor (inclusive): editors nest editable islands inside one root. */
export function editableRoot(el: Element): HTMLElement | null {
  if (!(el instanceof HTMLElement) || !el.isContentEditable) return null;
  let root: HTMLElement = el;
  while (root.parentElement && root.parentElement.isContentEditable) root = root.parentElement;
  return root;
}

export function detectKind(root: HTMLElement): EditorKind {
  if (root instanceof HTMLTextAreaElement) return 'textarea';
  if (root instanceof HTMLInputElement) return 'input';
  if (root.dataset.lexicalEditor === 'true') return 'lexical';
  if (root.classList.contains('ProseMirror') || root.classList.contains('tiptap')) return 'prosemirror';
  if (root.classList.contains('ql-editor')) return 'quill';
  if (root.classList.contains('public-DraftEditor-content') || root.closest('.DraftEditor-root')) return 'draft';
  if (root.matches('[data-slate-editor], .ck-editor__editable, .cm-content, trix-editor')) return 'generic';
  return 'contenteditable';
}

export function adapterFor(el: Element): EditorAdapter | null {
  if (isTextField(el)) return textFieldAdapter(el);
  const root = editableRoot(el);
  if (!root) return null;
  const kind = detectKind(root);
  switch (kind) {
    case 'draft':
      return contentEditableAdapter(root, kind, pasteInsert);
    case 'generic':
      return contentEditableAdapter(root, kind, genericInsert);
    default:
      return contentEditableAdapter(root, kind, execInsert);
  }
}

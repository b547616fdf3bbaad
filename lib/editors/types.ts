/** One interface over every editor the guard supports; each adapter is a small module behind it. */
export type EditorKind = 'textarea' | 'input' | 'contenteditable' | 'lexical' | 'prosemirror' | 'quill' | 'draft' | 'generic';

export interface EditorAdapter {
  readonly kind: EditorKind;
  /** The editable element: the textarea/input, or the contenteditable root. */
  readonly root: HTMLElement;
  /** True for textarea/input, whose characters no DOM Range can address (underlines use an overlay). */
  readonly isFormField: boolean;
  /** The draft as the engine sees it; offsets of findings index into this string. */
  readText(): string;
  /** A live DOM range over [start, end) of readText(); null for form fields or stale offsets. */
  rangeFor(start: number, end: number): Range | null;
  /** Caret position in readText() offsets, when the caret is inside this editor. */
  caretOffset(): number | null;
  /**
   * Replaces [start, end) with `text` through the editor's own input path, so its model, undo history and the
   * page's send follow. Resolves true when the editor's text now reads as intended.
   */
  replace(start: number, end: number, text: string): Promise<boolean>;
}

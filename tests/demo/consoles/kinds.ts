/** The editors of the lab console (kept apart from editors.tsx so Node-side tests can list them). */
export type LabEditorKind = 'textarea' | 'input' | 'contenteditable' | 'lexical' | 'prosemirror' | 'quill' | 'draft' | 'generic';
export const EDITOR_KINDS: LabEditorKind[] = ['textarea', 'input', 'contenteditable', 'lexical', 'prosemirror', 'quill', 'draft', 'generic'];

/**
 * Real editors from npm, each wired the way chat consoles wire them: the page's send reads the editor's own
 * state (not the DOM) and clears it. Used by the demo consoles and the e2e lab page.
 */
import { createEditor, $getRoot, $createParagraphNode, COMMAND_PRIORITY_HIGH, KEY_ENTER_COMMAND } from 'lexical';
import { registerPlainText } from '@lexical/plain-text';
import { EditorState as PMState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { schema } from 'prosemirror-schema-basic';
import { keymap } from 'prosemirror-keymap';
import { baseKeymap } from 'prosemirror-commands';
import { history, undo, redo } from 'prosemirror-history';
import Quill from 'quill';
import 'quill/dist/quill.core.css';
import { Editor, EditorState, getDefaultKeyBinding } from 'draft-js';
import 'draft-js/dist/Draft.css';
import { createElement, useState, useImperativeHandle, forwardRef, useRef } from 'react';
import { createRoot } from 'react-dom/client';

import type { LabEditorKind } from './kinds';

export type { LabEditorKind } from './kinds';

export interface MountedEditor {
  kind: LabEditorKind;
  /** The element the agent types into. */
  element: HTMLElement;
  /** The editor's own idea of the text (what a real console would send). */
  getText(): string;
  clear(): void;
}

export interface SendWiring {
  /** The page's send: reads getText() and clears. */
  send: (via: string) => void;
  /** Which keys send in this console. */
  enterSends: boolean;
  modEnterSends: boolean;
  /** A naive console that forgets the IME check (tests that the guard still holds a violating draft). */
  naiveIme?: boolean;
}

function isSendKey(e: KeyboardEvent, w: SendWiring): boolean {
  if (e.key !== 'Enter' || e.shiftKey || e.altKey) return false;
  if (!w.naiveIme && (e.isComposing || e.keyCode === 229)) return false;
  return e.ctrlKey || e.metaKey ? w.modEnterSends : w.enterSends;
}

export function mountEditor(kind: LabEditorKind, container: HTMLElement, wiring: SendWiring): MountedEditor {
  switch (kind) {
    case 'textarea':
    case 'input':
    case 'contenteditable':
    case 'generic': {
      const el =
        kind === 'textarea' ? document.createElement('textarea') : kind === 'input' ? document.createElement('input') : document.createElement('div');
      if (kind === 'contenteditable' || kind === 'generic') {
        el.contentEditable = 'true';
        el.setAttribute('role', 'textbox');
        el.setAttribute('aria-multiline', 'true');
      }
      el.className = 'composer-input';
      el.id = 'composer';
      container.append(el);
      // input: Enter submits the form (implicit submission) — the console listens to submit, not keys.
      if (kind !== 'input') (el as HTMLElement).addEventListener('keydown', (e: Event) => isSendKey(e as KeyboardEvent, wiring) && (e.preventDefault(), wiring.send('enter')));
      const field = el as HTMLTextAreaElement;
      return {
        kind,
        element: el,
        getText: () => (kind === 'textarea' || kind === 'input' ? field.value : el.innerText.replace(/\n$/, '')),
        clear: () => (kind === 'textarea' || kind === 'input' ? (field.value = '') : (el.textContent = '')),
      };
    }
    case 'lexical': {
      const el = document.createElement('div');
      el.contentEditable = 'true';
      el.className = 'composer-input';
      el.id = 'composer';
      container.append(el);
      const editor = createEditor({ namespace: 'lab', onError: (e) => console.error(e) });
      editor.setRootElement(el);
      registerPlainText(editor as never);
      editor.registerCommand(
        KEY_ENTER_COMMAND,
        (e) => {
          if (!e || !isSendKey(e, wiring)) return false;
          e.preventDefault();
          wiring.send('enter');
          return true;
        },
        COMMAND_PRIORITY_HIGH,
      );
      const text = () => editor.getEditorState().read(() => $getRoot().getTextContent());
      (window as unknown as { __lexical: unknown }).__lexical = editor;
      return {
        kind,
        element: el,
        getText: text,
        clear: () =>
          editor.update(
            () => {
              const root = $getRoot();
              root.clear();
              root.append($createParagraphNode());
            },
            { discrete: true },
          ),
      };
    }
    case 'prosemirror': {
      const mount = document.createElement('div');
      container.append(mount);
      const sendCmd = () => {
        wiring.send('enter');
        return true;
      };
      const keys: Record<string, () => boolean> = {};
      if (wiring.enterSends) keys.Enter = sendCmd;
      if (wiring.modEnterSends) keys['Mod-Enter'] = sendCmd;
      const view = new EditorView(mount, {
        state: PMState.create({ schema, plugins: [history(), keymap({ ...keys, 'Mod-z': undo, 'Mod-y': redo, 'Shift-Mod-z': redo }), keymap(baseKeymap)] }),
      });
      view.dom.classList.add('composer-input');
      view.dom.id = 'composer';
      (window as unknown as { __pm: unknown }).__pm = view;
      return {
        kind,
        element: view.dom,
        getText: () => view.state.doc.textBetween(0, view.state.doc.content.size, '\n'),
        clear: () => view.dispatch(view.state.tr.delete(0, view.state.doc.content.size)),
      };
    }
    case 'quill': {
      const mount = document.createElement('div');
      container.append(mount);
      const bindings: Record<string, unknown> = {};
      const handler = () => {
        wiring.send('enter');
        return false;
      };
      if (wiring.enterSends) bindings.send = { key: 'Enter', shiftKey: false, handler };
      if (wiring.modEnterSends) bindings.modSend = { key: 'Enter', shortKey: true, handler };
      const quill = new Quill(mount, { modules: { keyboard: { bindings }, history: { userOnly: true } }, formats: [] });
      quill.root.classList.add('composer-input');
      quill.root.id = 'composer';
      (window as unknown as { __quill: unknown }).__quill = quill;
      return { kind, element: quill.root, getText: () => quill.getText().replace(/\n$/, ''), clear: () => quill.setText('') };
    }
    case 'draft': {
      const mount = document.createElement('div');
      mount.className = 'draft-mount';
      container.append(mount);
      const api: { text: () => string; clear: () => void } = { text: () => '', clear: () => undefined };
      const DraftComposer = forwardRef<unknown, object>(function DraftComposer(_props, ref) {
        const [state, setState] = useState(() => EditorState.createEmpty());
        const stateRef = useRef(state);
        stateRef.current = state;
        useImperativeHandle(ref, () => ({}));
        api.text = () => stateRef.current.getCurrentContent().getPlainText();
        api.clear = () => setState(EditorState.createEmpty());
        return createElement(Editor, {
          editorState: state,
          onChange: setState,
          ariaLabel: 'Message',
          handleReturn: (e: React.KeyboardEvent) => {
            if (!isSendKey(e.nativeEvent, wiring)) return 'not-handled';
            wiring.send('enter');
            return 'handled';
          },
          keyBindingFn: getDefaultKeyBinding,
        });
      });
      const root = createRoot(mount);
      root.render(createElement(DraftComposer));
      const element = () => mount.querySelector<HTMLElement>('.public-DraftEditor-content') ?? mount;
      return {
        kind,
        get element() {
          return element();
        },
        getText: () => api.text(),
        clear: () => api.clear(),
      };
    }
  }
}

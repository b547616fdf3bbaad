/**
 * The e2e lab console: one composer of the editor named in ?editor=, wired like a real console.
 * Options: late=1 (mount only when __lab.mount() is called), shadow=1 (inside an open shadow root),
 * sendOn=pointerdown (the send control acts on press), modEnter=1 (only Ctrl/Cmd+Enter sends), naiveIme=1.
 */
import { mountEditor, type LabEditorKind, type MountedEditor } from './editors';

const params = new URLSearchParams(location.search);
const kind = (params.get('editor') ?? 'textarea') as LabEditorKind;
const sent: { text: string; via: string }[] = [];
let editor: MountedEditor | null = null;

const SEND_ICON = '<svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true"><path d="M2 21l21-9L2 3v7l15 2-15 2z" fill="currentColor"/></svg>';

function send(via: string) {
  if (!editor) return;
  const text = editor.getText();
  if (!text.trim()) return;
  sent.push({ text, via });
  const li = document.createElement('li');
  li.textContent = text;
  document.getElementById('log')?.append(li);
  editor.clear();
}

function mount() {
  unmount();
  let host: HTMLElement | ShadowRoot = document.getElementById('composer-area')!;
  if (params.get('shadow')) {
    const box = document.createElement('chat-box');
    (host as HTMLElement).append(box);
    host = box.attachShadow({ mode: 'open' });
  }
  const wrap = document.createElement(kind === 'input' ? 'form' : 'div');
  wrap.className = 'composer';
  host.append(wrap);
  const wiring = { send, enterSends: !params.get('modEnter'), modEnterSends: true, naiveIme: !!params.get('naiveIme') };
  const area = document.createElement('div');
  area.className = 'editor-area';
  wrap.append(area);
  editor = mountEditor(kind, area, wiring);
  let button: HTMLElement;
  if (kind === 'input') {
    button = document.createElement('button');
    button.setAttribute('type', 'submit');
    button.textContent = 'Submit';
    wrap.addEventListener('submit', (e) => {
      e.preventDefault();
      send('submit');
    });
  } else if (kind === 'generic') {
    // An unconfigured console: icon-only control, named only by aria-label.
    button = document.createElement('div');
    button.setAttribute('role', 'button');
    button.setAttribute('tabindex', '0');
    button.setAttribute('aria-label', '发送');
    button.innerHTML = SEND_ICON;
  } else {
    button = document.createElement('button');
    button.setAttribute('type', 'button');
    button.textContent = params.get('label') ?? '发送';
  }
  button.id = 'send';
  button.className = 'send';
  if (kind !== 'input') {
    const sendOn = params.get('sendOn') ?? 'click';
    button.addEventListener(sendOn, (e) => {
      e.preventDefault();
      send(sendOn);
    });
  }
  wrap.append(button);
}

function unmount() {
  document.getElementById('composer-area')!.replaceChildren();
  editor = null;
}

Object.assign(window, {
  __lab: {
    kind,
    sent,
    mount,
    unmount,
    text: () => editor?.getText() ?? null,
    /** Between test cases: forget what was sent and empty the composer, without reloading the page. */
    reset: () => {
      sent.length = 0;
      editor?.clear();
      document.getElementById('log')?.replaceChildren();
    },
    element: () => editor?.element ?? null,
  },
});

if (!params.get('late')) mount();

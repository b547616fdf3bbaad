/** The two demo consoles of `npm run demo`: a chat desk (Lexical) and an SMS console (Quill). */
import { mountEditor, type LabEditorKind, type MountedEditor } from './editors';

export interface DemoConsole {
  editor: LabEditorKind;
  title: string;
  contact: string;
  /** Shown by the console; the admin's selector maps it to the recipient role. Empty: the agent sets it. */
  role: string;
  roleLabel: string;
  history: string[];
}

export function mountDemo(cfg: DemoConsole) {
  const sent: string[] = [];
  document.title = cfg.title;
  const main = document.querySelector('main')!;
  main.innerHTML = `
    <header class="conv-header" data-dg-conversation="${cfg.contact}" ${cfg.role ? `data-dg-contact-role="${cfg.role}"` : ''}>
      <span>${cfg.title}</span><span>·</span><span>${cfg.contact}</span>${cfg.roleLabel ? `<span class="role-pill">${cfg.roleLabel}</span>` : ''}
    </header>
    <ul id="log" class="messages">${cfg.history.map((h) => `<li class="them">${h}</li>`).join('')}</ul>
    <div class="composer"><div class="editor-area"></div><button type="button" class="send" id="send">发送</button></div>`;
  let editor: MountedEditor;
  const send = () => {
    const text = editor.getText();
    if (!text.trim()) return;
    sent.push(text);
    const li = document.createElement('li');
    li.textContent = text;
    document.getElementById('log')!.append(li);
    editor.clear();
  };
  editor = mountEditor(cfg.editor, main.querySelector('.editor-area')!, { send, enterSends: true, modEnterSends: true });
  main.querySelector('#send')!.addEventListener('click', send);
  Object.assign(window, { __lab: { kind: cfg.editor, sent: sent.map((text) => ({ text })), sentTexts: sent, text: () => editor.getText(), element: () => editor.element } });
}

/**
 * Finds composers in the page, in open shadow roots and in whatever a single-page app adds or re-renders
 * later. Each frame runs its own copy (allFrames), so same-origin iframes are covered by their own script.
 * Discovery is a convenience for underlines and badges; interception resolves the composer from the event path
 * itself, so a composer discovery missed is still guarded at send.
 */
import { adapterFor, editableRoot, type EditorAdapter } from '../editors';
import { isTextField } from '../editors/textfield';
import { HOST_TAG } from '../../components/guard/mount';

const GENERIC_SELECTOR = 'textarea, input:not([type]), input[type=text], [contenteditable]:not([contenteditable=false])';

export interface ComposerEntry {
  id: string;
  adapter: EditorAdapter;
}

let nextId = 1;

/** True for the guard's own UI: its host, or anything inside its shadow root (closest() stops at the root). */
export function isOwnUi(node: EventTarget | null): boolean {
  if (!(node instanceof Node)) return false;
  if (node instanceof Element && node.localName === HOST_TAG) return true;
  let root = node.getRootNode();
  while (root instanceof ShadowRoot) {
    if (root.host.localName === HOST_TAG) return true;
    root = root.host.getRootNode();
  }
  return false;
}

/** The composer root an element belongs to, if the element is an editable we guard. */
export function composerRootOf(el: Element | null): HTMLElement | null {
  if (!el || isOwnUi(el)) return null;
  if (isTextField(el)) {
    const f = el as HTMLInputElement | HTMLTextAreaElement;
    if (f.readOnly || f.disabled) return null;
    if (f instanceof HTMLInputElement && (f.closest('[role=search], form[role=search]') || /search|login|user|email|password/i.test(f.name + f.id + (f.autocomplete ?? '')))) return null;
    return f;
  }
  return editableRoot(el);
}

export class ComposerRegistry {
  private byRoot = new Map<HTMLElement, ComposerEntry>();
  private observed = new WeakSet<Node>();
  private observer: MutationObserver;

  constructor(
    private extraSelector: string | undefined,
    private onAdded: (entry: ComposerEntry) => void,
    private onRemoved: (entry: ComposerEntry) => void,
  ) {
    this.observer = new MutationObserver((records) => this.onMutations(records));
  }

  get entries(): IterableIterator<ComposerEntry> {
    return this.byRoot.values();
  }

  get(root: HTMLElement): ComposerEntry | undefined {
    return this.byRoot.get(root);
  }

  byId(id: string): ComposerEntry | undefined {
    for (const e of this.byRoot.values()) if (e.id === id) return e;
    return undefined;
  }

  start(): void {
    this.observe(document);
    this.scan(document);
  }

  stop(): void {
    this.observer.disconnect();
  }

  /** Registers (once) the composer an element belongs to; used by focus and key events as a safety net. */
  ensure(el: Element | null): ComposerEntry | null {
    const root = composerRootOf(el);
    if (!root) return null;
    const known = this.byRoot.get(root);
    if (known) return known;
    const adapter = adapterFor(root);
    if (!adapter) return null;
    const entry = { id: `c${nextId++}`, adapter };
    this.byRoot.set(root, entry);
    const shadow = root.getRootNode();
    if (shadow instanceof ShadowRoot) this.observe(shadow);
    this.onAdded(entry);
    return entry;
  }

  /** Drops composers whose element left the document (re-rendered by the app). */
  prune(): void {
    for (const [root, entry] of this.byRoot) {
      if (!root.isConnected) {
        this.byRoot.delete(root);
        this.onRemoved(entry);
      }
    }
  }

  private selector(): string {
    return this.extraSelector ? `${this.extraSelector}, ${GENERIC_SELECTOR}` : GENERIC_SELECTOR;
  }

  private observe(node: Document | ShadowRoot) {
    if (this.observed.has(node)) return;
    this.observed.add(node);
    this.observer.observe(node, { childList: true, subtree: true });
  }

  private scan(root: ParentNode) {
    let found: NodeListOf<Element>;
    try {
      found = root.querySelectorAll(this.selector());
    } catch {
      found = root.querySelectorAll(GENERIC_SELECTOR);
    }
    for (const el of found) this.ensure(el);
    if (root instanceof Element) this.ensure(root);
    // Open shadow roots: neither querySelectorAll nor the document observer look inside them.
    const walker = document.createTreeWalker(root as Node, NodeFilter.SHOW_ELEMENT);
    for (let n = walker.currentNode as Element | null; n; n = walker.nextNode() as Element | null) {
      const shadow = (n as Element).shadowRoot;
      if (shadow && !isOwnUi(n)) {
        this.observe(shadow);
        this.scan(shadow);
      }
    }
  }

  private onMutations(records: MutationRecord[]) {
    let removed = false;
    for (const r of records) {
      if (r.removedNodes.length) removed = true;
      for (const node of r.addedNodes) {
        if (!(node instanceof Element) || isOwnUi(node)) continue;
        // Keystrokes inside a known composer add nodes too; those never hold a new composer.
        if (this.insideKnown(node)) continue;
        this.scan(node);
      }
    }
    if (removed) this.prune();
  }

  private insideKnown(node: Element): boolean {
    for (const root of this.byRoot.keys()) if (root !== node && root.contains(node)) return true;
    return false;
  }
}

/**
 * Underlines. Contenteditable: CSS Custom Highlight API (nothing enters the editor's DOM). Textarea/input: a
 * mirror overlay in the guard's shadow root that copies the field's text layout and follows scroll and resize.
 */
import type { Finding } from '../../rules';
import type { EditorAdapter } from '../editors';
import { HIGHLIGHT_CSS } from '../../components/guard/styles';

export const HIGHLIGHT_NAMES = { block: 'draftguard-block', warn: 'draftguard-warn' } as const;

type Registry = { set(name: string, h: unknown): void; get(name: string): unknown; delete(name: string): void };
const highlightApi = (): { registry: Registry; Highlight: new (...r: Range[]) => { add(r: Range): void; clear(): void } } | null => {
  const g = globalThis as unknown as { CSS?: { highlights?: Registry }; Highlight?: new (...r: Range[]) => { add(r: Range): void; clear(): void } };
  return g.CSS?.highlights && g.Highlight ? { registry: g.CSS.highlights, Highlight: g.Highlight } : null;
};

const styledRoots = new WeakSet<Document | ShadowRoot>();
function ensureHighlightStyle(root: Document | ShadowRoot) {
  if (styledRoots.has(root)) return;
  styledRoots.add(root);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(HIGHLIGHT_CSS);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

/** All contenteditable ranges of every composer in this document, grouped by severity. */
export class RangeHighlights {
  private perComposer = new Map<string, { block: Range[]; warn: Range[] }>();
  private highlights: { block: { add(r: Range): void; clear(): void }; warn: { add(r: Range): void; clear(): void } } | null = null;

  constructor() {
    const api = highlightApi();
    if (!api) return;
    this.highlights = { block: new api.Highlight(), warn: new api.Highlight() };
    api.registry.set(HIGHLIGHT_NAMES.block, this.highlights.block);
    api.registry.set(HIGHLIGHT_NAMES.warn, this.highlights.warn);
  }

  get supported(): boolean {
    return !!this.highlights;
  }

  set(composerId: string, adapter: EditorAdapter, findings: Finding[]): void {
    if (!this.highlights) return;
    ensureHighlightStyle(adapter.root.getRootNode() as Document | ShadowRoot);
    const entry = { block: [] as Range[], warn: [] as Range[] };
    for (const f of findings) {
      if (f.start >= f.end) continue;
      const r = adapter.rangeFor(f.start, f.end);
      if (r) entry[f.severity].push(r);
    }
    this.perComposer.set(composerId, entry);
    this.rebuild();
  }

  clear(composerId: string): void {
    if (this.perComposer.delete(composerId)) this.rebuild();
  }

  private rebuild() {
    const h = this.highlights!;
    h.block.clear();
    h.warn.clear();
    for (const { block, warn } of this.perComposer.values()) {
      for (const r of block) h.block.add(r);
      for (const r of warn) h.warn.add(r);
    }
  }

  dispose() {
    const api = highlightApi();
    api?.registry.delete(HIGHLIGHT_NAMES.block);
    api?.registry.delete(HIGHLIGHT_NAMES.warn);
  }
}

const MIRRORED = ['fontFamily', 'fontSize', 'fontWeight', 'fontStyle', 'fontVariant', 'fontStretch', 'letterSpacing', 'wordSpacing', 'lineHeight', 'textTransform', 'textIndent', 'textAlign', 'tabSize', 'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft', 'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth', 'boxSizing', 'direction', 'whiteSpace', 'overflowWrap', 'wordBreak'] as const;

/** The overlay of one textarea/input. */
export class FieldOverlay {
  readonly box: HTMLDivElement;
  private mirror: HTMLDivElement;
  private lastKey = '';

  constructor(
    private field: HTMLTextAreaElement | HTMLInputElement,
    container: HTMLElement,
    readonly composerId: string,
  ) {
    this.box = document.createElement('div');
    this.box.className = 'overlay';
    this.box.dataset.dgOverlay = composerId;
    this.mirror = document.createElement('div');
    this.mirror.className = 'mirror';
    this.box.append(this.mirror);
    container.append(this.box);
  }

  render(text: string, findings: Finding[]): void {
    const spans = findings.filter((f) => f.start < f.end).sort((a, b) => a.start - b.start);
    const key = spans.map((f) => `${f.start}:${f.end}:${f.severity}`).join(',') + '|' + text.length;
    if (key !== this.lastKey || this.mirror.textContent !== text) {
      this.lastKey = key;
      const frag = document.createDocumentFragment();
      let at = 0;
      for (const f of spans) {
        if (f.start < at) continue;
        frag.append(text.slice(at, f.start));
        const mark = document.createElement('mark');
        mark.className = f.severity;
        mark.dataset.start = String(f.start);
        mark.dataset.end = String(f.end);
        mark.textContent = text.slice(f.start, f.end);
        frag.append(mark);
        at = f.end;
      }
      // A trailing newline needs a following character to take up its line in the mirror.
      frag.append(text.slice(at) + (text.endsWith('\n') ? ' ' : ''));
      this.mirror.replaceChildren(frag);
    }
    this.position();
  }

  /** Follows the field's box, style and scroll offset. */
  position(): void {
    const f = this.field;
    const rect = f.getBoundingClientRect();
    const cs = getComputedStyle(f);
    Object.assign(this.box.style, { left: `${rect.left}px`, top: `${rect.top}px`, width: `${rect.width}px`, height: `${rect.height}px`, display: rect.width ? 'block' : 'none' });
    const m = this.mirror.style as unknown as Record<string, string>;
    for (const p of MIRRORED) m[p] = cs[p as keyof CSSStyleDeclaration] as string;
    m.borderStyle = 'solid';
    m.borderColor = 'transparent';
    m.width = `${rect.width}px`;
    if (f instanceof HTMLInputElement) {
      m.whiteSpace = 'pre';
      m.height = `${rect.height}px`;
      m.lineHeight = `${f.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom)}px`;
    } else {
      m.whiteSpace = 'pre-wrap';
      // The textarea's scrollbar narrows its text box; mirror its client width.
      m.width = `${f.clientWidth + parseFloat(cs.borderLeftWidth) + parseFloat(cs.borderRightWidth)}px`;
      m.height = 'auto';
    }
    this.mirror.style.transform = `translate(${-f.scrollLeft}px, ${-f.scrollTop}px)`;
  }

  /** Marks under a viewport point, for the hover card. */
  markAt(x: number, y: number): { start: number; end: number; rect: DOMRect } | null {
    for (const mark of this.mirror.querySelectorAll('mark')) {
      for (const r of mark.getClientRects()) {
        if (x >= r.left && x <= r.right && y >= r.top - 2 && y <= r.bottom + 2) return { start: Number(mark.dataset.start), end: Number(mark.dataset.end), rect: r };
      }
    }
    return null;
  }

  rectOf(start: number): DOMRect | null {
    const mark = this.mirror.querySelector(`mark[data-start="${start}"]`);
    return mark ? mark.getBoundingClientRect() : null;
  }

  remove(): void {
    this.box.remove();
  }
}

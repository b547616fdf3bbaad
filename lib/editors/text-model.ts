/**
 * A contenteditable's text as one string plus the map back to DOM text nodes. Blocks and <br> become "\n";
 * the trailing placeholder <br> that editors put in empty or last lines is not text. Nothing is ever written
 * into the editor's DOM.
 */
export interface Segment {
  node: Text;
  start: number;
  end: number;
}

export interface TextModel {
  text: string;
  segments: Segment[];
}

const BLOCK_TAGS = new Set(['P', 'DIV', 'LI', 'UL', 'OL', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'PRE', 'TABLE', 'TR', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'FIGURE']);
const SKIP_TAGS = new Set(['STYLE', 'SCRIPT', 'TEMPLATE', 'NOSCRIPT']);
const SKIP_SELECTOR = '[data-dg-ignore], .ql-cursor, .ql-clipboard';

function isPlaceholderBr(br: Element, root: Element): boolean {
  if (br.classList.contains('ProseMirror-trailingBreak')) return true;
  // A <br> with nothing after it inside its block is a line placeholder, not a newline.
  let node: Node = br;
  while (node !== root) {
    for (let sib = node.nextSibling; sib; sib = sib.nextSibling) {
      if (sib.nodeType === Node.TEXT_NODE ? (sib as Text).data.length > 0 : sib.nodeType === Node.ELEMENT_NODE && !(sib as Element).matches('img.ProseMirror-separator')) return false;
    }
    const parent = node.parentNode;
    if (!parent || (parent.nodeType === Node.ELEMENT_NODE && BLOCK_TAGS.has((parent as Element).tagName))) return true;
    node = parent;
  }
  return true;
}

export function buildTextModel(root: Element): TextModel {
  const parts: string[] = [];
  const segments: Segment[] = [];
  let length = 0;
  let started = false;
  let lastWasBreak = true;
  let closedSinceBreak = false;

  const emit = (s: string, node: Text | null) => {
    if (node) segments.push({ node, start: length, end: length + s.length });
    parts.push(s);
    length += s.length;
  };
  const breakLine = () => {
    emit('\n', null);
    lastWasBreak = true;
    closedSinceBreak = false;
  };

  const walk = (parent: Node) => {
    for (let child = parent.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === Node.TEXT_NODE) {
        const data = (child as Text).data;
        if (!data) continue;
        if (closedSinceBreak) breakLine();
        emit(data, child as Text);
        lastWasBreak = false;
        started = true;
        continue;
      }
      if (child.nodeType !== Node.ELEMENT_NODE) continue;
      const el = child as Element;
      if (SKIP_TAGS.has(el.tagName) || el.matches(SKIP_SELECTOR)) continue;
      if (el.tagName === 'BR') {
        if (isPlaceholderBr(el, root)) continue;
        if (closedSinceBreak) breakLine();
        emit('\n', null);
        lastWasBreak = true;
        started = true;
        continue;
      }
      const block = BLOCK_TAGS.has(el.tagName);
      if (block) {
        if (started && (!lastWasBreak || closedSinceBreak)) breakLine();
        started = true;
      }
      walk(el);
      if (block) closedSinceBreak = true;
    }
  };
  walk(root);
  return { text: parts.join(''), segments };
}

/** Index of the segment holding `offset`; `preferNext` picks the following node at a boundary (range starts). */
function findSegment(segments: Segment[], offset: number, preferNext: boolean): number {
  let lo = 0;
  let hi = segments.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segments[mid]!;
    if (s.start <= offset) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (best < 0) return segments.length ? 0 : -1;
  const s = segments[best]!;
  if (offset > s.end && best + 1 < segments.length) return preferNext ? best + 1 : best;
  if (!preferNext && offset === s.start && best > 0 && segments[best - 1]!.end === offset) return best - 1;
  return best;
}

export function domPoint(model: TextModel, offset: number, preferNext: boolean): { node: Text; offset: number } | null {
  const i = findSegment(model.segments, offset, preferNext);
  if (i < 0) return null;
  const s = model.segments[i]!;
  const within = Math.max(0, Math.min(s.node.data.length, offset - s.start));
  return { node: s.node, offset: offset < s.start ? 0 : within };
}

export function rangeForModel(model: TextModel, start: number, end: number): Range | null {
  if (start > end || end > model.text.length) return null;
  const a = domPoint(model, start, true);
  const b = domPoint(model, end, false);
  if (!a || !b) return null;
  const range = document.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  if (range.collapsed && start !== end) return null;
  return range;
}

/** Model offset of a DOM boundary point (selection anchor), or null when it lies outside the model. */
export function offsetOfPoint(model: TextModel, node: Node, offset: number): number | null {
  if (node.nodeType === Node.TEXT_NODE) {
    for (const s of model.segments) if (s.node === node) return s.start + Math.min(offset, s.end - s.start);
  }
  const probe = document.createRange();
  try {
    probe.setStart(node, offset);
  } catch {
    return null;
  }
  // First text node at or after the point.
  for (const s of model.segments) {
    if (probe.comparePoint(s.node, 0) >= 0) return s.start;
  }
  return model.text.length;
}

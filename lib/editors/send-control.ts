/**
 * Finding a composer's send control on consoles nobody configured: a button (or role=button) named
 * 发送/發送/Send/Submit by its text, aria-label, title or a labelled icon, the submit button of the composer's
 * form, or the nearest such control after the composer.
 */
const CONTROL_SELECTOR = 'button, input[type=submit], input[type=button], input[type=image], [role=button], a[role=button]';
const SEND_NAME = /^(?:发送|發送|送出|傳送|发出|send|submit)(?:$|[\s(（:：…\-–—]|\b)/i;

function clean(s: string | null | undefined): string {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}

function labelledByText(el: Element): string {
  const ids = el.getAttribute('aria-labelledby');
  if (!ids) return '';
  const root = el.getRootNode() as Document | ShadowRoot;
  return ids
    .split(/\s+/)
    .map((id) => root.getElementById?.(id)?.textContent ?? '')
    .join(' ');
}

/** The names a person or screen reader would use for this control. */
export function controlNames(el: Element): string[] {
  const names = [el.getAttribute('aria-label'), labelledByText(el), el.getAttribute('title'), (el as HTMLElement).innerText ?? el.textContent];
  if (el instanceof HTMLInputElement) names.push(el.value, el.getAttribute('alt'));
  // An icon-only control labelled on its icon (svg <title>, aria-label, img alt, data-icon="send").
  for (const icon of el.querySelectorAll('svg, img, i, span[data-icon], [aria-label]')) {
    names.push(icon.getAttribute('aria-label'), icon.getAttribute('alt'), icon.getAttribute('title'), icon.querySelector?.('title')?.textContent ?? null, icon.getAttribute('data-icon'));
  }
  names.push(el.getAttribute('data-icon'));
  return names.map(clean).filter(Boolean);
}

export function isSendNamed(el: Element): boolean {
  return controlNames(el).some((n) => SEND_NAME.test(n) || /^(?:wds-ic-)?send(?:-filled|-light)?$/i.test(n));
}

export function isControl(el: Element): boolean {
  return el.matches(CONTROL_SELECTOR);
}

function isDisabledOrHidden(el: Element): boolean {
  if ((el as HTMLButtonElement).disabled || el.getAttribute('aria-disabled') === 'true') return true;
  const rect = (el as HTMLElement).getBoundingClientRect?.();
  return !!rect && rect.width === 0 && rect.height === 0;
}

function isSubmitButton(el: Element): boolean {
  if (el instanceof HTMLButtonElement) return el.type === 'submit';
  return el instanceof HTMLInputElement && (el.type === 'submit' || el.type === 'image');
}

/** The form a composer belongs to, if any. */
export function composerForm(composer: HTMLElement): HTMLFormElement | null {
  return (composer as HTMLInputElement).form ?? composer.closest('form');
}

/** The composer's send control: site selector, then form submit, then the nearest send-named control. */
export function locateSend(composer: HTMLElement, siteSelector?: string): HTMLElement | null {
  const scope = composer.getRootNode() as Document | ShadowRoot;
  if (siteSelector) {
    try {
      const all = [...scope.querySelectorAll<HTMLElement>(siteSelector)].filter((el) => !isDisabledOrHidden(el));
      const nearest = nearestAfter(composer, all);
      if (nearest) return nearest;
    } catch {
      // A bad selector in policy must not disable the generic path.
    }
  }
  const form = composerForm(composer);
  if (form) {
    const submits = [...form.querySelectorAll<HTMLElement>('button, input[type=submit], input[type=image]')].filter(isSubmitButton);
    const named = submits.find(isSendNamed) ?? submits[0];
    if (named) return named;
  }
  // Widen from the composer outwards until a send-named control shows up (nearest container first).
  let container: Element | null = composer.parentElement;
  for (let depth = 0; container && depth < 8; depth++, container = container.parentElement) {
    const candidates = [...container.querySelectorAll<HTMLElement>(CONTROL_SELECTOR)].filter((el) => !isDisabledOrHidden(el) && isSendNamed(el));
    const found = nearestAfter(composer, candidates);
    if (found) return found;
  }
  return null;
}

/** Prefers the first candidate after the composer in document order, else the last one before it. */
function nearestAfter(composer: Element, candidates: HTMLElement[]): HTMLElement | null {
  let before: HTMLElement | null = null;
  for (const c of candidates) {
    if (composer.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING) return c;
    before = c;
  }
  return before;
}

/** The control in an event path that looks like a send (site selector, send-named, or a form submit). */
export function sendControlInPath(path: EventTarget[], siteSelector?: string): HTMLElement | null {
  for (const t of path) {
    if (!(t instanceof HTMLElement)) continue;
    if (siteSelector) {
      try {
        if (t.matches(siteSelector)) return t;
      } catch {
        // ignore a bad policy selector
      }
    }
    if (isControl(t) && (isSendNamed(t) || isSubmitButton(t))) return t;
    if (t === t.ownerDocument.body) break;
  }
  return null;
}

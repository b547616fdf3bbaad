/**
 * The composer guard of one frame: checks drafts as they are typed, draws underlines, badges and cards, and
 * intercepts every send path synchronously in the capture phase at window (registered at document_start, so it
 * runs before any page listener). Block: nothing reaches the page. Warn: held, then replayed once through the
 * page's own control.
 */
import { createEngine, type CheckContext, type CheckResult, type CompiledPack, type Engine, type Finding, type Recipient } from '../../rules';
import { locateSend, sendControlInPath, composerForm } from '../editors/send-control';
import { isTextField } from '../editors/textfield';
import { mountGuardUi, type MountedUi } from '../../components/guard/mount';
import { ViewStore, type BadgeView, type Box, type DialogView, type GuardActions } from '../../components/guard/store';
import { tr } from '../../components/guard/strings';
import { detectLocale, type UiLocale } from '../../components/shared/i18n';
import { DEFAULT_POLICY, DEFAULT_SEND_KEYS, type GuardPolicy, type SitePolicy } from './defaults';
import { badgeState, decideSend, type SendDecision } from './decide';
import { classifyKey } from './keys';
import { siteFor } from './policy';
import { ComposerRegistry, isOwnUi, type ComposerEntry } from './composers';
import { FieldOverlay, RangeHighlights } from './highlights';
import { buildAuditEvent, sendAudit, sendCount, type AuditContext } from './audit';
import { conversationId, conversationKey, roleFromPage } from './recipient';
import { PerfStats } from './perf';
import type { AuditAction } from '../audit/types';

interface ComposerState extends ComposerEntry {
  text: string;
  result: CheckResult | null;
  focused: boolean;
  /** A send of this draft was blocked or held; a later clean send is audited as sent_after_edit. */
  heldBefore: boolean;
  overlay: FieldOverlay | null;
  /** Editors re-render after input (React, Draft, Lexical reconciliation): repaint when their DOM settles. */
  observer: MutationObserver | null;
}

type Trigger = { kind: 'key'; key: string; code: string } | { kind: 'click'; control: HTMLElement; pressed: boolean } | { kind: 'submit'; form: HTMLFormElement; submitter: HTMLElement | null };

interface Held {
  composer: ComposerState;
  trigger: Trigger;
  decision: Exclude<SendDecision, { kind: 'allow' }>;
  draft: string;
  restore: () => void;
  /** A fix changed the draft: closing the dialog keeps the caret where the fix left it. */
  edited: boolean;
}

export interface GuardStatus {
  active: boolean;
  reason: 'active' | 'monitor' | 'off' | 'not-listed';
  siteLabel: string | null;
  url: string;
  conversation: string;
  recipient: Recipient;
  recipientFromPage: boolean;
  composers: number;
  verdict: 'clean' | 'warn' | 'block';
  perf: ReturnType<PerfStats['summary']>;
}

function topUrl(): string {
  try {
    return window.top?.location.href ?? location.href;
  } catch {
    const origins = location.ancestorOrigins;
    return origins?.length ? origins[origins.length - 1]! + '/' : location.href;
  }
}

/** The press half of a click, for consoles that send on pointerdown/mousedown (the page saw none of it). */
function pressGesture(el: HTMLElement) {
  const r = el.getBoundingClientRect();
  const init = { bubbles: true, cancelable: true, composed: true, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, button: 0, buttons: 1, isPrimary: true, pointerId: 1, pointerType: 'mouse' };
  el.dispatchEvent(new PointerEvent('pointerdown', init));
  el.dispatchEvent(new MouseEvent('mousedown', init));
  el.dispatchEvent(new PointerEvent('pointerup', { ...init, buttons: 0 }));
  el.dispatchEvent(new MouseEvent('mouseup', { ...init, buttons: 0 }));
}

function boxOf(r: DOMRect): Box {
  return { left: r.left, top: r.top, width: r.width, height: r.height };
}

export class ComposerGuard {
  /** Packs in force, compiled on first need: most frames a guard runs in never get a composer. */
  private packs: CompiledPack[];
  private readonly fallbackPacks: CompiledPack[];
  private compiled: Engine | null = null;
  private policy: GuardPolicy = DEFAULT_POLICY;
  private site: SitePolicy | null = null;
  private locale: UiLocale = detectLocale();
  private chosen: Record<string, Recipient> = {};
  private registry: ComposerRegistry;
  private states = new Map<string, ComposerState>();
  private highlights = new RangeHighlights();
  private ui: MountedUi | null = null;
  private store: ViewStore;
  private held: Held | null = null;
  private replaying = false;
  private composing = false;
  private swallowKeyUp: string | null = null;
  private dirty = new Set<ComposerState>();
  private dirtySince = 0;
  private frame = 0;
  private layoutFrame = 0;
  private hoverFrame = 0;
  private lastPointer: { x: number; y: number } | null = null;
  private cardSource: 'hover' | 'caret' | null = null;
  private cardHovered = false;
  private hideTimer = 0;
  private lastKeyAt = 0;
  private lastCheckMs = 0;
  private deferred = 0;
  /** The send control whose press events were withheld, so a replay gives the page the whole gesture. */
  private pressedControl: HTMLElement | null = null;
  private resizeObserver: ResizeObserver;
  readonly perf = new PerfStats();

  constructor(
    packs: CompiledPack[],
    private signal: AbortSignal,
  ) {
    this.packs = packs;
    this.fallbackPacks = packs;
    this.store = new ViewStore({ locale: this.locale, badges: [], card: null, dialog: null, allowReports: true });
    this.registry = new ComposerRegistry(undefined, (e) => this.added(e), (e) => this.removed(e));
    this.resizeObserver = new ResizeObserver(() => this.scheduleLayout());
    this.site = siteFor(this.policy, location.href) ?? siteFor(this.policy, topUrl());
    this.listen();
  }

  // ---- configuration -------------------------------------------------------------------------------------

  /**
   * The engine, compiled the first time a composer needs it (warmed up as soon as one is found, so typing and
   * sending never wait for it). The background verified these packs, so the regex proof is not repeated here.
   */
  private get engine(): Engine {
    if (!this.compiled) {
      try {
        this.compiled = createEngine(this.packs, { verifyRegexes: false });
      } catch {
        // A stored pack this build cannot compile: guard with the bundled packs rather than not at all.
        this.packs = this.fallbackPacks;
        this.compiled = createEngine(this.fallbackPacks, { verifyRegexes: false });
      }
    }
    return this.compiled;
  }

  setPacks(packs: CompiledPack[]): void {
    if (!this.compiled) {
      this.packs = packs;
      return;
    }
    try {
      this.compiled = createEngine(packs, { verifyRegexes: false });
      this.packs = packs;
    } catch {
      return; // keep the packs that compiled; a broken update must not unguard the page
    }
    this.recheckAll();
  }

  setPolicy(policy: GuardPolicy): void {
    this.policy = policy;
    this.site = siteFor(policy, location.href) ?? siteFor(policy, topUrl());
    this.store.update({ allowReports: policy.allowFalsePositiveReports });
    this.recheckAll();
  }

  setLocale(locale: UiLocale): void {
    this.locale = locale;
    this.store.update({ locale });
    this.recheckAll();
  }

  setChosenRecipients(chosen: Record<string, Recipient>): void {
    this.chosen = chosen;
    this.recheckAll();
  }

  get active(): boolean {
    return !!this.site && this.policy.enforcement !== 'off';
  }

  start(): void {
    const begin = () => {
      if (this.signal.aborted) return;
      this.registry.start();
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', begin, { once: true, signal: this.signal });
    else begin();
    this.signal.addEventListener('abort', () => this.teardown(), { once: true });
  }

  status(): GuardStatus {
    const { recipient, fromPage } = this.recipient();
    const worst = [...this.states.values()].reduce<'clean' | 'warn' | 'block'>((acc, s) => {
      const b = badgeState(s.result);
      return b === 'block' || acc === 'block' ? 'block' : b === 'warn' ? 'warn' : acc;
    }, 'clean');
    return {
      active: this.active && this.policy.enforcement !== 'monitor',
      reason: !this.site ? 'not-listed' : this.policy.enforcement === 'off' ? 'off' : this.policy.enforcement === 'monitor' ? 'monitor' : 'active',
      siteLabel: this.site?.label ?? null,
      url: location.href,
      conversation: conversationId(this.site),
      recipient,
      recipientFromPage: fromPage,
      composers: this.states.size,
      verdict: worst,
      perf: this.perf.summary(),
    };
  }

  /** Sets the role for the current conversation (from the badge or the popup). */
  chooseRecipient(role: Recipient): string {
    const key = conversationKey(location.host, conversationId(this.site));
    this.chosen = { ...this.chosen, [key]: role };
    this.renderBadges();
    this.recheckAll();
    return key;
  }

  onRecipientChosen: (key: string, role: Recipient) => void = () => undefined;

  // ---- composers ----------------------------------------------------------------------------------------

  private added(entry: ComposerEntry) {
    const state: ComposerState = { ...entry, text: '', result: null, focused: false, heldBefore: false, overlay: null, observer: null };
    if (!entry.adapter.isFormField) {
      state.observer = new MutationObserver(() => this.markDirty(state, performance.now()));
      state.observer.observe(entry.adapter.root, { subtree: true, childList: true, characterData: true });
    }
    this.states.set(entry.id, state);
    // Compile the packs now, off the input path, so the first keystroke and the first send never wait for it.
    if (!this.compiled) setTimeout(() => void this.engine, 0);
    this.resizeObserver.observe(entry.adapter.root);
    this.markDirty(state, performance.now());
  }

  private removed(entry: ComposerEntry) {
    const state = this.states.get(entry.id);
    if (!state) return;
    this.states.delete(entry.id);
    state.observer?.disconnect();
    this.resizeObserver.unobserve(entry.adapter.root);
    this.highlights.clear(entry.id);
    state.overlay?.remove();
    this.renderBadges();
  }

  private stateFor(target: EventTarget | null): ComposerState | null {
    const entry = this.registry.ensure(target instanceof Element ? target : null);
    return entry ? (this.states.get(entry.id) ?? null) : null;
  }

  private recipient(): { recipient: Recipient; fromPage: boolean } {
    const fromPage = roleFromPage(this.site);
    if (fromPage) return { recipient: fromPage, fromPage: true };
    const chosen = this.chosen[conversationKey(location.host, conversationId(this.site))];
    return { recipient: chosen ?? 'unknown', fromPage: false };
  }

  private checkContext(): CheckContext {
    return {
      recipient: this.recipient().recipient,
      channel: this.site?.channel ?? 'chat',
      locale: this.locale,
      sendTime: Date.now(),
      ...(this.policy.jurisdictions.length ? { jurisdiction: this.policy.jurisdictions } : {}),
      ...(this.site?.recipientTimeZone ? { recipientTimeZone: this.site.recipientTimeZone } : {}),
    };
  }

  private check(state: ComposerState): CheckResult {
    state.text = state.adapter.readText();
    state.result = state.text.trim() ? this.engine.check(state.text, this.checkContext()) : { verdict: 'pass', findings: [] };
    return state.result;
  }

  private recheckAll() {
    for (const s of this.states.values()) this.markDirty(s, performance.now());
  }

  // ---- typing: check within one frame --------------------------------------------------------------------

  private markDirty(state: ComposerState, since: number) {
    if (!this.dirty.size) this.dirtySince = since;
    else this.dirtySince = Math.min(this.dirtySince, since);
    this.dirty.add(state);
    if (this.frame || this.deferred) return;
    // Long drafts with a slow pack: leave a few frames to typing between checks instead of stalling every
    // keystroke. The send path never waits for this; it always checks synchronously.
    const wait = this.lastCheckMs > 8 ? Math.min(250, this.lastCheckMs * 2) : 0;
    if (wait) {
      this.deferred = window.setTimeout(() => {
        this.deferred = 0;
        this.frame = requestAnimationFrame(() => this.flush());
      }, wait);
    } else this.frame = requestAnimationFrame(() => this.flush());
  }

  private flush() {
    this.frame = 0;
    if (!this.active) {
      this.dirty.clear();
      return;
    }
    const since = this.dirtySince;
    const t0 = performance.now();
    for (const state of this.dirty) {
      if (!state.adapter.root.isConnected) continue;
      this.check(state);
      this.paint(state);
    }
    this.lastCheckMs = performance.now() - t0;
    const typed = this.dirty.size > 0 && this.lastKeyAt > 0 && since - this.lastKeyAt < 1000;
    this.dirty.clear();
    this.renderBadges();
    this.updateCaretCard();
    if (typed) this.perf.recordUnderline(performance.now() - Math.min(since, this.lastKeyAt || since), this.maxDraftLength());
  }

  private maxDraftLength(): number {
    let n = 0;
    for (const s of this.states.values()) n = Math.max(n, s.text.length);
    return n;
  }

  private paint(state: ComposerState) {
    const findings = state.result?.findings ?? [];
    if (state.adapter.isFormField) {
      if (!findings.length && !state.overlay) return;
      if (!state.overlay) state.overlay = new FieldOverlay(state.adapter.root as HTMLTextAreaElement, this.ensureUi().overlays, state.id);
      state.overlay.render(state.text, findings);
    } else {
      this.highlights.set(state.id, state.adapter, findings);
    }
  }

  private ensureUi(): MountedUi {
    if (!this.ui) this.ui = mountGuardUi(this.store, this.actions);
    return this.ui;
  }

  private renderBadges() {
    const badges: BadgeView[] = [];
    const { recipient, fromPage } = this.recipient();
    for (const s of this.states.values()) {
      if (!s.focused && !s.text) continue;
      const rect = s.adapter.root.getBoundingClientRect();
      if (!rect.width || !rect.height) continue;
      badges.push({ composerId: s.id, anchor: boxOf(rect), state: badgeState(s.result), recipient, recipientFromPage: fromPage, findings: s.result?.findings ?? [], canFix: true });
    }
    if (!badges.length && !this.ui) return;
    this.ensureUi();
    this.store.update({ badges });
  }

  private scheduleLayout() {
    if (this.layoutFrame) return;
    this.layoutFrame = requestAnimationFrame(() => {
      this.layoutFrame = 0;
      for (const s of this.states.values()) s.overlay?.position();
      this.renderBadges();
      const card = this.store.get().card;
      if (card) this.store.update({ card: null });
    });
  }

  // ---- cards: hover and caret ----------------------------------------------------------------------------

  private findingAtPoint(x: number, y: number): { state: ComposerState; finding: Finding; rect: DOMRect } | null {
    for (const s of this.states.values()) {
      const findings = s.result?.findings ?? [];
      if (!findings.length) continue;
      if (s.overlay) {
        const hit = s.overlay.markAt(x, y);
        const f = hit && findings.find((f) => f.start === hit.start && f.end === hit.end);
        if (hit && f) return { state: s, finding: f, rect: hit.rect };
        continue;
      }
      for (const f of findings) {
        if (f.start >= f.end) continue;
        const range = s.adapter.rangeFor(f.start, f.end);
        if (!range) continue;
        for (const r of range.getClientRects()) if (x >= r.left && x <= r.right && y >= r.top - 2 && y <= r.bottom + 2) return { state: s, finding: f, rect: r };
      }
    }
    return null;
  }

  private showCard(state: ComposerState, finding: Finding, rect: DOMRect, source: 'hover' | 'caret') {
    clearTimeout(this.hideTimer);
    this.cardSource = source;
    const index = state.result?.findings.indexOf(finding) ?? 0;
    const cur = this.store.get().card;
    if (cur && cur.composerId === state.id && cur.finding.rule === finding.rule && cur.finding.start === finding.start) return;
    this.ensureUi();
    this.store.update({ card: { composerId: state.id, index, finding, anchor: boxOf(rect) } });
  }

  private hideCardSoon() {
    if (!this.store.get().card) return;
    clearTimeout(this.hideTimer);
    this.hideTimer = window.setTimeout(() => {
      if (!this.cardHovered) {
        this.cardSource = null;
        this.store.update({ card: null });
      }
    }, 250);
  }

  private onPointerMove = (e: PointerEvent) => {
    this.lastPointer = { x: e.clientX, y: e.clientY };
    if (this.hoverFrame || !this.states.size) return;
    this.hoverFrame = requestAnimationFrame(() => {
      this.hoverFrame = 0;
      const p = this.lastPointer;
      if (!p || this.store.get().dialog) return;
      const hit = this.findingAtPoint(p.x, p.y);
      if (hit) this.showCard(hit.state, hit.finding, hit.rect, 'hover');
      else if (this.cardSource === 'hover') this.hideCardSoon();
    });
  };

  private updateCaretCard() {
    const active = [...this.states.values()].find((s) => s.focused);
    if (!active || this.store.get().dialog) return;
    const caret = active.adapter.caretOffset();
    const f = caret === null ? undefined : active.result?.findings.find((f) => f.start < f.end && caret >= f.start && caret <= f.end);
    if (f) {
      const rect = active.overlay?.rectOf(f.start) ?? active.adapter.rangeFor(f.start, f.end)?.getBoundingClientRect();
      if (rect) this.showCard(active, f, rect, 'caret');
    } else if (this.cardSource === 'caret') this.hideCardSoon();
  }

  // ---- interception -------------------------------------------------------------------------------------

  private listen() {
    const opts = { capture: true, signal: this.signal };
    const passive = { capture: true, passive: true, signal: this.signal };
    window.addEventListener('keydown', this.onKeyDown, opts);
    window.addEventListener('keyup', this.onKeyUp, opts);
    window.addEventListener('click', this.onClick, opts);
    for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'touchstart', 'touchend'] as const) window.addEventListener(type, this.onPress, opts);
    window.addEventListener('submit', this.onSubmit, opts);
    window.addEventListener('input', this.onInput, passive);
    window.addEventListener('compositionstart', () => (this.composing = true), passive);
    window.addEventListener(
      'compositionend',
      () => {
        // Safari commits before the confirming Enter's keydown: keep treating Enter as IME for one task.
        setTimeout(() => (this.composing = false), 0);
      },
      passive,
    );
    window.addEventListener('focusin', this.onFocusIn, passive);
    window.addEventListener('pointermove', this.onPointerMove, passive);
    window.addEventListener('scroll', () => this.scheduleLayout(), passive);
    window.addEventListener('resize', () => this.scheduleLayout(), { passive: true, signal: this.signal });
    document.addEventListener('selectionchange', () => this.states.size && !this.frame && this.updateCaretCard(), { passive: true, signal: this.signal });
  }

  private onFocusIn = (e: FocusEvent) => {
    if (isOwnUi(e.composedPath()[0] ?? null)) return;
    const state = this.stateFor(e.composedPath()[0] ?? null);
    if (!state) return;
    for (const s of this.states.values()) s.focused = s === state;
    this.markDirty(state, performance.now());
  };

  private onInput = (e: Event) => {
    const path = e.composedPath();
    if (isOwnUi(path[0] ?? null)) return;
    const state = this.stateFor(path[0] ?? null);
    if (state) this.markDirty(state, e.timeStamp || performance.now());
  };

  private onKeyDown = (e: KeyboardEvent) => {
    if (this.replaying || !this.active) return;
    const target = e.composedPath()[0] ?? null;
    if (isOwnUi(target)) return;
    if (this.held) {
      // The dialog is open: nothing reaches the page's send meanwhile.
      const state = this.stateFor(target);
      if (state && classifyKey(e, this.sendKeys(), this.composing) !== 'other') this.stop(e);
      return;
    }
    const state = this.stateFor(target);
    if (!state) return;
    this.lastKeyAt = e.timeStamp || performance.now();
    const kind = classifyKey(e, this.sendKeys(), this.composing);
    if (kind === 'other') return;
    if (kind === 'ime') {
      // Never a send. If the page would wrongly treat it as one, a violating draft still must not leave.
      if (this.check(state).verdict !== 'pass' && this.policy.enforcement !== 'monitor') e.stopImmediatePropagation();
      return;
    }
    if (kind === 'repeat-send') {
      this.stop(e);
      return;
    }
    const t0 = performance.now();
    const decision = this.decide(state);
    if (decision.kind !== 'allow') {
      this.stop(e);
      this.swallowKeyUp = e.code || e.key;
      this.hold(state, { kind: 'key', key: e.key, code: e.code }, decision);
    } else this.allowed(state);
    this.perf.recordIntercept(performance.now() - t0);
  };

  private onKeyUp = (e: KeyboardEvent) => {
    if (this.swallowKeyUp && (e.code || e.key) === this.swallowKeyUp) {
      this.swallowKeyUp = null;
      this.stop(e);
    }
  };

  private controlComposer(path: EventTarget[]): { control: HTMLElement; state: ComposerState } | null {
    if (isOwnUi(path[0] ?? null)) return null;
    const control = sendControlInPath(path, this.site?.send);
    if (!control) return null;
    const state = this.composerForControl(control);
    return state ? { control, state } : null;
  }

  /** The composer a send control serves: same form, else the nearest composer sharing an ancestor with it. */
  private composerForControl(control: HTMLElement): ComposerState | null {
    const states = [...this.states.values()].filter((s) => s.adapter.root.isConnected);
    const form = control.closest('form');
    if (form) {
      const inForm = states.find((s) => form.contains(s.adapter.root));
      if (inForm) return inForm;
    }
    for (let anc = control.parentElement; anc; anc = anc.parentElement) {
      const inside = states.filter((s) => anc.contains(s.adapter.root));
      if (inside.length === 1) return inside[0]!;
      if (inside.length > 1) return inside.find((s) => s.focused) ?? inside.find((s) => locateSend(s.adapter.root, this.site?.send) === control) ?? inside[0]!;
    }
    // A control in a shadow root whose composer lives in the light DOM (or the reverse): the focused one.
    return states.find((s) => s.focused && locateSend(s.adapter.root, this.site?.send) === control) ?? null;
  }

  private onPress = (e: Event) => {
    if (this.replaying || !this.active) return;
    const hit = this.controlComposer(e.composedPath());
    if (!hit) return;
    if (this.held || this.decide(hit.state).kind !== 'allow') {
      // Sites that send on press must not send; the click that follows opens the dialog. touchstart keeps its
      // default so the click still comes.
      if (e.type !== 'touchstart') e.preventDefault();
      e.stopImmediatePropagation();
      this.pressedControl = hit.control;
    }
  };

  private onClick = (e: MouseEvent) => {
    if (this.replaying || !this.active) return;
    const hit = this.controlComposer(e.composedPath());
    if (!hit) return;
    const t0 = performance.now();
    if (this.held) {
      this.stop(e);
      return;
    }
    const decision = this.decide(hit.state);
    const pressed = this.pressedControl;
    this.pressedControl = null;
    if (decision.kind !== 'allow') {
      this.stop(e);
      this.hold(hit.state, { kind: 'click', control: hit.control, pressed: pressed === hit.control }, decision);
    } else this.allowed(hit.state);
    this.perf.recordIntercept(performance.now() - t0);
  };

  private onSubmit = (e: SubmitEvent) => {
    if (this.replaying || !this.active) return;
    const form = e.composedPath()[0];
    if (!(form instanceof HTMLFormElement)) return;
    let state = [...this.states.values()].find((s) => form.contains(s.adapter.root)) ?? null;
    if (!state) state = this.stateFor(form.querySelector('textarea, input:not([type]), input[type=text], [contenteditable]:not([contenteditable=false])'));
    if (!state) return;
    if (this.held) {
      this.stop(e);
      return;
    }
    const decision = this.decide(state);
    if (decision.kind !== 'allow') {
      this.stop(e);
      this.hold(state, { kind: 'submit', form, submitter: e.submitter }, decision);
    }
  };

  private stop(e: Event) {
    e.preventDefault();
    e.stopImmediatePropagation();
  }

  private sendKeys() {
    return this.site?.sendKeys ?? DEFAULT_SEND_KEYS;
  }

  private decide(state: ComposerState): SendDecision {
    return decideSend(this.check(state), this.policy);
  }

  private auditContext(): AuditContext {
    return { site: location.host || location.href, conversation: conversationId(this.site), recipient: this.recipient().recipient, channel: this.site?.channel ?? 'chat' };
  }

  private audit(action: AuditAction, state: ComposerState, extra: Parameters<typeof buildAuditEvent>[4] = {}, findings = state.result?.findings ?? []) {
    sendAudit(buildAuditEvent(action, this.auditContext(), state.text, findings, extra));
  }

  private allowed(state: ComposerState) {
    sendCount('checked');
    if (state.heldBefore) {
      state.heldBefore = false;
      this.audit('sent_after_edit', state, { sentText: state.text });
    }
  }

  private hold(state: ComposerState, trigger: Trigger, decision: Exclude<SendDecision, { kind: 'allow' }>) {
    state.heldBefore = true;
    const restore = this.captureSelection(state);
    this.held = { composer: state, trigger, decision, draft: state.text, restore, edited: false };
    this.paint(state);
    this.renderBadges();
    if (decision.kind === 'block') {
      sendCount('blocked');
      this.audit('blocked', state);
    } else sendCount('warned');
    const dialog: DialogView = {
      composerId: state.id,
      kind: decision.kind,
      findings: decision.findings,
      override: decision.kind === 'block' && decision.override,
      justify: decision.kind === 'warn' && decision.justify,
      clean: false,
      reported: [],
    };
    this.ensureUi();
    this.cardSource = null;
    this.store.update({ dialog, card: null });
  }

  private captureSelection(state: ComposerState): () => void {
    const root = state.adapter.root;
    if (isTextField(root)) {
      const { selectionStart: s, selectionEnd: e } = root;
      return () => {
        root.focus({ preventScroll: true });
        if (s !== null && e !== null) root.setSelectionRange(s, e);
      };
    }
    const sel = root.ownerDocument.getSelection();
    const range = sel && sel.rangeCount && root.contains(sel.anchorNode) ? sel.getRangeAt(0).cloneRange() : null;
    return () => {
      root.focus({ preventScroll: true });
      if (range && range.startContainer.isConnected && sel) {
        sel.removeAllRanges();
        sel.addRange(range);
      }
    };
  }

  /** Sends the held draft through the page's own control, exactly once. */
  private replay(held: Held) {
    const { composer, trigger } = held;
    if (held.edited) composer.adapter.root.focus({ preventScroll: true });
    else held.restore();
    this.replaying = true;
    try {
      if (trigger.kind === 'click' && trigger.control.isConnected) {
        if (trigger.pressed) pressGesture(trigger.control);
        trigger.control.click();
        return;
      }
      if (trigger.kind === 'submit' && trigger.form.isConnected) {
        const submitter = trigger.submitter && trigger.submitter.isConnected && (trigger.submitter as HTMLButtonElement).form === trigger.form ? trigger.submitter : null;
        trigger.form.requestSubmit(submitter as HTMLButtonElement | null);
        return;
      }
      const control = locateSend(composer.adapter.root, this.site?.send);
      if (control) {
        control.click();
        return;
      }
      const form = composerForm(composer.adapter.root);
      if (form) {
        form.requestSubmit();
        return;
      }
      // No control at all: the page sends on Enter only. Replay the key on the composer.
      const init = { key: 'Enter', code: trigger.kind === 'key' ? trigger.code || 'Enter' : 'Enter', keyCode: 13, which: 13, bubbles: true, cancelable: true, composed: true } as KeyboardEventInit;
      composer.adapter.root.dispatchEvent(new KeyboardEvent('keydown', init));
      composer.adapter.root.dispatchEvent(new KeyboardEvent('keyup', init));
    } finally {
      this.replaying = false;
    }
  }

  // ---- dialog and card actions --------------------------------------------------------------------------

  private readonly actions: GuardActions = {
    applyFix: (composerId, finding) => void this.applyFix(composerId, finding),
    report: (composerId, finding) => {
      const state = this.states.get(composerId);
      if (!state) return;
      this.audit('false_positive_reported', state, { disputedRule: finding.rule }, [finding]);
      sendCount('reported');
      const d = this.store.get().dialog;
      if (d) this.store.update({ dialog: { ...d, reported: [...d.reported, `${finding.rule}@${finding.start}`] } });
      else this.store.update({ card: null });
    },
    setRecipient: (_composerId, role) => {
      const key = this.chooseRecipient(role);
      this.onRecipientChosen(key, role);
    },
    proceed: (justification) => {
      const held = this.held;
      if (!held) return;
      const { decision, composer } = held;
      if (decision.kind === 'block' && (!decision.override || !justification)) return;
      if (decision.kind === 'warn' && decision.justify && !justification) return;
      this.held = null;
      this.store.update({ dialog: null });
      // Re-read: the agent may have edited meanwhile; the audit records what is actually sent.
      this.check(composer);
      const action: AuditAction = justification ? 'override_justified' : 'warning_acknowledged';
      this.audit(action, composer, { ...(justification ? { justification } : {}), sentText: composer.text });
      if (justification) sendCount('overridden');
      composer.heldBefore = false;
      this.replay(held);
    },
    sendNow: () => {
      const held = this.held;
      if (!held) return;
      if (this.check(held.composer).verdict !== 'pass') return;
      this.held = null;
      this.store.update({ dialog: null });
      held.composer.heldBefore = false;
      this.audit('sent_after_edit', held.composer, { sentText: held.composer.text });
      sendCount('checked');
      this.replay(held);
    },
    closeDialog: () => {
      const held = this.held;
      this.held = null;
      this.store.update({ dialog: null });
      if (held?.edited) held.composer.adapter.root.focus({ preventScroll: true });
      else held?.restore();
    },
    cardHovered: (hovered) => {
      this.cardHovered = hovered;
      if (!hovered) this.hideCardSoon();
      else clearTimeout(this.hideTimer);
    },
  };

  private async applyFix(composerId: string, stale: Finding) {
    const state = this.states.get(composerId);
    if (!state || stale.fix === undefined) return;
    // Offsets may have moved since the card or dialog was drawn: find the same finding in a fresh check.
    const before = this.check(state);
    const finding = before.findings.find((f) => f.rule === stale.rule && f.text === stale.text && f.start < f.end) ?? null;
    const draft = state.text;
    const ok = finding ? await state.adapter.replace(finding.start, finding.end, stale.fix) : false;
    if (ok && this.held?.composer === state) this.held.edited = true;
    const after = this.check(state);
    this.paint(state);
    this.renderBadges();
    this.store.update({ card: null });
    if (ok && finding) {
      sendCount('fixed');
      sendAudit(buildAuditEvent('fix_applied', this.auditContext(), draft, [finding], { sentText: state.text }));
    }
    const d = this.store.get().dialog;
    if (d && d.composerId === composerId && this.held) {
      const clean = after.verdict === 'pass';
      const kind = after.verdict === 'block' ? 'block' : d.kind === 'block' && after.verdict === 'warn' ? 'warn' : d.kind;
      const decision = decideSend(after, this.policy);
      if (decision.kind !== 'allow') this.held.decision = decision;
      this.store.update({
        dialog: { ...d, kind, findings: after.findings, clean, override: decision.kind === 'block' && decision.override, justify: decision.kind === 'warn' && decision.justify, notice: ok ? undefined : tr('fixFailed', this.locale) },
      });
    } else if (!ok) {
      // Card path: say so in the badge menu's place — reuse the dialog notice would be intrusive; log quietly.
      console.warn('[draftguard] fix not accepted by the editor');
    }
  }

  private teardown() {
    cancelAnimationFrame(this.frame);
    clearTimeout(this.deferred);
    cancelAnimationFrame(this.layoutFrame);
    cancelAnimationFrame(this.hoverFrame);
    this.registry.stop();
    this.resizeObserver.disconnect();
    this.highlights.dispose();
    for (const s of this.states.values()) {
      s.overlay?.remove();
      s.observer?.disconnect();
    }
    this.ui?.unmount();
  }
}

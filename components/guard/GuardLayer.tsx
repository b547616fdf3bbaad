/** Badges, the hover card and the send dialog, rendered in the guard's shadow root. */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { RECIPIENTS, type Finding, type Recipient } from '../../rules';
import type { UiLocale } from '../shared/i18n';
import type { BadgeView, CardView, DialogView, GuardActions, ViewStore } from './store';
import { tr } from './strings';

const MIN_JUSTIFICATION = 10;

export function GuardLayer({ store, actions }: { store: ViewStore; actions: GuardActions }) {
  const view = useSyncExternalStore(store.subscribe, store.get);
  const [menuFor, setMenuFor] = useState<string | null>(null);
  const menuBadge = view.badges.find((b) => b.composerId === menuFor) ?? null;
  return (
    <div className="layer">
      {view.badges.map((b) => (
        <Badge key={b.composerId} badge={b} locale={view.locale} open={menuFor === b.composerId} onToggle={() => setMenuFor(menuFor === b.composerId ? null : b.composerId)} />
      ))}
      {menuBadge && <BadgeMenu badge={menuBadge} locale={view.locale} actions={actions} onClose={() => setMenuFor(null)} />}
      {view.card && !view.dialog && <Card card={view.card} locale={view.locale} actions={actions} allowReports={view.allowReports} />}
      {view.dialog && <Dialog dialog={view.dialog} locale={view.locale} actions={actions} allowReports={view.allowReports} />}
    </div>
  );
}

function Badge({ badge, locale, open, onToggle }: { badge: BadgeView; locale: UiLocale; open: boolean; onToggle: () => void }) {
  const label = tr('badgeLabel', locale, { state: tr(badge.state, locale), recipient: tr(badge.recipient, locale) });
  const style = { left: Math.max(0, badge.anchor.left + badge.anchor.width - 120), top: Math.max(0, badge.anchor.top - 26) };
  return (
    <button className={`badge ${badge.state}`} style={style} aria-label={label} aria-expanded={open} aria-haspopup="dialog" data-dg-badge={badge.state} onClick={onToggle}>
      <span className="dot" aria-hidden="true" />
      <span>{badge.findings.length ? `${tr(badge.state, locale)} · ${badge.findings.length}` : tr(badge.state, locale)}</span>
    </button>
  );
}

function BadgeMenu({ badge, locale, actions, onClose }: { badge: BadgeView; locale: UiLocale; actions: GuardActions; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input:checked, input, button')?.focus();
  }, []);
  // Opens above the badge (which sits above the composer), never over it, so the badge still toggles it.
  const badgeTop = Math.max(0, badge.anchor.top - 26);
  const above = badgeTop > 200;
  const style = above
    ? { left: Math.max(4, badge.anchor.left + badge.anchor.width - 300), bottom: window.innerHeight - badgeTop + 4, maxHeight: badgeTop - 8 }
    : { left: Math.max(4, badge.anchor.left + badge.anchor.width - 300), top: badgeTop + 26, maxHeight: window.innerHeight - badgeTop - 34 };
  return (
    <div className="menu" role="dialog" aria-label={tr('recipient', locale)} ref={ref} style={style} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend className="msg">{tr('recipient', locale)}</legend>
        {RECIPIENTS.map((r) => (
          <label key={r}>
            <input type="radio" name={`dg-recipient-${badge.composerId}`} value={r} checked={badge.recipient === r} data-dg-recipient={r} onChange={() => actions.setRecipient(badge.composerId, r as Recipient)} /> {tr(r, locale)}
          </label>
        ))}
        {badge.recipientFromPage && <div className="hint">{tr('fromPage', locale)}</div>}
      </fieldset>
      <h3 style={{ marginTop: 8 }}>{tr('findings', locale)}</h3>
      {badge.findings.length === 0 && <div className="hint">{tr('noFindings', locale)}</div>}
      {badge.findings.map((f, i) => (
        <FindingBlock key={`${f.rule}-${f.start}-${i}`} finding={f} locale={locale} onFix={badge.canFix && f.fix ? () => actions.applyFix(badge.composerId, f) : undefined} />
      ))}
      <div className="row">
        <button onClick={onClose}>{tr('close', locale)}</button>
      </div>
    </div>
  );
}

function FindingBlock({ finding, locale, onFix, onReport, reported }: { finding: Finding; locale: UiLocale; onFix?: () => void; onReport?: () => void; reported?: boolean }) {
  return (
    <div className={`finding ${finding.severity}`} data-dg-finding={finding.rule}>
      <div className="msg">{finding.message}</div>
      <div>
        <span className="quote">{finding.start < finding.end ? finding.text : tr('wholeDraft', locale)}</span>
      </div>
      <div className="src">
        {tr('source', locale)}: {finding.source}
      </div>
      {finding.fix && (
        <div className="fix">
          {tr('suggestion', locale)}: {finding.fix}
        </div>
      )}
      <div className="row">
        {onFix && (
          <button className="primary" data-dg-action="apply-fix" onClick={onFix}>
            {tr('applyFix', locale)}
          </button>
        )}
        {onReport && (
          <button data-dg-action="report" disabled={reported} onClick={onReport}>
            {reported ? tr('reported', locale) : tr('report', locale)}
          </button>
        )}
      </div>
    </div>
  );
}

function Card({ card, locale, actions, allowReports }: { card: CardView; locale: UiLocale; actions: GuardActions; allowReports: boolean }) {
  const f = card.finding;
  const below = card.anchor.top + card.anchor.height + 6;
  const style = { left: Math.max(4, Math.min(card.anchor.left, window.innerWidth - 350)), top: below + 160 > window.innerHeight ? Math.max(4, card.anchor.top - 166) : below };
  return (
    <div className={`card ${f.severity}`} role="tooltip" data-dg-card={f.rule} style={style} onMouseEnter={() => actions.cardHovered(true)} onMouseLeave={() => actions.cardHovered(false)}>
      <FindingBlock
        finding={f}
        locale={locale}
        onFix={f.fix && f.start < f.end ? () => actions.applyFix(card.composerId, f) : undefined}
        onReport={allowReports ? () => actions.report(card.composerId, f) : undefined}
      />
    </div>
  );
}

function Dialog({ dialog, locale, actions, allowReports }: { dialog: DialogView; locale: UiLocale; actions: GuardActions; allowReports: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const [ack, setAck] = useState(false);
  const [why, setWhy] = useState('');
  useEffect(() => {
    // Focus lands inside the dialog on the safe action (back to edit), so Enter/Space/Tab work at once and a
    // key still held from the blocked send cannot fix or send anything.
    ref.current?.querySelector<HTMLElement>('[data-dg-action="back"]')?.focus();
  }, [dialog.kind, dialog.clean]);
  const needsWhy = dialog.kind === 'block' ? dialog.override : dialog.justify;
  const whyOk = why.trim().length >= MIN_JUSTIFICATION;
  const canProceed = dialog.kind === 'warn' ? (dialog.justify ? whyOk : ack) : dialog.override && whyOk;
  const title = dialog.clean ? tr('cleanTitle', locale) : dialog.kind === 'block' ? tr('blockTitle', locale) : tr('warnTitle', locale);
  const onKeyDown = (e: React.KeyboardEvent) => {
    // Auto-repeat of a held Enter/Space must never press a dialog button.
    if (e.repeat && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      return;
    }
    if (e.key === 'Escape') {
      e.preventDefault();
      actions.closeDialog();
    }
    if (e.key === 'Tab') trapFocus(e, ref.current);
  };
  return (
    <div className="backdrop" onKeyDownCapture={onKeyDown}>
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="dg-title" aria-describedby="dg-intro" data-dg-dialog={dialog.kind} ref={ref}>
        <h2 id="dg-title">{title}</h2>
        {!dialog.clean && <p id="dg-intro">{dialog.kind === 'block' ? tr('blockIntro', locale) : tr('warnIntro', locale)}</p>}
        {dialog.notice && (
          <p className="notice" role="alert">
            {dialog.notice}
          </p>
        )}
        {dialog.findings.map((f, i) => (
          <FindingBlock
            key={`${f.rule}-${f.start}-${i}`}
            finding={f}
            locale={locale}
            onFix={f.fix && f.start < f.end ? () => actions.applyFix(dialog.composerId, f) : undefined}
            onReport={allowReports ? () => actions.report(dialog.composerId, f) : undefined}
            reported={dialog.reported.includes(`${f.rule}@${f.start}`)}
          />
        ))}
        {!dialog.clean && dialog.kind === 'warn' && !dialog.justify && (
          <label style={{ display: 'block', margin: '8px 0' }}>
            <input type="checkbox" checked={ack} data-dg-action="acknowledge" onChange={(e) => setAck(e.target.checked)} /> {tr('acknowledge', locale)}
          </label>
        )}
        {!dialog.clean && needsWhy && (
          <label style={{ display: 'block', margin: '8px 0' }}>
            {tr('justification', locale)}
            <textarea className="just" value={why} data-dg-action="justification" onChange={(e) => setWhy(e.target.value)} aria-describedby="dg-why-hint" />
            <span id="dg-why-hint" className="hint">
              {tr('justificationHint', locale)}
            </span>
          </label>
        )}
        <div className="row" style={{ justifyContent: 'flex-end' }}>
          <button data-dg-action="back" onClick={actions.closeDialog}>
            {tr('backToEdit', locale)}
          </button>
          {dialog.clean ? (
            <button className="primary" data-dg-action="send-now" onClick={actions.sendNow}>
              {tr('sendNow', locale)}
            </button>
          ) : (
            (dialog.kind === 'warn' || dialog.override) && (
              <button className={dialog.kind === 'block' ? 'danger' : 'primary'} data-dg-action="proceed" disabled={!canProceed} onClick={() => actions.proceed(needsWhy ? why.trim() : null)}>
                {tr('sendAnyway', locale)}
              </button>
            )
          )}
        </div>
      </div>
    </div>
  );
}

function trapFocus(e: React.KeyboardEvent, container: HTMLElement | null) {
  if (!container) return;
  const items = [...container.querySelectorAll<HTMLElement>('button:not([disabled]), textarea, input')];
  if (!items.length) return;
  const root = container.getRootNode() as ShadowRoot;
  const active = root.activeElement;
  const first = items[0]!;
  const last = items[items.length - 1]!;
  if (e.shiftKey && active === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && active === last) {
    e.preventDefault();
    first.focus();
  }
}

/** One record: the draft with flagged spans highlighted, each finding with its message and legal source, and the QA label. */
import { forwardRef, useEffect, useState } from 'react';
import type { AuditRecord, ReviewLabel, ReviewStatus } from '../../lib/audit/types';
import { REVIEW_STATUSES } from '../../lib/audit/types';
import type { UiLocale } from '../shared/i18n';
import type { RuleInfo } from './rule-info';
import { tr, type ReviewKey } from './strings';

interface Props {
  record: AuditRecord | undefined;
  label: ReviewLabel | undefined;
  locale: UiLocale;
  ruleInfo: Map<string, RuleInfo>;
  comment: string;
  onComment: (c: string) => void;
  onLabel: (status: ReviewStatus | null) => void;
  /** Leaving the comment box saves the comment into an existing label. */
  onCommentDone: () => void;
  error?: string;
}

/** Splits the draft at finding boundaries; each piece knows which findings cover it. */
export function segments(text: string, spans: { start: number; end: number }[]): { text: string; hits: number[] }[] {
  const cuts = new Set([0, text.length]);
  for (const s of spans) {
    cuts.add(Math.max(0, Math.min(text.length, s.start)));
    cuts.add(Math.max(0, Math.min(text.length, s.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: { text: string; hits: number[] }[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const [a, b] = [points[k], points[k + 1]];
    if (a === b) continue;
    out.push({ text: text.slice(a, b), hits: spans.flatMap((s, i) => (s.start <= a && s.end >= b && s.end > s.start ? [i] : [])) });
  }
  return out;
}

const KEYS: Record<ReviewStatus, string> = { confirmed: 'C', false_positive: 'F', needs_coaching: 'N' };

export const DetailPanel = forwardRef<HTMLTextAreaElement, Props>(function DetailPanel({ record, label, locale, ruleInfo, comment, onComment, onLabel, onCommentDone, error }, commentRef) {
  const t = (k: ReviewKey, vars?: Record<string, string | number>) => tr(k, locale, vars);
  const [active, setActive] = useState<number | undefined>();
  useEffect(() => setActive(undefined), [record?.id]);
  if (!record) return <section className="detail empty" aria-label={t('detail')}><p>{t('selectHint')}</p></section>;
  const info = (rule: string) => ruleInfo.get(rule);
  const message = (rule: string) => {
    const m = info(rule)?.message;
    return m ? (m[locale] ?? (locale === 'zh-Hant' ? m['zh-Hans'] : undefined) ?? m.en ?? '') : t('unknownRule');
  };
  return (
    <section className="detail" aria-label={t('detail')}>
      <h2>
        {t(record.action)} · {new Date(record.time).toLocaleString()}
      </h2>
      <dl className="meta">
        <dt>{t('agent')}</dt><dd>{record.agent}</dd>
        <dt>{t('site')}</dt><dd>{record.site}</dd>
        {record.conversation && (<><dt>{t('conversation')}</dt><dd>{record.conversation}</dd></>)}
        <dt>{t('recipient')}</dt><dd>{record.recipient}</dd>
        <dt>{t('channel')}</dt><dd>{record.channel}</dd>
        <dt>{t('packs')}</dt><dd>{record.packs.map((p) => `${p.id} v${p.version}`).join(', ')}</dd>
      </dl>
      <h3>
        {t('draft')}
        {record.redacted && <small> ({t('redacted')})</small>}
      </h3>
      <p className="draft" data-testid="draft">
        {segments(record.draft, record.findings).map((s, k) =>
          s.hits.length ? (
            <mark key={k} className={`${s.hits.includes(active ?? -1) ? 'active ' : ''}${s.hits.some((h) => record.findings[h].severity === 'block') ? 'm-block' : 'm-warn'}`} title={s.hits.map((h) => record.findings[h].rule).join(', ')}>
              {s.text}
            </mark>
          ) : (
            <span key={k}>{s.text}</span>
          ),
        )}
      </p>
      <h3>{t('sentText')}</h3>
      <p className="sent">{record.sentText !== undefined ? record.sentText : record.action === 'blocked' || record.action === 'false_positive_reported' ? t('notSent') : t('sameAsDraft')}</p>
      {record.justification && (
        <>
          <h3>{t('justification')}</h3>
          <blockquote className="justification">{record.justification}</blockquote>
        </>
      )}
      {record.disputedRule && (<p><strong>{t('disputedRule')}:</strong> {record.disputedRule}</p>)}
      <h3>{t('findings')}</h3>
      <ol className="findings">
        {record.findings.map((f, k) => (
          <li key={k} onMouseEnter={() => setActive(k)} onMouseLeave={() => setActive(undefined)} onFocus={() => setActive(k)} tabIndex={0}>
            <span className={`sev sev-${f.severity}`}>{t(f.severity)}</span> <code>{f.rule}</code> · {f.category}
            <div className="message">{message(f.rule)}</div>
            {info(f.rule)?.source && (<div className="source">{t('source')}: {info(f.rule)!.source}</div>)}
            {f.end > f.start && <q>{record.draft.slice(f.start, f.end)}</q>}
          </li>
        ))}
      </ol>
      <h3 id="label-heading">{t('label')}</h3>
      <div className="labels" role="group" aria-labelledby="label-heading">
        {REVIEW_STATUSES.map((s) => (
          <button key={s} type="button" aria-pressed={label?.status === s} aria-keyshortcuts={KEYS[s]} className={`label-${s}`} onClick={() => onLabel(s)}>
            {t(s)} <kbd>{KEYS[s]}</kbd>
          </button>
        ))}
        <button type="button" aria-keyshortcuts="U" onClick={() => onLabel(null)} disabled={!label}>
          {t('clearLabel')} <kbd>U</kbd>
        </button>
      </div>
      <label htmlFor="qa-comment">{t('comment')}</label>
      <textarea id="qa-comment" ref={commentRef} value={comment} rows={3} onChange={(e) => onComment(e.target.value)} onBlur={onCommentDone} />
      {error && <p role="alert" className="error">{t('saveError', { error })}</p>}
    </section>
  );
});

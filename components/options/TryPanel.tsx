import { useMemo, useState } from 'react';
import { CHANNELS, createEngine, RECIPIENTS, type Channel, type CompiledPack, type Recipient } from '../../rules';
import type { Policy } from '../../lib/policy/schema';
import type { UiLocale } from '../shared/i18n';
import { categoryLabel } from './categories';
import type { T } from './OptionsApp';

export function TryPanel({ t, packs, policy, locale }: { t: T; packs: CompiledPack[]; policy: Policy; locale: UiLocale }) {
  const [text, setText] = useState('');
  const [recipient, setRecipient] = useState<Recipient>('debtor');
  const [channel, setChannel] = useState<Channel>('chat');
  const built = useMemo(() => {
    try {
      // Bundled or verified by the background already: skip the costly ReDoS proof.
      return { engine: createEngine(packs, { verifyRegexes: false }), error: null };
    } catch (e) {
      return { engine: null, error: (e as Error).message };
    }
  }, [packs]);
  // The engine takes well under a millisecond per draft, so the result follows every keystroke.
  const result = useMemo(
    () =>
      built.engine && text.trim()
        ? built.engine.check(text, { recipient, channel, locale, jurisdiction: policy.defaults.jurisdiction, recipientTimeZone: policy.defaults.recipientTimeZone, sendTime: Date.now() })
        : null,
    [built, text, recipient, channel, locale, policy],
  );

  return (
    <section aria-labelledby="try-h">
      <h2 id="try-h">{t('tabTry')}</h2>
      <p>{t('tryIntro')}</p>
      {built.error && (
        <p role="alert" className="dg-error">
          {t('engineError', { error: built.error })}
        </p>
      )}
      <div className="dg-form dg-column">
        <label htmlFor="try-text">{t('sentence')}</label>
        <textarea id="try-text" data-testid="try-text" rows={4} value={text} onChange={(e) => setText(e.target.value)} />
        <div>
          <label>
            {t('recipient')}{' '}
            <select value={recipient} onChange={(e) => setRecipient(e.target.value as Recipient)} data-testid="try-recipient">
              {RECIPIENTS.map((r) => (
                <option key={r} value={r}>
                  {t(r)}
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            {t('channel')}{' '}
            <select value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(c)}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      <div role="status" aria-live="polite" data-testid="try-result" data-verdict={result?.verdict ?? ''}>
        {!result ? (
          <p className="dg-note">{t('typeSomething')}</p>
        ) : (
          <>
            <p className={`dg-verdict dg-verdict-${result.verdict}`}>
              <strong>{t(`verdict_${result.verdict}`)}</strong>
            </p>
            <ul className="dg-findings">
              {result.findings.map((f, i) => (
                <li key={i} data-rule={f.rule}>
                  <strong>{f.severity === 'block' ? t('sev_block') : t('sev_warn')}</strong> · {categoryLabel(f.category, locale)} · <code>{f.rule}</code>
                  {f.end > f.start && (
                    <>
                      {' '}
                      · <mark>{text.slice(f.start, f.end)}</mark>
                    </>
                  )}
                  <div>{f.message}</div>
                  <div>
                    <small>
                      {t('source')}: {f.source}
                    </small>
                  </div>
                  {f.fix && (
                    <div>
                      {t('fix')}: {f.fix}
                    </div>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}

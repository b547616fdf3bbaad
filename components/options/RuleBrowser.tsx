import { useMemo, useState } from 'react';
import { CATEGORIES, type Category, type CompiledPack, type RuleSource } from '../../rules';
import type { UiLocale } from '../shared/i18n';
import { categoryLabel } from './categories';
import type { T } from './OptionsApp';

interface Row {
  pack: string;
  rule: RuleSource;
  haystack: string;
}

const exampleText = (e: RuleSource['examples']['flag'][number]) => (typeof e === 'string' ? e : e.text);
const localized = (text: RuleSource['message'], locale: UiLocale) => text[locale] ?? text['zh-Hans'] ?? text.en;

export function RuleBrowser({ t, packs, locale }: { t: T; packs: CompiledPack[]; locale: UiLocale }) {
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState<Category | ''>('');
  const rows: Row[] = useMemo(
    () =>
      packs.flatMap((p) =>
        p.rules.map((rule) => ({
          pack: p.pack.id,
          rule,
          haystack: [rule.id, rule.source, ...Object.values(rule.message), ...Object.values(rule.fix ?? {}), ...rule.examples.flag.map(exampleText), ...rule.examples.pass.map(exampleText)]
            .join('\n')
            .toLowerCase(),
        })),
      ),
    [packs],
  );
  const q = query.trim().toLowerCase();
  const shown = rows.filter((r) => (!category || r.rule.category === category) && (!q || r.haystack.includes(q)));
  const severity = (s: RuleSource['severity']) =>
    typeof s === 'string'
      ? t(`sev_${s}`)
      : Object.entries(s)
          .map(([who, sev]) => `${who === 'default' ? '*' : t(who as 'debtor')}: ${t(`sev_${sev}` as 'sev_block')}`)
          .join(', ');

  return (
    <section aria-labelledby="rules-h">
      <h2 id="rules-h">{t('tabRules')}</h2>
      <div className="dg-form">
        <label>
          {t('search')}{' '}
          <input type="search" value={query} placeholder={t('searchPlaceholder')} onChange={(e) => setQuery(e.target.value)} data-testid="rule-search" />
        </label>
        <label>
          {t('category')}{' '}
          <select value={category} onChange={(e) => setCategory(e.target.value as Category | '')}>
            <option value="">{t('allCategories')}</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {categoryLabel(c, locale)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p role="status">{t('ruleCount', { shown: shown.length, total: rows.length })}</p>
      {shown.length === 0 && <p className="dg-note">{t('noRules')}</p>}
      <ul className="dg-rules">
        {shown.map(({ pack, rule }) => (
          <li key={`${pack}:${rule.id}`} data-rule={rule.id}>
            <details>
              <summary>
                <code>{rule.id}</code> · {categoryLabel(rule.category, locale)} · {severity(rule.severity)} — {localized(rule.message, locale)}
              </summary>
              <dl>
                <dt>{t('pack')}</dt>
                <dd>{pack}</dd>
                <dt>{t('source')}</dt>
                <dd>{rule.source}</dd>
                {rule.fix && (
                  <>
                    <dt>{t('fix')}</dt>
                    <dd>{localized(rule.fix, locale)}</dd>
                  </>
                )}
                <dt>{t('flagged')}</dt>
                <dd>
                  <ul>
                    {rule.examples.flag.map((e, i) => (
                      <li key={i}>{exampleText(e)}</li>
                    ))}
                  </ul>
                </dd>
                <dt>{t('passes')}</dt>
                <dd>
                  <ul>
                    {rule.examples.pass.map((e, i) => (
                      <li key={i}>{exampleText(e)}</li>
                    ))}
                  </ul>
                </dd>
              </dl>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}

import { CATEGORIES } from '../../rules/engine/types';
import type { AuditFilter } from '../../lib/audit/query';
import type { AuditTable } from '../../lib/audit/summary';
import { AUDIT_ACTIONS, REVIEW_STATUSES } from '../../lib/audit/types';
import type { UiLocale } from '../shared/i18n';
import { tr, type ReviewKey } from './strings';

interface Props {
  table: AuditTable;
  filter: AuditFilter;
  locale: UiLocale;
  onChange: (f: AuditFilter) => void;
}

const sortedOptions = (names: string[]) => names.map((name, i) => [i, name] as const).sort((a, b) => a[1].localeCompare(b[1]));
const dayStart = (value: string) => (value ? new Date(`${value}T00:00:00`).getTime() : undefined);
const dayValue = (ms: number | undefined, endExclusive = false) => {
  if (ms === undefined) return '';
  const d = new Date(endExclusive ? ms - 1 : ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const num = (v: string) => (v === '' ? undefined : Number(v));

export function Filters({ table, filter, locale, onChange }: Props) {
  const t = (k: ReviewKey) => tr(k, locale);
  const set = (patch: Partial<AuditFilter>) => onChange({ ...filter, ...patch });
  const select = (id: string, label: string, value: number | string | undefined, options: readonly (readonly [number | string, string])[], apply: (v: string) => void) => (
    <label className="filter" htmlFor={id}>
      <span>{label}</span>
      <select id={id} value={value === undefined ? '' : String(value)} onChange={(e) => apply(e.target.value)}>
        <option value="">{t('any')}</option>
        {options.map(([v, name]) => (
          <option key={String(v)} value={String(v)}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <fieldset className="filters" aria-label={t('filters')}>
      <legend>{t('filters')}</legend>
      <label className="filter" htmlFor="f-from">
        <span>{t('from')}</span>
        <input id="f-from" type="date" value={dayValue(filter.from)} onChange={(e) => set({ from: dayStart(e.target.value) })} />
      </label>
      <label className="filter" htmlFor="f-to">
        <span>{t('to')}</span>
        <input
          id="f-to"
          type="date"
          value={dayValue(filter.to, true)}
          onChange={(e) => {
            const start = dayStart(e.target.value);
            set({ to: start === undefined ? undefined : start + 86_400_000 });
          }}
        />
      </label>
      {select('f-agent', t('agent'), filter.agent, sortedOptions(table.dict.agents), (v) => set({ agent: num(v) }))}
      {select('f-site', t('site'), filter.site, sortedOptions(table.dict.sites), (v) => set({ site: num(v) }))}
      {select('f-category', t('category'), filter.category, CATEGORIES.map((c, i) => [i, c] as const), (v) => set({ category: num(v) }))}
      {select('f-rule', t('rule'), filter.rule, sortedOptions(table.dict.rules), (v) => set({ rule: num(v) }))}
      {select('f-severity', t('severity'), filter.severity, [['block', t('block')], ['warn', t('warn')]] as const, (v) => set({ severity: (v || undefined) as AuditFilter['severity'] }))}
      {select('f-action', t('action'), filter.action, AUDIT_ACTIONS.map((a, i) => [i, t(a)] as const), (v) => set({ action: num(v) }))}
      {select('f-status', t('status'), filter.status, [[0, t('unreviewed')], ...REVIEW_STATUSES.map((s, i) => [i + 1, t(s)] as const)], (v) => set({ status: num(v) }))}
      <button type="button" onClick={() => onChange({})}>
        {t('clearFilters')}
      </button>
    </fieldset>
  );
}

/** Counts by category, agent and day, and per-rule precision from QA labels, as plain SVG bars. */
import { CATEGORIES } from '../../rules/engine/types';
import type { AuditStats } from '../../lib/audit/query';
import type { AuditTable } from '../../lib/audit/summary';
import type { UiLocale } from '../shared/i18n';
import { tr } from './strings';

function Bars({ title, data, width = 320 }: { title: string; data: [string, number][]; width?: number }) {
  const max = Math.max(1, ...data.map((d) => d[1]));
  const rowH = 18;
  const labelW = 130;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg width={width} height={data.length * rowH + 4} role="img" aria-label={`${title}: ${data.map(([k, v]) => `${k} ${v}`).join(', ')}`}>
        {data.map(([k, v], i) => (
          <g key={k} transform={`translate(0, ${i * rowH + 2})`}>
            <text x={labelW - 6} y={12} textAnchor="end" fontSize="11">{k.length > 20 ? `${k.slice(0, 19)}…` : k}</text>
            <rect x={labelW} y={2} height={rowH - 6} width={Math.max(v ? 1 : 0, ((width - labelW - 50) * v) / max)} className="bar" />
            <text x={labelW + ((width - labelW - 50) * v) / max + 4} y={12} fontSize="11">{v}</text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

function Days({ title, data }: { title: string; data: [string, number][] }) {
  const shown = data.slice(-60);
  const max = Math.max(1, ...shown.map((d) => d[1]));
  const w = 8;
  const h = 90;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg width={Math.max(120, shown.length * (w + 2) + 40)} height={h + 24} role="img" aria-label={`${title}: ${shown.map(([k, v]) => `${k} ${v}`).join(', ')}`}>
        <text x={0} y={10} fontSize="10">{max}</text>
        {shown.map(([day, v], i) => (
          <rect key={day} x={30 + i * (w + 2)} y={h - (h * v) / max + 4} width={w} height={(h * v) / max} className="bar">
            <title>{`${day}: ${v}`}</title>
          </rect>
        ))}
        {shown.length > 0 && (
          <>
            <text x={30} y={h + 20} fontSize="10">{shown[0][0]}</text>
            {shown.length > 12 && <text x={30 + (shown.length - 1) * (w + 2) + w} y={h + 20} fontSize="10" textAnchor="end">{shown[shown.length - 1][0]}</text>}
          </>
        )}
      </svg>
    </figure>
  );
}

export function Charts({ stats, table, locale }: { stats: AuditStats; table: AuditTable; locale: UiLocale }) {
  const t = (k: Parameters<typeof tr>[0]) => tr(k, locale);
  const agents = [...stats.byAgent].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([a, n]) => [table.dict.agents[a], n] as [string, number]);
  return (
    <section className="stats" aria-label={t('stats')}>
      <h2>{t('stats')}</h2>
      <div className="charts">
        <Bars title={t('byCategory')} data={CATEGORIES.map((c, i) => [c, stats.byCategory[i]] as [string, number])} />
        <Bars title={t('byAgent')} data={agents} />
        <Days title={t('byDay')} data={stats.byDay} />
      </div>
      <h3>{t('precision')}</h3>
      {stats.precision.length === 0 ? (
        <p>{t('noLabels')}</p>
      ) : (
        <table className="precision">
          <thead>
            <tr><th>{t('rule')}</th><th>{t('confirmed')}</th><th>{t('false_positive')}</th><th>%</th></tr>
          </thead>
          <tbody>
            {stats.precision.slice(0, 50).map((p) => (
              <tr key={p.rule}>
                <td><code>{table.dict.rules[p.rule]}</code></td>
                <td>{p.confirmed}</td>
                <td>{p.falsePositive}</td>
                <td>
                  <svg width={80} height={10} aria-hidden="true"><rect width={80} height={10} className="track" /><rect width={80 * (p.precision ?? 0)} height={10} className="bar" /></svg>{' '}
                  {p.precision === undefined ? '—' : `${Math.round(p.precision * 100)}%`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

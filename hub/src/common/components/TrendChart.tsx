/**
 * The trend: share of resources meeting the strategy over the last runs, overall and per landing-zone
 * subscription, as a small SVG line chart sized to its container, with a legend giving the latest value
 * and the change. Colours come from the host theme (text) and a palette readable on light and dark.
 */
import * as React from 'react';
import { formatShortDate, formatDateTime, pct, count } from '../format';
import { UNMAPPED } from '../model';
import { OVERALL, trendDelta, type TrendSeries } from '../trend';

const PALETTE = ['#0078d4', '#e3008c', '#00a2ad', '#8764b8', '#ca5010', '#498205', '#c19c00', '#d13438'];
export const MAX_SERIES = PALETTE.length;
const HEIGHT = 280;
const PAD = { left: 44, right: 28, top: 12, bottom: 28 };

function useWidth(): [React.RefObject<HTMLDivElement>, number] {
  const ref = React.useRef<HTMLDivElement>(null);
  const [width, setWidth] = React.useState(720);
  React.useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(320, Math.floor(el.getBoundingClientRect().width)));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

export const seriesLabel = (s: TrendSeries) => (s.key === OVERALL ? 'All subscriptions' : `${s.landingZone ?? UNMAPPED} · ${s.subscription ?? 'no subscription'}`);

function Delta(props: { value: number | null }) {
  if (props.value === null) return <span className="secondary-text">new</span>;
  const points = Math.round(props.value * 100);
  if (points === 0) return <span className="secondary-text">±0</span>;
  return <span className={points > 0 ? 'drcheck-good' : 'drcheck-bad'}>{`${points > 0 ? '▲ +' : '▼ '}${points} pts`}</span>;
}

export function TrendChart(props: { overall: TrendSeries; series: TrendSeries[]; hidden: number }) {
  const [ref, width] = useWidth();
  const all = [props.overall, ...props.series];
  const times = all.flatMap((s) => s.points.map((p) => p.time));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const innerW = width - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const x = (t: number) => PAD.left + (t1 === t0 ? innerW / 2 : ((t - t0) / (t1 - t0)) * innerW);
  const y = (v: number) => PAD.top + (1 - v) * innerH;
  const tickCount = Math.min(6, Math.max(2, Math.floor(innerW / 120)));
  const ticks: number[] = t1 === t0 ? [t0] : Array.from({ length: tickCount }, (_v, i) => t0 + ((t1 - t0) * i) / (tickCount - 1));
  const color = (i: number) => PALETTE[i % PALETTE.length];
  const path = (s: TrendSeries) => s.points.map((p, i) => `${i ? 'L' : 'M'}${x(p.time).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');

  return (
    <div className="drcheck-trend flex-column rhythm-vertical-8" ref={ref}>
      <svg width={width} height={HEIGHT} role="img" aria-label="Share of resources meeting the strategy over the last runs" className="drcheck-trend-svg">
        {[0, 0.25, 0.5, 0.75, 1].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={width - PAD.right} y1={y(v)} y2={y(v)} className="drcheck-grid" />
            <text x={PAD.left - 8} y={y(v) + 4} textAnchor="end" className="drcheck-axis">
              {pct(v)}
            </text>
          </g>
        ))}
        {ticks.map((t, i) => (
          <text key={t} x={x(t)} y={HEIGHT - 8} textAnchor={ticks.length > 1 && i === ticks.length - 1 ? 'end' : i === 0 && ticks.length > 1 ? 'start' : 'middle'} className="drcheck-axis">
            {formatShortDate(t)}
          </text>
        ))}
        {props.series.map((s, i) => (
          <g key={s.key} className="drcheck-trend-series" data-series={seriesLabel(s)}>
            <path d={path(s)} fill="none" stroke={color(i)} strokeWidth={2} className="drcheck-trend-line" />
            {s.points.map((p) => (
              <circle key={p.time} cx={x(p.time)} cy={y(p.value)} r={3} fill={color(i)}>
                <title>{`${seriesLabel(s)}: ${pct(p.value)} on ${formatDateTime(new Date(p.time))} (${count(p.resources)} resources)`}</title>
              </circle>
            ))}
          </g>
        ))}
        <g className="drcheck-trend-series drcheck-trend-overall" data-series={seriesLabel(props.overall)}>
          <path d={path(props.overall)} fill="none" className="drcheck-overall-line" strokeWidth={3} strokeDasharray="6 4" />
          {props.overall.points.map((p) => (
            <circle key={p.time} cx={x(p.time)} cy={y(p.value)} r={3.5} className="drcheck-overall-dot">
              <title>{`All subscriptions: ${pct(p.value)} on ${formatDateTime(new Date(p.time))} (${count(p.resources)} resources)`}</title>
            </circle>
          ))}
        </g>
      </svg>
      <ul className="drcheck-legend flex-row flex-wrap" aria-label="Legend">
        {all.map((s, i) => {
          const last = s.points[s.points.length - 1];
          return (
            <li key={s.key} className="drcheck-legend-item flex-row flex-center" data-series={seriesLabel(s)}>
              <span className={i === 0 ? 'drcheck-swatch drcheck-swatch-overall' : 'drcheck-swatch'} style={i === 0 ? undefined : { background: color(i - 1) }} aria-hidden="true" />
              <span className="drcheck-legend-name">{seriesLabel(s)}</span>
              <span className="drcheck-legend-value">{last ? pct(last.value) : '—'}</span>
              <Delta value={trendDelta(s)} />
            </li>
          );
        })}
      </ul>
      {props.hidden > 0 ? (
        <div className="secondary-text font-size-s drcheck-trend-note">{`Showing the ${props.series.length} lowest of ${count(props.series.length + props.hidden)} subscriptions in view; filter by landing zone or keyword to see others.`}</div>
      ) : null}
    </div>
  );
}

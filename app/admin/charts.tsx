import { useId, type ReactNode } from "react";

/**
 * Bar charts drawn as SVG on the server: they need no JavaScript and no chart library. The SVG is
 * one labelled image (role="img" with a title and a summary); the numbers themselves are in the
 * data table each chart is given, which is what screen readers and keyboard users read.
 */

export type Series = { name: string; color: string; values: number[] };

const W = 640;
const H = 220;
const PAD = { top: 12, right: 8, bottom: 36, left: 56 };

function niceMax(max: number): number {
  if (max <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  return Math.ceil(max / step) * step;
}

export function BarChart({ title, summary, labels, series, format, table, fixedMax }: { title: string; summary: string; labels: string[]; series: Series[]; format: (n: number) => string; table: ReactNode; fixedMax?: number }) {
  const id = useId();
  const max = fixedMax ?? niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const group = plotW / Math.max(1, labels.length);
  const barW = Math.max(1, (group * 0.8) / series.length);
  const y = (v: number) => PAD.top + plotH - (Math.max(0, v) / max) * plotH;
  // Label every nth column so a 30-day range stays legible on a phone.
  const every = Math.ceil(labels.length / 10);
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-3">
      <figcaption className="mb-2 font-semibold">{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`} className="h-auto w-full" preserveAspectRatio="xMidYMid meet">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{summary}</desc>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(max * f)} y2={y(max * f)} stroke="#e2e8f0" />
            <text x={PAD.left - 6} y={y(max * f) + 4} textAnchor="end" fontSize="11" fill="#475569">
              {format(max * f)}
            </text>
          </g>
        ))}
        {labels.map((label, i) => (
          <g key={label}>
            {series.map((s, j) => {
              const v = s.values[i] ?? 0;
              return <rect key={s.name} x={PAD.left + i * group + group * 0.1 + j * barW} y={y(v)} width={barW} height={PAD.top + plotH - y(v)} fill={s.color} />;
            })}
            {i % every === 0 && (
              <text x={PAD.left + i * group + group / 2} y={H - PAD.bottom + 14} textAnchor="middle" fontSize="11" fill="#334155">
                {label}
              </text>
            )}
          </g>
        ))}
        <g>
          {series.map((s, j) => (
            <g key={s.name} transform={`translate(${PAD.left + j * 150}, ${H - 10})`}>
              <rect width="10" height="10" y="-9" fill={s.color} />
              <text x="14" fontSize="11" fill="#334155">
                {s.name}
              </text>
            </g>
          ))}
        </g>
      </svg>
      <div className="mt-3">{table}</div>
    </figure>
  );
}

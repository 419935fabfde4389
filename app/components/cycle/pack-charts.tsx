/*
 * The meeting pack's charts, drawn as SVG on the server: a printed page and
 * the PDF have no scripts, so chart.js cannot draw them. Each reads in
 * greyscale: lines differ by dash and marker and bars by fill pattern as well
 * as colour, and every series is labelled on the chart itself, not in a key.
 * The table beside each chart has the same figures.
 */
import { formatMonthLong } from "~/dates";

const WIDTH = 680;
const FONT = "Arial, sans-serif";
const INK = "#0b0c0c";
const GRID = "#b1b4b6";

export type Marker = "circle" | "square" | "triangle" | "diamond";

export interface LineSeries {
  label: string;
  values: (number | null)[];
  colour: string;
  /** SVG stroke-dasharray; none for a solid line. */
  dash?: string;
  marker: Marker;
}

/** Round numbers for an axis from 0 to at least `max`: 4 or 5 steps of 1, 2 or 5 times a power of ten. */
export function axisTicks(max: number): number[] {
  const top = Math.max(max, 1);
  const rough = top / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  const ticks: number[] = [];
  for (let t = 0; t < top + step; t += step) ticks.push(t);
  return ticks;
}

/** Labels placed at their values' heights, pushed apart so none overlaps the next. */
export function spreadLabels(ys: number[], gap: number, top: number, bottom: number): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  const placed = order.map((o) => o.y);
  for (let k = 1; k < placed.length; k += 1) placed[k] = Math.max(placed[k]!, placed[k - 1]! + gap);
  const overflow = (placed.at(-1) ?? 0) - bottom;
  if (overflow > 0) for (let k = 0; k < placed.length; k += 1) placed[k] = Math.max(top, placed[k]! - overflow);
  const result: number[] = [];
  order.forEach((o, k) => (result[o.i] = placed[k]!));
  return result;
}

/** "Nov" under each month, with the year under the first month and each January. */
function MonthAxis({ months, x, y }: { months: string[]; x: (i: number) => number; y: number }) {
  return (
    <g fontFamily={FONT} fontSize="11" fill={INK} textAnchor="middle">
      {months.map((month, i) => {
        const [year, name] = formatMonthLong(month).split(" ").reverse() as [string, string];
        return (
          <text key={month} x={x(i)} y={y}>
            {name.slice(0, 3)}
            {(i === 0 || month.endsWith("-01")) && (
              <tspan x={x(i)} dy="13">
                {year}
              </tspan>
            )}
          </text>
        );
      })}
    </g>
  );
}

function ValueAxis({ ticks, y, left, right }: { ticks: number[]; y: (v: number) => number; left: number; right: number }) {
  return (
    <g fontFamily={FONT} fontSize="11" fill={INK}>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={left} x2={right} y1={y(t)} y2={y(t)} stroke={GRID} strokeWidth={t === 0 ? 1.5 : 0.75} />
          <text x={left - 6} y={y(t) + 4} textAnchor="end">
            {t}
          </text>
        </g>
      ))}
    </g>
  );
}

function MarkerShape({ kind, x, y, colour }: { kind: Marker; x: number; y: number; colour: string }) {
  const r = 4;
  switch (kind) {
    case "circle":
      return <circle cx={x} cy={y} r={r} fill={colour} />;
    case "square":
      return <rect x={x - r} y={y - r} width={r * 2} height={r * 2} fill="#ffffff" stroke={colour} strokeWidth="2" />;
    case "triangle":
      return <path d={`M${x},${y - r - 1} L${x + r + 1},${y + r} L${x - r - 1},${y + r} Z`} fill={colour} />;
    case "diamond":
      return <path d={`M${x},${y - r - 1} L${x + r + 1},${y} L${x},${y + r + 1} L${x - r - 1},${y} Z`} fill="#ffffff" stroke={colour} strokeWidth="2" />;
  }
}

/**
 * Lines over months, each labelled at its last value. Months from `splitAt`
 * on are the ones to come, behind a dotted divider.
 */
export function PackLineChart({ id, summary, months, series, splitAt }: { id: string; summary: string; months: string[]; series: LineSeries[]; splitAt?: number }) {
  const height = 290;
  const [left, right, top, bottom] = [44, WIDTH - 170, 16, height - 40];
  const ticks = axisTicks(Math.max(0, ...series.flatMap((s) => s.values.map((v) => v ?? 0))));
  const max = ticks.at(-1)!;
  const step = months.length > 1 ? (right - left) / (months.length - 1) : 0;
  const x = (i: number) => left + i * step;
  const y = (v: number) => bottom - (v / max) * (bottom - top);
  const ends = series.map((s) => {
    const i = s.values.findLastIndex((v) => v !== null);
    return { i, value: s.values[i] ?? 0 };
  });
  const labelYs = spreadLabels(
    ends.map((e) => y(e.value)),
    15,
    top,
    bottom,
  );
  return (
    <svg className="app-pack-chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-title`}>
      <title id={`${id}-title`}>{summary}</title>
      <ValueAxis ticks={ticks} y={y} left={left} right={right} />
      {splitAt !== undefined && splitAt < months.length && (
        <g fontFamily={FONT} fontSize="11" fill={INK}>
          <line x1={x(splitAt - 0.5)} x2={x(splitAt - 0.5)} y1={top} y2={bottom} stroke={INK} strokeDasharray="2 3" />
          <text x={x(splitAt - 0.5) + 4} y={top + 10}>
            Coming up
          </text>
        </g>
      )}
      {series.map((s, n) => {
        const points = s.values.flatMap((v, i) => (v === null ? [] : [{ x: x(i), y: y(v) }]));
        const end = ends[n]!;
        return (
          <g key={s.label}>
            <path
              d={points.map((p, k) => `${k === 0 ? "M" : "L"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ")}
              fill="none"
              stroke={s.colour}
              strokeWidth="2.5"
              strokeDasharray={s.dash}
            />
            {points.map((p, k) => (
              <MarkerShape key={k} kind={s.marker} x={p.x} y={p.y} colour={s.colour} />
            ))}
            {end.i >= 0 && (
              <g>
                <line x1={x(end.i) + 6} x2={right + 14} y1={y(end.value)} y2={labelYs[n]!} stroke={GRID} />
                <MarkerShape kind={s.marker} x={right + 22} y={labelYs[n]!} colour={s.colour} />
                <text x={right + 32} y={labelYs[n]! + 4} fontFamily={FONT} fontSize="12" fill={INK}>
                  {s.label}: <tspan fontWeight="700">{end.value}</tspan>
                </text>
              </g>
            )}
          </g>
        );
      })}
      <MonthAxis months={months} x={x} y={bottom + 16} />
    </svg>
  );
}

export interface BarPart {
  label: string;
  values: number[];
  colour: string;
  /** Diagonal lines over the fill, so the part stands apart from a solid one in greyscale. */
  hatched?: boolean;
}

/** Bars of stacked parts over months, each bar topped with its total and the last bar's parts labelled. */
export function PackStackedBars({ id, summary, months, parts }: { id: string; summary: string; months: string[]; parts: BarPart[] }) {
  const height = 270;
  const [left, right, top, bottom] = [44, WIDTH - 150, 18, height - 40];
  const totals = months.map((_, i) => parts.reduce((n, p) => n + (p.values[i] ?? 0), 0));
  const ticks = axisTicks(Math.max(0, ...totals));
  const max = ticks.at(-1)!;
  const slot = (right - left) / Math.max(1, months.length);
  const barWidth = slot * 0.64;
  const x = (i: number) => left + i * slot + slot / 2;
  const y = (v: number) => bottom - (v / max) * (bottom - top);
  const last = months.length - 1;
  const lastParts = parts.map((p, n) => {
    const below = parts.slice(0, n).reduce((s, q) => s + (q.values[last] ?? 0), 0);
    return y(below + (p.values[last] ?? 0) / 2);
  });
  const labelYs = spreadLabels(lastParts, 15, top, bottom);
  const fillOf = (p: BarPart, n: number) => (p.hatched ? `url(#${id}-hatch-${n})` : p.colour);
  return (
    <svg className="app-pack-chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-title`}>
      <title id={`${id}-title`}>{summary}</title>
      <defs>
        {parts.map((p, n) =>
          p.hatched ? (
            <pattern key={p.label} id={`${id}-hatch-${n}`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" fill="#ffffff" />
              <line x1="0" y1="0" x2="0" y2="6" stroke={p.colour} strokeWidth="3" />
            </pattern>
          ) : null,
        )}
      </defs>
      <ValueAxis ticks={ticks} y={y} left={left} right={right} />
      {months.map((month, i) => {
        let base = 0;
        return (
          <g key={month}>
            {parts.map((p, n) => {
              const v = p.values[i] ?? 0;
              const rect = (
                <rect key={p.label} x={x(i) - barWidth / 2} y={y(base + v)} width={barWidth} height={y(base) - y(base + v)} fill={fillOf(p, n)} stroke={p.colour} strokeWidth="1" />
              );
              base += v;
              return rect;
            })}
            <text x={x(i)} y={y(totals[i]!) - 4} textAnchor="middle" fontFamily={FONT} fontSize="11" fill={INK}>
              {totals[i]}
            </text>
          </g>
        );
      })}
      {last >= 0 &&
        parts.map((p, n) => (
          <g key={p.label}>
            <rect x={right + 10} y={labelYs[n]! - 6} width="12" height="12" fill={fillOf(p, n)} stroke={p.colour} />
            <text x={right + 28} y={labelYs[n]! + 4} fontFamily={FONT} fontSize="12" fill={INK}>
              {p.label}: <tspan fontWeight="700">{p.values[last]}</tspan>
            </text>
          </g>
        ))}
      <MonthAxis months={months} x={x} y={bottom + 16} />
    </svg>
  );
}

/** One bar for each category, its name above it and its count at its end: a single series, plain in any colour. */
export function PackBars({ id, summary, bars, colour }: { id: string; summary: string; bars: { label: string; value: number }[]; colour: string }) {
  const row = 38;
  const height = Math.max(1, bars.length) * row + 8;
  const [left, right] = [0, WIDTH - 60];
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <svg className="app-pack-chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-title`}>
      <title id={`${id}-title`}>{summary}</title>
      {bars.map((b, i) => {
        const w = (b.value / max) * (right - left);
        const top = i * row + 4;
        return (
          <g key={b.label} fontFamily={FONT} fontSize="12" fill={INK}>
            <text x={left} y={top + 11}>
              {b.label}
            </text>
            <rect x={left} y={top + 16} width={Math.max(w, 1)} height="16" fill={colour} />
            <text x={left + w + 6} y={top + 29} fontWeight="700">
              {b.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

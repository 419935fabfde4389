/**
 * A small line of a year's values, drawn as SVG on the server (no script
 * needed, prints as it shows). Its figures are in its text alternative.
 */
export function Sparkline({ points, label }: { points: { month: string; value: number }[]; label: string }) {
  const width = 120;
  const height = 28;
  const max = Math.max(1, ...points.map((p) => p.value));
  const step = points.length > 1 ? width / (points.length - 1) : 0;
  const y = (value: number) => height - 2 - (value / max) * (height - 4);
  const path = points.map((p, i) => `${i === 0 ? "M" : "L"}${(i * step).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ");
  const last = points.at(-1);
  const description = `${label}: ${points.map((p) => `${p.month} ${p.value}`).join(", ")}`;
  return (
    <svg className="app-sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img">
      <title>{description}</title>
      <path d={path} fill="none" stroke="currentColor" strokeWidth="2" />
      {last && <circle cx={(points.length - 1) * step} cy={y(last.value)} r="3" fill="currentColor" />}
    </svg>
  );
}

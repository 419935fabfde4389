/**
 * One team's 12 months of a figure as a small bar chart, drawn as SVG on the
 * server so a screen of them costs no script and prints as shown. The
 * figures are in its text alternative.
 */
export function SmallMultiple({ values, label }: { values: { month: string; value: number | null }[]; label: string }) {
  const width = 180;
  const height = 60;
  const max = Math.max(1, ...values.map((v) => v.value ?? 0));
  const barWidth = width / Math.max(1, values.length);
  const description = `${label}: ${values.map((v) => `${v.month} ${v.value ?? "none"}`).join(", ")}.`;
  return (
    <svg className="app-small-multiple" fill="currentColor" width={width} height={height + 14} viewBox={`0 0 ${width} ${height + 14}`} role="img">
      <title>{description}</title>
      {values.map((v, i) => {
        const h = ((v.value ?? 0) / max) * height;
        return <rect key={v.month} x={Math.round(i * barWidth + 1)} y={Math.round(height - h)} width={Math.round(barWidth - 2)} height={Math.round(h)} />;
      })}
      <line x1="0" x2={width} y1={height} y2={height} stroke="#505a5f" />
      <text x="0" y={height + 12} fontSize="11" fill="#505a5f">
        {values[0]?.month}
      </text>
      <text x={width} y={height + 12} fontSize="11" fill="#505a5f" textAnchor="end">
        max {max}
      </text>
    </svg>
  );
}

/** One headline figure in a row of them (inside `<ul className="app-figures">`). */
export function FigureTile({ value, label, warning = false }: { value: number | string; label: string; warning?: boolean }) {
  return (
    <li className={`app-figure${warning ? " app-figure--warning" : ""}`}>
      <span className="app-figure__value">{value}</span>
      <span className="app-figure__label">{label}</span>
    </li>
  );
}

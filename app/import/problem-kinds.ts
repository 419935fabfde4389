import type { RowProblem } from "./rows";

/** The kinds of problem among those listed ("Event Start Date is not a real date"), most frequent first. */
export function problemKinds(problems: RowProblem[]): { kind: string; count: number }[] {
  const kinds = new Map<string, number>();
  for (const p of problems) {
    const kind = `${p.column} ${p.kind ?? p.problem}`;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  return [...kinds].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count);
}

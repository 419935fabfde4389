/*
 * The service overview's rows as its page receives them: one JSON text, not
 * 120 rows of objects. Remix's data encoding (turbo-stream) walks every value
 * of an object on every request, and the page's React needs every row to
 * hydrate its tables: for the overview that walk, with the digest of the rows
 * for its kept parts, was about a third of the page's processor (issue 22).
 * A text is encoded in one step, and made once for the same figures
 * (overview-page-rows.server.ts).
 */
import type { CareHeadline, CareHeadlineFigure, Headline, HeadlineChange, HeadlineFigure } from "./overview-figures";

/** One team's row of the overview, as the page shows it. */
export interface OverviewPageRow {
  team: { id: number; slug: string; name: string; typeLabel: string };
  now: Headline;
  changes: Record<HeadlineFigure, HeadlineChange>;
  care: CareHeadline;
  careChanges: Record<CareHeadlineFigure, HeadlineChange>;
  trend: (number | null)[];
  exceptions: { key: string; label: string; reason: string }[];
  canOpenItems: boolean;
}

/** The rows as sent: their JSON, and a digest of it that names these rows in the page's kept parts (components/ui/frozen.tsx). */
export interface OverviewPageRows {
  json: string;
  digest: string;
}

/** The last few texts read, so a server rendering the same rows again, or a browser going back, does not parse them again. */
const read = new Map<string, readonly OverviewPageRow[]>();
const READ_KEPT = 4;

/** The rows of `sent`. Shared between pages that sent the same text: read them, never change them. */
export function overviewPageRowsOf(sent: OverviewPageRows): readonly OverviewPageRow[] {
  const known = read.get(sent.json);
  if (known) return known;
  const rows = JSON.parse(sent.json) as OverviewPageRow[];
  if (read.size >= READ_KEPT) read.delete(read.keys().next().value!);
  read.set(sent.json, rows);
  return rows;
}

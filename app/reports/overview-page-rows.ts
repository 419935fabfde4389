/*
 * The service overview's rows as its page receives them: one JSON text, not
 * 120 rows of objects. Remix's data encoding (turbo-stream) walks every value
 * of an object on every request, and the page's React needs every row to
 * hydrate its tables: for the overview that walk, with the digest of the rows
 * for its kept parts, was about a third of the page's processor (issue 22).
 * A text is encoded in one step (app/http/sent-as-text.ts), and made once for
 * the same figures (overview-page-rows.server.ts).
 */
import { readSentText, type Sent } from "~/http/sent-as-text";
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

/** The rows as sent (app/http/sent-as-text.ts), with a digest of the text that names these rows in the page's kept parts (components/ui/frozen.tsx). */
export type OverviewPageRows = Sent<OverviewPageRow[]> & { digest: string };

/** The rows of `sent`. Shared between pages that sent the same text: read them, never change them. */
export function overviewPageRowsOf(sent: OverviewPageRows): readonly OverviewPageRow[] {
  return readSentText(sent);
}

/*
 * The service overview's rows for its page, as one JSON text
 * (overview-page-rows.ts), made once for the same figures, order and viewer's
 * rights. The overview's counted rows are kept per data version, settings,
 * teams, month and date (service-overview.server.ts): the same array object
 * for as long as they hold, so it keys what is made from it here, and a new
 * count is a new key.
 */
import { createHash } from "node:crypto";
import { sendAsText, type SentAsText } from "~/http/sent-as-text";
import { careHeadlineChanges, careHeadlineOf, headlineChanges, headlineOf, trendValue } from "./overview-figures";
import type { OverviewPageRow } from "./overview-page-rows";
import type { OverviewQuery, OverviewRow } from "./service-overview.server";

/** The rows as one text, with its digest: it names the rows in the page's kept parts and the page's element (sent-in-page.server.ts). */
type OverviewPageRowsText = SentAsText<OverviewPageRow[]> & { digest: string };

/** Per counted overview: the texts made from it, by order, view and rights. A few viewers' and orders' worth each. */
const made = new WeakMap<readonly OverviewRow[], Map<string, OverviewPageRowsText>>();
const MADE_KEPT = 32;

function pageRowOf(row: OverviewRow, query: Pick<OverviewQuery, "view" | "trend">, canOpenItems: boolean): OverviewPageRow {
  const care = careHeadlineOf(row.now.care);
  return {
    team: row.team,
    now: headlineOf(row.now),
    changes: headlineChanges(row.now, row.previous, row.lastYear),
    care,
    careChanges: careHeadlineChanges(care, row.now.kind, careHeadlineOf(row.previous.care), careHeadlineOf(row.lastYear.care)),
    trend: query.view === "trends" ? row.trend.map((m) => trendValue(m, query.trend)) : [],
    exceptions: row.exceptions,
    canOpenItems,
  };
}

/**
 * The page's rows: `shown` (the counted rows `all`, filtered and sorted by `query`) with the figures the page shows,
 * and whether the viewer may open each team's work items.
 */
export function overviewPageRows(
  all: readonly OverviewRow[],
  shown: readonly OverviewRow[],
  query: Pick<OverviewQuery, "sort" | "dir" | "exceptionsOnly" | "view" | "trend">,
  canOpenItems: (teamId: number) => boolean,
): OverviewPageRowsText {
  const rights = shown.map((row) => (canOpenItems(row.team.id) ? "1" : "0")).join("");
  // `shown` is `all` filtered and sorted by the query: the query names it, the rights finish the key.
  const key = `${query.sort}|${query.dir}|${query.exceptionsOnly}|${query.view}|${query.trend}|${shown.map((row) => row.team.id).join(",")}|${rights}`;
  const texts = made.get(all) ?? new Map<string, OverviewPageRowsText>();
  made.set(all, texts);
  const known = texts.get(key);
  if (known) return known;
  const sent = sendAsText(
    shown.map((row, i) => pageRowOf(row, query, rights[i] === "1")),
    { shapesOnce: true },
  );
  const rows = { ...sent, digest: createHash("sha256").update(sent.json).digest("base64url") };
  if (texts.size >= MADE_KEPT) texts.delete(texts.keys().next().value!);
  texts.set(key, rows);
  return rows;
}

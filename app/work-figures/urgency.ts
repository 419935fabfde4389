/** "Due soon" on My work: due within this many days of today. Shared by server and page. */
export const DUE_SOON_DAYS = 14;

export type Urgency = "overdue" | "due_soon" | "later";

/** What each urgency is called wherever it is shown. */
export const urgencyLabels: Record<Urgency, string> = {
  overdue: "Overdue",
  due_soon: `Due within ${DUE_SOON_DAYS} days`,
  later: "Open",
};

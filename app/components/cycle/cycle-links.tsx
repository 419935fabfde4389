import { Link } from "@remix-run/react";
import { formatMonthLong } from "~/dates";
import { cycleHref } from "~/cycle/cycle-href";

/** The way from a team's figures to its cycle: the month's cycle page and the action log. */
export function CycleLinks({ slug, month, open, overdue }: { slug: string; month: string; open: number; overdue: number }) {
  return (
    <p className="govuk-body app-no-print" id="cycle-links">
      <Link className="govuk-link" to={cycleHref(slug, month)}>
        The {formatMonthLong(month)} cycle
      </Link>
      {" · "}
      <Link className="govuk-link" to={`/teams/${slug}/actions`}>
        Actions: {open} open{overdue > 0 ? `, ${overdue} overdue` : ""}
      </Link>
    </p>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { count, eq } from "drizzle-orm";
import { auditLog, importRuns, populationEstimates, teams, users, workTypes } from "../../db/schema";
import { requireAdmin } from "~/admin/guard.server";
import { getDb } from "~/db.server";

export const meta: MetaFunction = () => [{ title: "Administration – Primed" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request, "manage", "users");
  const db = getDb();
  const n = (query: { n: number } | undefined) => query?.n ?? 0;
  return {
    activeUsers: n(db.select({ n: count() }).from(users).where(eq(users.active, true)).get()),
    teams: n(db.select({ n: count() }).from(teams).get()),
    workTypes: n(db.select({ n: count() }).from(workTypes).get()),
    auditEntries: n(db.select({ n: count() }).from(auditLog).get()),
    imports: n(db.select({ n: count() }).from(importRuns).get()),
    populationYears: n(db.select({ n: count() }).from(populationEstimates).get()),
  };
}

export default function AdminIndex() {
  const counts = useLoaderData<typeof loader>();
  const sections = [
    { to: "/admin/users", title: "Users", text: `${counts.activeUsers} people can sign in. Add people, change their role or team, deactivate them.` },
    { to: "/admin/teams", title: "Teams", text: `${counts.teams} teams. Add a team, rename it or change its type.` },
    { to: "/admin/work-types", title: "Work types and timescales", text: `${counts.workTypes} work types. Set the timescale that default due dates come from.` },
    {
      to: "/admin/population",
      title: "Adult population",
      text: `${counts.populationYears} ${counts.populationYears === 1 ? "year" : "years"} recorded. The adults aged 18 to 64 and 65 and over each year, for the figures per 100,000 adults.`,
    },
    { to: "/admin/prompts", title: "Prompt sheet questions", text: "The questions each type of team works through when it interprets its month's figures." },
    {
      to: "/admin/meetings",
      title: "Meeting terms of reference",
      text: "Each type of team's monthly meeting: its purpose, who chairs, what it may decide and escalate, its standing items.",
    },
    { to: "/admin/imports", title: "Data loads", text: `Load the monthly extract. ${counts.imports} extracts loaded or refused so far: when, by whom, and what each changed.` },
    {
      to: "/admin/integration-tokens",
      title: "Integration tokens",
      text: "Tokens for the care system's scheduled job to load the extract by itself, every night say. Make one, or revoke one.",
    },
    { to: "/admin/mail", title: "Reminders by email", text: "What Primed has emailed people, what is waiting, and what failed, with the mail server's answer." },
    { to: "/admin/audit", title: "Audit trail", text: `${counts.auditEntries} entries. Who changed what, and when.` },
  ];
  return (
    <>
      <h1 className="govuk-heading-xl">Administration</h1>
      <ul className="govuk-list">
        {sections.map((s) => (
          <li key={s.to} className="govuk-!-margin-bottom-6">
            <h2 className="govuk-heading-m govuk-!-margin-bottom-1">
              <Link className="govuk-link" to={s.to}>
                {s.title}
              </Link>
            </h2>
            <p className="govuk-body">{s.text}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

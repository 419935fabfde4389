/*
 * Who may open what: every route, for every role, against the running app.
 * The table is keyed by route file; a route without a rule fails the test.
 */
import fs from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/connection";
import { teams, users, workers } from "../../db/schema";
import { addDays, addMonths, monthOf } from "~/dates";
import { defaultPromptQuestions } from "~/interpretation/prompt-templates";
import { makeFeedSecret } from "~/calendar-feed/feeds.server";
import { createAction } from "~/actions/commands.server";
import { loadSignedInUser } from "~/people/users.server";
import { startApp, type RunningApp } from "../helpers/app-server";
import { demoCredentials, signInOverHttp } from "../helpers/http-sign-in";
import { runToday } from "../helpers/today";

type Who = "anonymous" | "practitioner" | "team_manager" | "head_of_service" | "admin";
const everyone: Who[] = ["anonymous", "practitioner", "team_manager", "head_of_service", "admin"];
const credentials: Record<Exclude<Who, "anonymous">, [string, string]> = {
  practitioner: demoCredentials("practitioner"),
  team_manager: demoCredentials("team_manager"),
  head_of_service: demoCredentials("head_of_service"),
  admin: demoCredentials("admin"),
};

interface Ids {
  ownWorker: number;
  colleague: number;
  adminUser: number;
  northTeam: number;
}

interface Check {
  method?: "GET" | "POST";
  url: (ids: Ids) => string;
  form?: Record<string, string>;
  /** Status for each role; 302 for anonymous means "sent to sign in". */
  expect: Record<Who, number>;
}

const signedInOnly = (ok: number) => ({ anonymous: 302, practitioner: ok, team_manager: ok, head_of_service: ok, admin: ok });
const adminOnly = (ok = 200) => ({ anonymous: 302, practitioner: 403, team_manager: 403, head_of_service: 403, admin: ok });
const lastMonth = addMonths(monthOf(runToday()), -1);
const demoMeetingMonth = addMonths(monthOf(addDays(runToday(), -35)), -1);
/** A question the locality sheet asks by default, for saving a prompt sheet. */
const promptQuestion = defaultPromptQuestions.locality.at(-1)!;

/** Actions made in the app's database before the checks: the practitioner's, the manager's (both North Locality's) and one of South Locality's. */
let actionIds: { practitioners: number; managers: number; south: number };
function addActionsForRules(db: ReturnType<typeof openDatabase>["db"]): typeof actionIds {
  const user = (email: string) => loadSignedInUser(db, db.select().from(users).where(eq(users.email, email)).get()!.id)!;
  const team = (slug: string) => db.select().from(teams).where(eq(teams.slug, slug)).get()!.id;
  const [manager, practitioner, head] = [user(credentials.team_manager[0]), user(credentials.practitioner[0]), user(credentials.head_of_service[0])];
  const today = runToday();
  const add = (teamId: number, author: typeof manager, owner: number) => {
    const result = createAction(
      db,
      author,
      { teamId, month: lastMonth },
      { title: "Check the waiting list", detail: "", owner, deadline: addDays(today, 28), objective: undefined, measure: undefined },
      today,
    );
    if (!result.ok) throw new Error(`The action for the access rules was refused: ${JSON.stringify(result.errors)}`);
    return result.value;
  };
  return {
    practitioners: add(team("north-locality"), manager, practitioner.id),
    managers: add(team("north-locality"), manager, manager.id),
    south: add(team("south-locality"), head, head.id),
  };
}
/** North Locality's action log: its people and the head of service, not an administrator. */
const northActionLog = (ok: number) => ({ anonymous: 302, practitioner: ok, team_manager: ok, head_of_service: ok, admin: 403 });
const headOfServiceOnly = (ok = 200) => ({ anonymous: 302, practitioner: 403, team_manager: 403, head_of_service: ok, admin: 403 });

export const routeRules: Record<string, Check[]> = {
  "_index.tsx": [{ url: () => "/", expect: signedInOnly(302) }],
  "sign-in.tsx": [
    { url: () => "/sign-in", expect: { anonymous: 200, practitioner: 302, team_manager: 302, head_of_service: 302, admin: 302 } },
    // Someone already signed in is sent on to their start page.
    {
      method: "POST",
      url: () => "/sign-in",
      form: { email: "nobody@northbrook.example", password: "wrong" },
      expect: { anonymous: 401, practitioner: 302, team_manager: 302, head_of_service: 302, admin: 302 },
    },
    {
      method: "POST",
      url: () => "/sign-in",
      form: { email: "", password: "" },
      expect: { anonymous: 400, practitioner: 302, team_manager: 302, head_of_service: 302, admin: 302 },
    },
  ],
  // The council sign-in (OpenID Connect): not set up in this app, so each says so; the browser test signs in through a real provider.
  "sign-in_.council.tsx": [
    { url: () => "/sign-in/council", expect: { anonymous: 200, practitioner: 200, team_manager: 200, head_of_service: 200, admin: 200 } },
    {
      method: "POST",
      url: () => "/sign-in/council",
      form: { redirectTo: "/actions" },
      expect: { anonymous: 404, practitioner: 404, team_manager: 404, head_of_service: 404, admin: 404 },
    },
  ],
  "sign-in_.council_.callback.tsx": [
    { url: () => "/sign-in/council/callback?code=x&state=y", expect: { anonymous: 404, practitioner: 404, team_manager: 404, head_of_service: 404, admin: 404 } },
  ],
  // For load balancers and monitors: no session, and nothing about people or work in the answer.
  "healthz.tsx": [{ url: () => "/healthz", expect: { anonymous: 200, practitioner: 200, team_manager: 200, head_of_service: 200, admin: 200 } }],
  "sign-out.tsx": [{ url: () => "/sign-out", expect: { anonymous: 302, practitioner: 302, team_manager: 302, head_of_service: 302, admin: 302 } }],
  "definitions.tsx": [{ url: () => "/definitions", expect: signedInOnly(200) }],
  // A head of service's My work is the actions they own; they have no casework to download.
  "my-work.tsx": [{ url: () => "/my-work", expect: { anonymous: 302, practitioner: 200, team_manager: 200, head_of_service: 200, admin: 403 } }],
  "my-work[.csv].tsx": [
    { url: () => "/my-work.csv", expect: { anonymous: 302, practitioner: 200, team_manager: 200, head_of_service: 404, admin: 403 } },
    { url: () => "/my-work.csv?asOf=2026-02-30", expect: { anonymous: 302, practitioner: 400, team_manager: 400, head_of_service: 404, admin: 403 } },
  ],
  // A calendar client has no session: the secret in the address is the key, for anyone who has it. These run before
  // account.calendar's, which reset the practitioner's feed.
  "calendar.$token[.ics].tsx": [
    { url: () => `/calendar/${feedSecret}.ics`, expect: { anonymous: 200, practitioner: 200, team_manager: 200, head_of_service: 200, admin: 200 } },
    { url: () => `/calendar/${"A".repeat(43)}.ics`, expect: { anonymous: 404, practitioner: 404, team_manager: 404, head_of_service: 404, admin: 404 } },
    { url: () => "/calendar/not-a-secret.ics", expect: { anonymous: 404, practitioner: 404, team_manager: 404, head_of_service: 404, admin: 404 } },
    { method: "POST", url: () => `/calendar/${feedSecret}.ics`, form: {}, expect: { anonymous: 405, practitioner: 405, team_manager: 405, head_of_service: 405, admin: 405 } },
  ],
  // Everyone who signs in may have a feed of their own action deadlines.
  "account.calendar.tsx": [
    { url: () => "/account/calendar", expect: signedInOnly(200) },
    { method: "POST", url: () => "/account/calendar", form: { intent: "unplug" }, expect: signedInOnly(400) },
    { method: "POST", url: () => "/account/calendar", form: { intent: "make" }, expect: signedInOnly(200) },
    { method: "POST", url: () => "/account/calendar", form: { intent: "turn-off" }, expect: signedInOnly(200) },
  ],
  // Everyone who signs in chooses their own reminders by email.
  "account.reminders.tsx": [
    { url: () => "/account/reminders", expect: signedInOnly(200) },
    { method: "POST", url: () => "/account/reminders", form: { kind: "overdue" }, expect: signedInOnly(200) },
    { method: "POST", url: () => "/account/reminders", form: { kind: "spam" }, expect: signedInOnly(400) },
  ],
  // The cycle: a practitioner reads their own team's; a manager runs their teams'; a head of service any; an admin none.
  "cycles.tsx": [
    { url: () => "/cycles", expect: { anonymous: 302, practitioner: 200, team_manager: 200, head_of_service: 200, admin: 403 } },
    { url: () => "/cycles?month=2026-13", expect: { anonymous: 302, practitioner: 400, team_manager: 400, head_of_service: 400, admin: 403 } },
  ],
  "teams.$slug_.cycle.$month.tsx": [
    { url: () => `/teams/north-locality/cycle/${lastMonth}`, expect: { anonymous: 302, practitioner: 200, team_manager: 200, head_of_service: 200, admin: 403 } },
    { url: () => `/teams/south-locality/cycle/${lastMonth}`, expect: { anonymous: 302, practitioner: 403, team_manager: 403, head_of_service: 200, admin: 403 } },
    { url: () => "/teams/north-locality/cycle/2026-13", expect: { anonymous: 302, practitioner: 400, team_manager: 400, head_of_service: 400, admin: 403 } },
    {
      url: () => `/teams/north-locality/cycle/${addMonths(monthOf(runToday()), 1)}`,
      expect: { anonymous: 302, practitioner: 400, team_manager: 400, head_of_service: 400, admin: 403 },
    },
    { url: () => `/teams/nowhere/cycle/${lastMonth}`, expect: { anonymous: 302, practitioner: 404, team_manager: 404, head_of_service: 404, admin: 404 } },
    {
      method: "POST",
      url: () => `/teams/north-locality/cycle/${lastMonth}`,
      form: { intent: "confirm-purpose", note: "" },
      expect: { anonymous: 302, practitioner: 403, team_manager: 302, head_of_service: 302, admin: 403 },
    },
    {
      method: "POST",
      url: () => `/teams/north-locality/cycle/${lastMonth}`,
      form: { intent: "set-up-meeting", heldOn: "2026-02-30" },
      expect: { anonymous: 302, practitioner: 403, team_manager: 400, head_of_service: 400, admin: 403 },
    },
    {
      method: "POST",
      url: () => `/teams/south-locality/cycle/${lastMonth}`,
      form: { intent: "confirm-purpose", note: "" },
      expect: { anonymous: 302, practitioner: 403, team_manager: 403, head_of_service: 302, admin: 403 },
    },
  ],
  // The demo council held every team's meeting five weeks ago; last month's is not set up.
  "teams.$slug_.cycle.$month_.meeting.tsx": [
    { url: () => `/teams/north-locality/cycle/${demoMeetingMonth}/meeting`, expect: { anonymous: 302, practitioner: 200, team_manager: 200, head_of_service: 200, admin: 403 } },
    { url: () => `/teams/south-locality/cycle/${demoMeetingMonth}/meeting`, expect: { anonymous: 302, practitioner: 403, team_manager: 403, head_of_service: 200, admin: 403 } },
    { url: () => `/teams/north-locality/cycle/${lastMonth}/meeting`, expect: { anonymous: 302, practitioner: 404, team_manager: 404, head_of_service: 404, admin: 403 } },
    {
      method: "POST",
      url: () => `/teams/north-locality/cycle/${demoMeetingMonth}/meeting`,
      form: { intent: "save", heldOn: "31/02/2026" },
      expect: { anonymous: 302, practitioner: 403, team_manager: 400, head_of_service: 400, admin: 403 },
    },
    {
      method: "POST",
      url: () => `/teams/north-locality/cycle/${demoMeetingMonth}/meeting`,
      form: { intent: "add-action", title: "" },
      expect: { anonymous: 302, practitioner: 403, team_manager: 400, head_of_service: 400, admin: 403 },
    },
    {
      method: "POST",
      url: () => `/teams/north-locality/cycle/${demoMeetingMonth}/meeting`,
      form: { intent: "follow-up", action: "99999999", outcome: "done" },
      expect: { anonymous: 302, practitioner: 403, team_manager: 400, head_of_service: 400, admin: 403 },
    },
  ],
  "teams._index.tsx": [
    { url: () => "/teams", expect: signedInOnly(200) },
    { url: () => "/teams?month=2026-13", expect: signedInOnly(400) },
  ],
  "teams[.csv].tsx": [{ url: () => "/teams.csv?exceptions=only", expect: signedInOnly(200) }],
  "teams.$slug_.report[.csv].tsx": [
    { url: () => "/teams/north-locality/report.csv", expect: signedInOnly(200) },
    { url: () => "/teams/south-locality/report.csv", expect: { anonymous: 302, practitioner: 403, team_manager: 403, head_of_service: 200, admin: 200 } },
    {
      url: (ids) => `/teams/north-locality/report.csv?worker=${ids.colleague}`,
      expect: { anonymous: 302, practitioner: 403, team_manager: 200, head_of_service: 200, admin: 403 },
    },
  ],
  "teams.$slug_.items[.csv].tsx": [
    {
      url: () => `/teams/north-locality/items.csv?figure=overdue&month=${lastMonth}`,
      expect: { anonymous: 302, practitioner: 403, team_manager: 200, head_of_service: 200, admin: 403 },
    },
    {
      url: (ids) => `/teams/north-locality/items.csv?figure=completed&worker=${ids.ownWorker}`,
      expect: { anonymous: 302, practitioner: 200, team_manager: 200, head_of_service: 200, admin: 403 },
    },
    {
      url: () => `/teams/south-locality/items.csv?figure=overdue&month=${lastMonth}`,
      expect: { anonymous: 302, practitioner: 403, team_manager: 403, head_of_service: 200, admin: 403 },
    },
  ],
  "teams.$slug_.workers.$workerId.notes.tsx": [
    { url: (ids) => `/teams/north-locality/workers/${ids.colleague}/notes`, expect: { anonymous: 302, practitioner: 403, team_manager: 200, head_of_service: 200, admin: 403 } },
    { url: () => "/teams/north-locality/workers/99999999/notes", expect: { anonymous: 302, practitioner: 403, team_manager: 404, head_of_service: 404, admin: 403 } },
    {
      method: "POST",
      url: (ids) => `/teams/north-locality/workers/${ids.colleague}/notes`,
      form: { note: "" },
      expect: { anonymous: 302, practitioner: 403, team_manager: 400, head_of_service: 400, admin: 403 },
    },
    {
      method: "POST",
      url: (ids) => `/teams/north-locality/workers/${ids.colleague}/notes`,
      form: { note: "Two complex enquiries this month" },
      expect: { anonymous: 302, practitioner: 403, team_manager: 302, head_of_service: 302, admin: 403 },
    },
  ],
  "teams.$slug_.signals.tsx": [
    { url: () => "/teams/north-locality/signals", expect: signedInOnly(200) },
    { url: () => "/teams/north-locality/signals?series=overdue", expect: signedInOnly(200) },
    { url: () => "/teams/north-locality/signals?series=nonsense", expect: signedInOnly(404) },
    { url: () => "/teams/south-locality/signals", expect: { anonymous: 302, practitioner: 403, team_manager: 403, head_of_service: 200, admin: 200 } },
    {
      method: "POST",
      url: () => "/teams/north-locality/signals?series=overdue",
      form: { intent: "target", value: "", startMonth: lastMonth, level: "team" },
      expect: { anonymous: 302, practitioner: 403, team_manager: 400, head_of_service: 400, admin: 403 },
    },
    {
      method: "POST",
      url: () => "/teams/north-locality/signals?series=overdue",
      form: { intent: "target", value: "20", startMonth: lastMonth, level: "team" },
      expect: { anonymous: 302, practitioner: 403, team_manager: 302, head_of_service: 302, admin: 403 },
    },
    // Only a head of service sets something for every team.
    {
      method: "POST",
      url: () => "/teams/north-locality/signals?series=overdue",
      form: { intent: "direction", direction: "down", level: "service" },
      expect: { anonymous: 302, practitioner: 403, team_manager: 403, head_of_service: 302, admin: 403 },
    },
  ],
  "teams.$slug_.prompts.tsx": [
    { url: () => "/teams/north-locality/prompts", expect: { anonymous: 302, practitioner: 200, team_manager: 200, head_of_service: 200, admin: 403 } },
    {
      url: () => `/teams/north-locality/prompts?month=${addMonths(lastMonth, -3)}`,
      expect: { anonymous: 302, practitioner: 200, team_manager: 200, head_of_service: 200, admin: 403 },
    },
    { url: () => "/teams/north-locality/prompts?month=2026-13", expect: { anonymous: 302, practitioner: 400, team_manager: 400, head_of_service: 400, admin: 403 } },
    // The month in progress has not finished: no sheet yet.
    {
      url: () => `/teams/north-locality/prompts?month=${addMonths(lastMonth, 1)}`,
      expect: { anonymous: 302, practitioner: 400, team_manager: 400, head_of_service: 400, admin: 403 },
    },
    { url: () => "/teams/south-locality/prompts", expect: { anonymous: 302, practitioner: 403, team_manager: 403, head_of_service: 200, admin: 403 } },
    { url: () => "/teams/no-such-team/prompts", expect: { anonymous: 302, practitioner: 404, team_manager: 404, head_of_service: 404, admin: 404 } },
    {
      method: "POST",
      url: () => "/teams/north-locality/prompts",
      form: { question: promptQuestion, answer: "" },
      expect: { anonymous: 302, practitioner: 403, team_manager: 400, head_of_service: 400, admin: 403 },
    },
    {
      method: "POST",
      url: () => "/teams/north-locality/prompts",
      form: { question: promptQuestion, answer: "Agree owners at the meeting" },
      expect: { anonymous: 302, practitioner: 403, team_manager: 302, head_of_service: 302, admin: 403 },
    },
    {
      method: "POST",
      url: () => "/teams/south-locality/prompts",
      form: { question: promptQuestion, answer: "Agree owners at the meeting" },
      expect: { anonymous: 302, practitioner: 403, team_manager: 403, head_of_service: 302, admin: 403 },
    },
  ],
  "teams.$slug_.purpose.tsx": [
    { url: () => "/teams/north-locality/purpose", expect: { anonymous: 302, practitioner: 200, team_manager: 200, head_of_service: 200, admin: 403 } },
    { url: () => "/teams/south-locality/purpose", expect: { anonymous: 302, practitioner: 403, team_manager: 403, head_of_service: 200, admin: 403 } },
    { url: () => "/teams/no-such-team/purpose", expect: { anonymous: 302, practitioner: 404, team_manager: 404, head_of_service: 404, admin: 404 } },
    { url: () => "/teams/north-locality/purpose?edit=first", expect: { anonymous: 302, practitioner: 400, team_manager: 400, head_of_service: 400, admin: 403 } },
    { url: () => "/teams/north-locality/purpose?edit=99999999", expect: { anonymous: 302, practitioner: 404, team_manager: 404, head_of_service: 404, admin: 403 } },
    {
      method: "POST",
      url: () => "/teams/north-locality/purpose",
      form: { intent: "add", statement: "", owner: "" },
      expect: { anonymous: 302, practitioner: 403, team_manager: 400, head_of_service: 400, admin: 403 },
    },
    {
      method: "POST",
      url: () => "/teams/south-locality/purpose",
      form: { intent: "add", statement: "", owner: "" },
      expect: { anonymous: 302, practitioner: 403, team_manager: 403, head_of_service: 400, admin: 403 },
    },
    {
      method: "POST",
      url: () => "/teams/north-locality/purpose",
      form: { intent: "retire", id: "99999999" },
      expect: { anonymous: 302, practitioner: 403, team_manager: 404, head_of_service: 404, admin: 403 },
    },
    {
      method: "POST",
      url: () => "/teams/north-locality/purpose",
      form: { intent: "ground-rules", rules: "\n \n" },
      expect: { anonymous: 302, practitioner: 403, team_manager: 400, head_of_service: 400, admin: 403 },
    },
  ],
  // The service's objectives are everyone's to read; only a head of service sets them.
  "purpose.tsx": [
    { url: () => "/purpose", expect: signedInOnly(200) },
    { url: () => "/purpose?edit=first", expect: signedInOnly(400) },
    { url: () => "/purpose?edit=99999999", expect: signedInOnly(404) },
    {
      method: "POST",
      url: () => "/purpose",
      form: { intent: "add", statement: "", owner: "" },
      expect: { anonymous: 302, practitioner: 403, team_manager: 403, head_of_service: 400, admin: 403 },
    },
    {
      method: "POST",
      url: () => "/purpose",
      form: { intent: "retire", id: "99999999" },
      expect: { anonymous: 302, practitioner: 403, team_manager: 403, head_of_service: 404, admin: 403 },
    },
  ],
  "teams.$slug_.cycle.$month_.pack.tsx": [
    { url: () => `/teams/north-locality/cycle/${lastMonth}/pack`, expect: { anonymous: 302, practitioner: 200, team_manager: 200, head_of_service: 200, admin: 403 } },
    { url: () => `/teams/south-locality/cycle/${lastMonth}/pack`, expect: { anonymous: 302, practitioner: 403, team_manager: 403, head_of_service: 200, admin: 403 } },
    { url: () => "/teams/north-locality/cycle/2026-13/pack", expect: { anonymous: 302, practitioner: 400, team_manager: 400, head_of_service: 400, admin: 403 } },
    { url: () => "/teams/no-such-team/cycle/2026-01/pack", expect: { anonymous: 302, practitioner: 404, team_manager: 404, head_of_service: 404, admin: 404 } },
    {
      method: "POST",
      url: () => `/teams/north-locality/cycle/${lastMonth}/pack`,
      form: { intent: "publish" },
      expect: { anonymous: 302, practitioner: 403, team_manager: 400, head_of_service: 400, admin: 403 },
    },
    {
      method: "POST",
      url: () => `/teams/north-locality/cycle/${lastMonth}/pack`,
      form: { intent: "issue", replace: "yes" },
      expect: { anonymous: 302, practitioner: 403, team_manager: 302, head_of_service: 302, admin: 403 },
    },
    // Issued by the manager first: the head of service must confirm replacing it.
    {
      method: "POST",
      url: () => `/teams/north-locality/cycle/${addMonths(lastMonth, -4)}/pack`,
      form: { intent: "issue" },
      expect: { anonymous: 302, practitioner: 403, team_manager: 302, head_of_service: 400, admin: 403 },
    },
  ],
  "teams.$slug_.cycle.$month_.pack[.pdf].tsx": [
    { url: () => `/teams/north-locality/cycle/${lastMonth}/pack.pdf`, expect: { anonymous: 302, practitioner: 200, team_manager: 200, head_of_service: 200, admin: 403 } },
    { url: () => `/teams/south-locality/cycle/${lastMonth}/pack.pdf`, expect: { anonymous: 302, practitioner: 403, team_manager: 403, head_of_service: 200, admin: 403 } },
    {
      url: () => `/teams/north-locality/cycle/${addMonths(lastMonth, 1)}/pack.pdf`,
      expect: { anonymous: 302, practitioner: 400, team_manager: 400, head_of_service: 400, admin: 403 },
    },
  ],
  "teams.$slug.tsx": [
    { url: () => "/teams/north-locality", expect: signedInOnly(200) },
    { url: () => "/teams/south-locality", expect: { anonymous: 302, practitioner: 403, team_manager: 403, head_of_service: 200, admin: 200 } },
    { url: (ids) => `/teams/north-locality?worker=${ids.ownWorker}`, expect: { anonymous: 302, practitioner: 200, team_manager: 200, head_of_service: 200, admin: 403 } },
    { url: (ids) => `/teams/north-locality?worker=${ids.colleague}`, expect: { anonymous: 302, practitioner: 403, team_manager: 200, head_of_service: 200, admin: 403 } },
    { url: () => "/teams/north-locality?worker=99999999", expect: { anonymous: 302, practitioner: 403, team_manager: 404, head_of_service: 404, admin: 403 } },
    { url: () => "/teams/no-such-team", expect: { anonymous: 302, practitioner: 404, team_manager: 404, head_of_service: 404, admin: 404 } },
  ],
  "teams.$slug_.items.tsx": [
    {
      url: () => `/teams/north-locality/items?figure=overdue&month=${lastMonth}`,
      expect: { anonymous: 302, practitioner: 403, team_manager: 200, head_of_service: 200, admin: 403 },
    },
    {
      url: (ids) => `/teams/north-locality/items?figure=completed&month=${lastMonth}&worker=${ids.ownWorker}`,
      expect: { anonymous: 302, practitioner: 200, team_manager: 200, head_of_service: 200, admin: 403 },
    },
    {
      url: (ids) => `/teams/north-locality/items?figure=completed&month=${lastMonth}&worker=${ids.colleague}`,
      expect: { anonymous: 302, practitioner: 403, team_manager: 200, head_of_service: 200, admin: 403 },
    },
    {
      url: () => `/teams/south-locality/items?figure=overdue&month=${lastMonth}`,
      expect: { anonymous: 302, practitioner: 403, team_manager: 403, head_of_service: 200, admin: 403 },
    },
    {
      url: () => `/teams/north-locality/items?figure=received&from=2026-01&to=2026-06&sort=worker&dir=desc&q=a&page=2`,
      expect: { anonymous: 302, practitioner: 403, team_manager: 200, head_of_service: 200, admin: 403 },
    },
    { url: () => `/teams/north-locality/items?figure=overdue&sort=shoe-size`, expect: { anonymous: 302, practitioner: 403, team_manager: 400, head_of_service: 400, admin: 403 } },
  ],
  // The lists behind the care figures follow the work item lists' rule (issue 18, item 7).
  "teams.$slug_.care.tsx": [
    {
      url: () => `/teams/north-locality/care?figure=reviews-overdue&month=${lastMonth}`,
      expect: { anonymous: 302, practitioner: 403, team_manager: 200, head_of_service: 200, admin: 403 },
    },
    {
      url: (ids) => `/teams/north-locality/care?figure=cost-long-term&month=${lastMonth}&worker=${ids.ownWorker}`,
      expect: { anonymous: 302, practitioner: 200, team_manager: 200, head_of_service: 200, admin: 403 },
    },
    {
      url: (ids) => `/teams/north-locality/care?figure=cost-long-term&month=${lastMonth}&worker=${ids.colleague}`,
      expect: { anonymous: 302, practitioner: 403, team_manager: 200, head_of_service: 200, admin: 403 },
    },
    {
      url: () => `/teams/south-locality/care?figure=started&month=${lastMonth}`,
      expect: { anonymous: 302, practitioner: 403, team_manager: 403, head_of_service: 200, admin: 403 },
    },
    {
      url: () => `/teams/north-locality/care?figure=reviews-costed&month=${lastMonth}&from=2026-01&to=2026-06&sort=change&dir=desc&q=a&page=2`,
      expect: { anonymous: 302, practitioner: 403, team_manager: 200, head_of_service: 200, admin: 403 },
    },
    {
      url: () => `/teams/north-locality/care?figure=started&month=${lastMonth}&sort=daysOverdue`,
      expect: { anonymous: 302, practitioner: 403, team_manager: 400, head_of_service: 400, admin: 403 },
    },
    { url: () => `/teams/north-locality/care?figure=started&month=2099-01`, expect: { anonymous: 302, practitioner: 403, team_manager: 400, head_of_service: 400, admin: 403 } },
  ],
  "teams.$slug_.care[.csv].tsx": [
    {
      url: () => `/teams/north-locality/care.csv?figure=reviews-overdue&month=${lastMonth}`,
      expect: { anonymous: 302, practitioner: 403, team_manager: 200, head_of_service: 200, admin: 403 },
    },
    {
      url: (ids) => `/teams/north-locality/care.csv?figure=long-term-clients&month=${lastMonth}&worker=${ids.ownWorker}`,
      expect: { anonymous: 302, practitioner: 200, team_manager: 200, head_of_service: 200, admin: 403 },
    },
    {
      url: (ids) => `/teams/north-locality/care.csv?figure=long-term-clients&month=${lastMonth}&worker=${ids.colleague}`,
      expect: { anonymous: 302, practitioner: 403, team_manager: 200, head_of_service: 200, admin: 403 },
    },
    {
      url: () => `/teams/south-locality/care.csv?figure=started&month=${lastMonth}`,
      expect: { anonymous: 302, practitioner: 403, team_manager: 403, head_of_service: 200, admin: 403 },
    },
    {
      url: () => `/teams/north-locality/care.csv?figure=nonsense&month=${lastMonth}`,
      expect: { anonymous: 302, practitioner: 403, team_manager: 400, head_of_service: 400, admin: 403 },
    },
  ],
  "admin._index.tsx": [{ url: () => "/admin", expect: adminOnly() }],
  "admin.users._index.tsx": [{ url: () => "/admin/users", expect: adminOnly() }],
  "admin.users.new.tsx": [
    { url: () => "/admin/users/new", expect: adminOnly() },
    { method: "POST", url: () => "/admin/users/new", form: { email: "", name: "", role: "head_of_service" }, expect: adminOnly(400) },
  ],
  "admin.users.upload.tsx": [
    { url: () => "/admin/users/upload", expect: adminOnly() },
    { method: "POST", url: () => "/admin/users/upload", form: {}, expect: adminOnly(400) },
  ],
  "admin.users.$userId.tsx": [
    { url: (ids) => `/admin/users/${ids.adminUser}`, expect: adminOnly() },
    { method: "POST", url: (ids) => `/admin/users/${ids.adminUser}`, form: { intent: "deactivate" }, expect: adminOnly(400) },
  ],
  "admin.teams._index.tsx": [
    { url: () => "/admin/teams", expect: adminOnly() },
    { method: "POST", url: () => "/admin/teams", form: { name: "", type: "locality" }, expect: adminOnly(400) },
  ],
  "admin.teams.$teamId.tsx": [
    { url: (ids) => `/admin/teams/${ids.northTeam}`, expect: adminOnly() },
    { method: "POST", url: (ids) => `/admin/teams/${ids.northTeam}`, form: { name: "North Locality", type: "spaceship" }, expect: adminOnly(400) },
  ],
  "admin.work-types.tsx": [
    { url: () => "/admin/work-types", expect: adminOnly() },
    { method: "POST", url: () => "/admin/work-types", form: { workTypeId: "1", timescale: "0", timescaleUnit: "days" }, expect: adminOnly(400) },
  ],
  "admin.population.tsx": [
    { url: () => "/admin/population", expect: adminOnly() },
    { url: () => "/admin/population?year=2025", expect: adminOnly() },
    { method: "POST", url: () => "/admin/population", form: { intent: "save", year: "1900", adults18To64: "1", adults65AndOver: "1", source: "x" }, expect: adminOnly(400) },
    { method: "POST", url: () => "/admin/population", form: { intent: "remove", year: "1800" }, expect: adminOnly(400) },
  ],
  "admin.prompts.tsx": [
    { url: () => "/admin/prompts", expect: adminOnly() },
    { method: "POST", url: () => "/admin/prompts", form: { teamType: "locality", questions: "\n  \n" }, expect: adminOnly(400) },
    { method: "POST", url: () => "/admin/prompts", form: { teamType: "spaceship", questions: "Why?" }, expect: adminOnly(400) },
  ],
  "admin.meetings.tsx": [
    { url: () => "/admin/meetings", expect: adminOnly() },
    { url: () => "/admin/meetings?edit=safeguarding", expect: adminOnly() },
    { url: () => "/admin/meetings?edit=spaceship", expect: adminOnly(404) },
    {
      method: "POST",
      url: () => "/admin/meetings",
      form: { teamType: "locality", purpose: "", chair: "", decisions: "", escalates: "", standingItems: "" },
      expect: adminOnly(400),
    },
    {
      method: "POST",
      url: () => "/admin/meetings",
      form: { teamType: "spaceship", purpose: "Why", chair: "Who", decisions: "What", escalates: "What not", standingItems: "Figures" },
      expect: adminOnly(400),
    },
  ],
  "admin.imports._index.tsx": [{ url: () => "/admin/imports", expect: adminOnly() }],
  "admin.imports.new.tsx": [
    { url: () => "/admin/imports/new", expect: adminOnly() },
    // A form post without a file: the admin is told to choose one.
    { method: "POST", url: () => "/admin/imports/new", form: { dryRun: "on" }, expect: adminOnly(400) },
  ],
  "admin.imports.uploads.$jobId.tsx": [
    { url: () => "/admin/imports/uploads/0123456789abcdef01234567", expect: adminOnly(404) },
    { method: "POST", url: () => "/admin/imports/uploads/0123456789abcdef01234567", form: {}, expect: adminOnly(404) },
  ],
  "admin.imports.uploads.$jobId_.rejects.tsx": [{ url: () => "/admin/imports/uploads/0123456789abcdef01234567/rejects", expect: adminOnly(404) }],
  "admin.mail.tsx": [
    { url: () => "/admin/mail", expect: adminOnly() },
    { url: () => "/admin/mail?status=failed&page=2", expect: adminOnly() },
    { url: () => "/admin/mail?status=lost", expect: adminOnly(400) },
    { method: "POST", url: () => "/admin/mail", form: { id: "99999999" }, expect: adminOnly(400) },
  ],
  "admin.integration-tokens.tsx": [
    { url: () => "/admin/integration-tokens", expect: adminOnly() },
    {
      method: "POST",
      url: () => "/admin/integration-tokens",
      form: { intent: "create", name: "", "expiresOn-day": "", "expiresOn-month": "", "expiresOn-year": "" },
      expect: adminOnly(400),
    },
    { method: "POST", url: () => "/admin/integration-tokens", form: { intent: "revoke", id: "99999999" }, expect: adminOnly(400) },
  ],
  // The extract feed: a program's addresses, which take an integration token (tests/integration/extract-feed.test.ts) and never a
  // session, so every role's cookie alone is refused as no token at all.
  "api.extracts.tsx": [
    { method: "POST", url: () => "/api/extracts", form: { dryRun: "true" }, expect: { anonymous: 401, practitioner: 401, team_manager: 401, head_of_service: 401, admin: 401 } },
    { url: () => "/api/extracts", expect: { anonymous: 405, practitioner: 405, team_manager: 405, head_of_service: 405, admin: 405 } },
  ],
  "api.extracts.$jobId.tsx": [
    { url: () => "/api/extracts/0123456789abcdef01234567", expect: { anonymous: 401, practitioner: 401, team_manager: 401, head_of_service: 401, admin: 401 } },
    {
      method: "POST",
      url: () => "/api/extracts/0123456789abcdef01234567",
      form: {},
      expect: { anonymous: 405, practitioner: 405, team_manager: 405, head_of_service: 405, admin: 405 },
    },
  ],
  "admin.audit.tsx": [
    { url: () => "/admin/audit", expect: adminOnly() },
    { url: () => "/admin/audit?from=2026-02-30", expect: adminOnly(400) },
  ],
  // The demo's Primed Metrics go into an empty database in the order of app/demo/primed-metrics.ts:
  // 1 is owned by the head of service, 3 by the team manager.
  "metrics._index.tsx": [{ url: () => "/metrics", expect: signedInOnly(200) }],
  "metrics.new.tsx": [
    { url: () => "/metrics/new", expect: { anonymous: 302, practitioner: 403, team_manager: 403, head_of_service: 200, admin: 200 } },
    {
      method: "POST",
      url: () => "/metrics/new",
      form: { name: "", unit: "people", measure: "level", direction: "down" },
      expect: { anonymous: 302, practitioner: 403, team_manager: 403, head_of_service: 400, admin: 400 },
    },
  ],
  "metrics.$metricId.tsx": [
    { url: () => "/metrics/1", expect: signedInOnly(200) },
    { url: () => "/metrics/99999999", expect: signedInOnly(404) },
    { url: () => "/metrics/not-a-metric", expect: signedInOnly(404) },
    // Values: the owner, a head of service or an administrator.
    {
      method: "POST",
      url: () => "/metrics/3",
      form: { intent: "value", month: "2026-13", value: "80" },
      expect: { anonymous: 302, practitioner: 403, team_manager: 400, head_of_service: 400, admin: 400 },
    },
    {
      method: "POST",
      url: () => "/metrics/3",
      form: { intent: "value", month: lastMonth, value: "84.5" },
      expect: { anonymous: 302, practitioner: 403, team_manager: 302, head_of_service: 302, admin: 302 },
    },
    {
      method: "POST",
      url: () => "/metrics/1",
      form: { intent: "value", month: lastMonth, value: "" },
      expect: { anonymous: 302, practitioner: 403, team_manager: 403, head_of_service: 400, admin: 400 },
    },
    // The trajectory: a head of service or an administrator.
    {
      method: "POST",
      url: () => "/metrics/3",
      form: { intent: "trajectory", trajectory: "2026-13 80" },
      expect: { anonymous: 302, practitioner: 403, team_manager: 403, head_of_service: 400, admin: 400 },
    },
    { method: "POST", url: () => "/metrics/99999999", form: { intent: "value", month: lastMonth, value: "1" }, expect: signedInOnly(404) },
  ],
  "metrics.$metricId_.edit.tsx": [
    { url: () => "/metrics/1/edit", expect: { anonymous: 302, practitioner: 403, team_manager: 403, head_of_service: 200, admin: 200 } },
    { url: () => "/metrics/99999999/edit", expect: { anonymous: 302, practitioner: 403, team_manager: 403, head_of_service: 404, admin: 404 } },
    {
      method: "POST",
      url: () => "/metrics/1/edit",
      form: { name: "", unit: "people", measure: "level", direction: "down" },
      expect: { anonymous: 302, practitioner: 403, team_manager: 403, head_of_service: 400, admin: 400 },
    },
  ],
  // An owner loads their own metrics' values, so the team manager may use it too.
  "metrics.upload.tsx": [
    { url: () => "/metrics/upload", expect: { anonymous: 302, practitioner: 403, team_manager: 200, head_of_service: 200, admin: 200 } },
    { method: "POST", url: () => "/metrics/upload", form: {}, expect: { anonymous: 302, practitioner: 403, team_manager: 400, head_of_service: 400, admin: 400 } },
  ],
  // The action log: a team's people see it; its manager and a head of service add to it. A blank form is a 400 once past the access check.
  "teams.$slug_.actions.tsx": [
    { url: () => "/teams/north-locality/actions", expect: northActionLog(200) },
    { url: () => "/teams/north-locality/actions?show=escalated", expect: northActionLog(200) },
    { url: () => "/teams/north-locality/actions?show=late", expect: northActionLog(400) },
    { url: () => "/teams/south-locality/actions", expect: headOfServiceOnly() },
    { url: () => "/teams/no-such-team/actions", expect: { anonymous: 302, practitioner: 404, team_manager: 404, head_of_service: 404, admin: 404 } },
    {
      method: "POST",
      url: () => "/teams/north-locality/actions",
      form: { title: "", owner: "", deadline: "" },
      expect: { anonymous: 302, practitioner: 403, team_manager: 400, head_of_service: 400, admin: 403 },
    },
    { method: "POST", url: () => "/teams/south-locality/actions", form: { title: "", owner: "", deadline: "" }, expect: headOfServiceOnly(400) },
  ],
  // One action: its team sees it; its owner, the team's manager and a head of service move it on; only the manager and a head of service edit or escalate it.
  "actions.$actionId.tsx": [
    { url: () => `/actions/${actionIds.practitioners}`, expect: northActionLog(200) },
    { url: () => `/actions/${actionIds.south}`, expect: headOfServiceOnly() },
    { url: () => "/actions/99999999", expect: signedInOnly(404) },
    { url: () => "/actions/not-an-action", expect: signedInOnly(404) },
    {
      method: "POST",
      url: () => `/actions/${actionIds.practitioners}`,
      form: { intent: "progress", status: "in_progress", comment: "Checked the list" },
      expect: northActionLog(302),
    },
    // Not the practitioner's own action: they may read it, not move it on.
    {
      method: "POST",
      url: () => `/actions/${actionIds.managers}`,
      form: { intent: "progress", status: "in_progress", comment: "Checked the list" },
      expect: { anonymous: 302, practitioner: 403, team_manager: 302, head_of_service: 302, admin: 403 },
    },
    { method: "POST", url: () => `/actions/${actionIds.south}`, form: { intent: "progress", status: "in_progress", comment: "Checked the list" }, expect: headOfServiceOnly(302) },
    {
      method: "POST",
      url: () => `/actions/${actionIds.practitioners}`,
      form: { intent: "edit", title: "", owner: "", deadline: "" },
      expect: { anonymous: 302, practitioner: 403, team_manager: 400, head_of_service: 400, admin: 403 },
    },
    {
      method: "POST",
      url: () => `/actions/${actionIds.practitioners}`,
      form: { intent: "escalate", reason: "" },
      expect: { anonymous: 302, practitioner: 403, team_manager: 400, head_of_service: 400, admin: 403 },
    },
    { method: "POST", url: () => `/actions/${actionIds.practitioners}`, form: { intent: "delete" }, expect: northActionLog(400) },
  ],
  // The head of service's tracker of every team's actions, its CSV, and the days before automatic escalation.
  "actions._index.tsx": [
    { url: () => "/actions", expect: headOfServiceOnly() },
    { url: () => "/actions?team=south-locality&show=all", expect: headOfServiceOnly() },
    { url: () => "/actions?team=atlantis", expect: headOfServiceOnly(400) },
    { url: () => "/actions?show=late", expect: headOfServiceOnly(400) },
    { method: "POST", url: () => "/actions", form: { days: "0" }, expect: headOfServiceOnly(400) },
    // The default again: nothing changes for the other checks.
    { method: "POST", url: () => "/actions", form: { days: "14" }, expect: headOfServiceOnly(302) },
  ],
  "actions[.csv].tsx": [
    { url: () => "/actions.csv", expect: headOfServiceOnly() },
    { url: () => "/actions.csv?team=north-locality&show=all", expect: headOfServiceOnly() },
    { url: () => "/actions.csv?show=late", expect: headOfServiceOnly(400) },
  ],
};

let app: RunningApp;
let ids: Ids;
/** The practitioner's calendar feed secret, made before the checks. */
let feedSecret: string;
const cookies = new Map<Who, string>();

async function signInAs(who: Exclude<Who, "anonymous">): Promise<string> {
  const [email, password] = credentials[who];
  return signInOverHttp(app.url, email, password);
}

beforeAll(async () => {
  app = await startApp();
  const { db, close } = openDatabase(app.databasePath);
  const userWorker = (email: string) => db.select().from(users).where(eq(users.email, email)).get()!;
  const practitioner = userWorker(credentials.practitioner[0]);
  const north = db.select().from(teams).where(eq(teams.slug, "north-locality")).get()!;
  const colleague = db
    .select()
    .from(workers)
    .where(eq(workers.teamId, north.id))
    .all()
    .find((w) => w.id !== practitioner.workerId)!;
  ids = { ownWorker: practitioner.workerId!, colleague: colleague.id, adminUser: userWorker(credentials.admin[0]).id, northTeam: north.id };
  actionIds = addActionsForRules(db);
  feedSecret = makeFeedSecret(db, practitioner).secret;
  close();
  for (const who of Object.keys(credentials) as Exclude<Who, "anonymous">[]) cookies.set(who, await signInAs(who));
});

afterAll(async () => {
  await app?.stop();
});

describe("every route has an access rule", () => {
  it("lists a rule for each file in app/routes", () => {
    const routeFiles = fs
      .readdirSync("app/routes")
      .filter((f) => /\.tsx?$/.test(f))
      .sort();
    expect(
      routeFiles.filter((f) => !(f in routeRules)),
      "routes without a rule in route-access.test.ts",
    ).toEqual([]);
    expect(
      Object.keys(routeRules).filter((f) => !routeFiles.includes(f)),
      "rules for routes that no longer exist",
    ).toEqual([]);
  });
});

describe.each(Object.entries(routeRules))("%s", (_file, checks) => {
  it.each(checks.flatMap((check) => everyone.map((who) => [who, check] as const)))("%s", async (who, check) => {
    const method = check.method ?? "GET";
    const headers: Record<string, string> = { Origin: app.url };
    const cookie = cookies.get(who);
    if (cookie) headers.Cookie = cookie;
    const response = await fetch(`${app.url}${check.url(ids)}`, {
      method,
      redirect: "manual",
      headers: check.form ? { ...headers, "Content-Type": "application/x-www-form-urlencoded" } : headers,
      body: check.form ? new URLSearchParams(check.form) : undefined,
    });
    expect(response.status, `${method} ${check.url(ids)} as ${who}`).toBe(check.expect[who]);
    // Whatever the answer, the app's own never goes into a cache (app/http/no-store.ts).
    expect(response.headers.get("cache-control"), `Cache-Control of ${method} ${check.url(ids)} as ${who}`).toBe("no-store");
    if (who === "anonymous" && check.expect.anonymous === 302 && method === "GET" && !check.url(ids).startsWith("/sign-out")) {
      expect(response.headers.get("location")).toMatch(/^\/sign-in\?redirectTo=/);
    }
  });
});

describe("forged and cross-site requests", () => {
  it("refuses a form post from another site", async () => {
    const response = await fetch(`${app.url}/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(
        Object.fromEntries([
          ["email", credentials.admin[0]],
          ["password", credentials.admin[1]],
        ]),
      ),
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/did not come from a Primed page/);
  });

  it("sends the security headers on every page", async () => {
    const response = await fetch(`${app.url}/sign-in`);
    expect(response.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("same-origin");
    expect(response.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
  });
});

/*
 * The downloads (CSV and PDF) answer a bad address as their pages do: the
 * status and the same clear sentence, never Remix's "Unexpected Server Error".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMonths, monthOf } from "~/dates";
import { startApp, type RunningApp } from "../helpers/app-server";
import { demoCredentials, signInOverHttp } from "../helpers/http-sign-in";
import { runToday } from "../helpers/today";

let app: RunningApp;
const cookies = new Map<string, string>();
const nextMonth = addMonths(monthOf(runToday()), 1);

beforeAll(async () => {
  app = await startApp();
  cookies.set("head", await signInOverHttp(app.url, ...demoCredentials("head_of_service")));
  cookies.set("practitioner", await signInOverHttp(app.url, ...demoCredentials("practitioner")));
  cookies.set("admin", await signInOverHttp(app.url, ...demoCredentials("admin")));
}, 180_000);
afterAll(async () => {
  await app?.stop();
});

const get = async (who: string, url: string) => {
  const response = await fetch(`${app.url}${url}`, { headers: { Cookie: cookies.get(who)! }, redirect: "manual" });
  return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
};

/** [who, download, its page]: the download answers what the page answers. */
const cases: [string, string, string][] = [
  ["head", `/teams.csv?month=${nextMonth}`, `/teams?month=${nextMonth}`],
  ["head", "/teams.csv?month=2026-13", "/teams?month=2026-13"],
  ["head", "/teams.csv?asOf=2026-02-30", "/teams?asOf=2026-02-30"],
  ["head", "/teams.csv?sort=nonsense", "/teams?sort=nonsense"],
  ["head", "/teams/north-locality/report.csv?from=2026-13", "/teams/north-locality?from=2026-13"],
  ["head", "/teams/north-locality/report.csv?asOf=yesterday", "/teams/north-locality?asOf=yesterday"],
  ["head", "/teams/north-locality/report.csv?workType=99999", "/teams/north-locality?workType=99999"],
  ["head", "/teams/north-locality/report.csv?worker=99999999", "/teams/north-locality?worker=99999999"],
  ["head", "/teams/nowhere/report.csv", "/teams/nowhere"],
  ["head", `/teams/north-locality/items.csv?figure=nonsense`, `/teams/north-locality/items?figure=nonsense`],
  ["head", `/teams/nowhere/items.csv?figure=overdue`, `/teams/nowhere/items?figure=overdue`],
  ["head", `/teams/north-locality/care.csv?figure=nonsense&month=2026-01`, `/teams/north-locality/care?figure=nonsense&month=2026-01`],
  ["head", `/teams/north-locality/care.csv?figure=started&month=${nextMonth}`, `/teams/north-locality/care?figure=started&month=${nextMonth}`],
  ["head", `/teams/north-locality/care.csv?figure=started&month=2026-01&sort=daysOverdue`, `/teams/north-locality/care?figure=started&month=2026-01&sort=daysOverdue`],
  ["head", `/teams/nowhere/care.csv?figure=started&month=2026-01`, `/teams/nowhere/care?figure=started&month=2026-01`],
  ["admin", `/teams/north-locality/care.csv?figure=started&month=2026-01`, `/teams/north-locality/care?figure=started&month=2026-01`],
  ["head", "/actions.csv?team=nowhere", "/actions?team=nowhere"],
  ["head", "/actions.csv?show=nonsense", "/actions?show=nonsense"],
  ["practitioner", "/my-work.csv?asOf=2026-02-30", "/my-work?asOf=2026-02-30"],
  ["head", "/teams/north-locality/cycle/2026-13/pack.pdf", "/teams/north-locality/cycle/2026-13/pack"],
  ["head", `/teams/north-locality/cycle/${addMonths(nextMonth, 1)}/pack.pdf`, `/teams/north-locality/cycle/${addMonths(nextMonth, 1)}/pack`],
  ["head", "/teams/nowhere/cycle/2026-01/pack.pdf", "/teams/nowhere/cycle/2026-01/pack"],
];

/** The sentence a page gives under its heading. */
const sentence = (html: string) => html.match(/<h1 class="govuk-heading-l">[^<]*<\/h1>\s*<p class="govuk-body">([^<]*)<\/p>/)?.[1];

describe("a download with a bad address", () => {
  it.each(cases)("%s %s says what its page says", async (who, url, pageUrl) => {
    const [download, page] = [await get(who, url), await get(who, pageUrl)];
    expect(page.status).toBeGreaterThanOrEqual(400);
    expect(sentence(page.text)).toBeTruthy();
    expect({ status: download.status, type: download.type, sentence: sentence(download.text) }).toEqual({
      status: page.status,
      type: "text/html; charset=utf-8",
      sentence: sentence(page.text),
    });
    expect(download.text).not.toContain("Unexpected Server Error");
  });

  it("the rows set aside of a load Primed no longer has: a 404 that says so", async () => {
    const download = await get("admin", "/admin/imports/uploads/0123456789abcdef01234567/rejects");
    expect(download.status).toBe(404);
    expect(sentence(download.text)).toBe("There is no file of rows set aside for this load (they are kept for a day).");
  });
});

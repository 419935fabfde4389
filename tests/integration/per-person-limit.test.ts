/*
 * One person's burst degrades only their own responses (issue 17, item 6):
 * a head of service asks for two dozen 60-month reports at once, each as of a
 * different day; beyond their share they are refused with 429 and a page
 * saying why, while a team manager's page, asked for in the middle of the
 * burst, is answered as usual.
 *
 * No timing: the head of service's running turn is taken first by saves whose
 * forms have not yet arrived (they hold their turn until the test sends the
 * rest), and each is known to have its turn before the burst starts: the
 * server says "100 Continue" in the same step in which it hands a request to
 * the limiter, before it reads anything else.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, addMonths, monthOf } from "~/dates";
import { PER_PERSON_LIMITS, TOO_MANY_REQUESTS } from "~/http/per-person-limit";
import { startApp, type RunningApp } from "../helpers/app-server";
import { demoCredentials, signInOverHttp } from "../helpers/http-sign-in";
import { runToday } from "../helpers/today";

let app: RunningApp;
let head: string;
let manager: string;

beforeAll(async () => {
  // One process, so that every request meets the same count (each process keeps its own).
  app = await startApp({ PRIMED_WORKERS: "1" });
  head = await signInOverHttp(app.url, ...demoCredentials("head_of_service"));
  manager = await signInOverHttp(app.url, ...demoCredentials("team_manager"));
});

afterAll(async () => {
  await app?.stop();
});

interface HeldSave {
  /** Resolves once the server has handed the request to the limiter. */
  admitted: Promise<void>;
  /** Sends the rest of the form; resolves with the save's status. */
  finish(): Promise<number>;
}

/** A save of a form that arrives only when `finish` is called: it holds one of the person's turns until then. */
function heldSave(cookie: string): HeldSave {
  const body = "intent=unplug";
  const url = new URL("/account/calendar", app.url);
  let answered: (status: number) => void = () => {};
  const status = new Promise<number>((resolve) => (answered = resolve));
  const request = http.request(url, {
    method: "POST",
    agent: false,
    headers: { Cookie: cookie, Origin: app.url, "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body), Expect: "100-continue" },
  });
  const admitted = new Promise<void>((resolve, reject) => {
    request.once("continue", () => resolve());
    request.once("error", reject);
  });
  request.once("response", (response) => {
    response.resume();
    response.once("end", () => answered(response.statusCode ?? 0));
  });
  request.flushHeaders();
  return {
    admitted,
    finish() {
      request.end(body);
      return status;
    },
  };
}

interface Answer {
  url: string;
  status: number;
  retryAfter: string | null;
  cacheControl: string | null;
  body: string;
}

async function get(url: string, cookie: string): Promise<Answer> {
  const response = await fetch(`${app.url}${url}`, { redirect: "manual", headers: { cookie } });
  return { url, status: response.status, retryAfter: response.headers.get("retry-after"), cacheControl: response.headers.get("cache-control"), body: await response.text() };
}

describe("one person's burst of expensive requests", () => {
  it("refuses the person's requests beyond their share with 429, and answers another person's in the middle", async () => {
    const today = runToday();
    const thisMonth = monthOf(today);
    const from = addMonths(thisMonth, -59);
    const BURST = 24;
    // 60 months each, as of a different day: no two share any work. Half as client-side navigation asks (.data).
    const burst = Array.from({ length: BURST }, (_, i) => `/teams/north-locality${i % 2 ? ".data" : ""}?from=${from}&to=${thisMonth}&asOf=${addDays(today, -i)}`);

    const held = Array.from({ length: PER_PERSON_LIMITS.running }, () => heldSave(head));
    await Promise.all(held.map((h) => h.admitted));

    const answers: Answer[] = [];
    const expectedRefusals = BURST - PER_PERSON_LIMITS.waiting;
    let refusalsArrived: () => void = () => {};
    const refused = new Promise<void>((resolve) => (refusalsArrived = resolve));
    const all = Promise.all(
      burst.map(async (url) => {
        const answer = await get(url, head);
        answers.push(answer);
        if (answers.filter((a) => a.status === 429).length === expectedRefusals) refusalsArrived();
        return answer;
      }),
    );
    // Those beyond the share come back at once; those within it wait behind the saves.
    await Promise.race([refused, all]);
    expect(
      answers.map((a) => a.status),
      "only the refusals have come back",
    ).toEqual(Array<number>(expectedRefusals).fill(429));

    // In the middle of the burst, someone else's page.
    const other = await get("/teams/north-locality", manager);
    expect(other.status).toBe(200);
    expect(other.body).toContain("North Locality");

    const page = answers.find((a) => !a.url.includes(".data"))!;
    expect(page.retryAfter).toBe(String(PER_PERSON_LIMITS.retryAfterSeconds));
    expect(page.cacheControl).toBe("no-store");
    expect(page.body).toContain("Too many pages at once");
    expect(page.body).toContain(TOO_MANY_REQUESTS);
    const data = answers.find((a) => a.url.includes(".data"))!;
    expect(data.status).toBe(429);
    expect(data.body, "the .data answer carries the message for the page to show").toContain("Other people's pages are not affected.");

    // The saves arrive whole; the waiting reports then run in turn.
    expect(await Promise.all(held.map((h) => h.finish()))).toEqual(held.map(() => 400));
    const settled = await all;
    expect(settled.filter((a) => a.status === 429).length).toBe(expectedRefusals);
    expect(settled.filter((a) => a.status === 200).length).toBe(PER_PERSON_LIMITS.waiting);
    expect(settled.every((a) => a.status === 200 || a.status === 429)).toBe(true);

    // And the person's own pages work again once the burst is over.
    expect((await get("/teams/north-locality", head)).status).toBe(200);
  });

  it("answers a refused download with the message as plain text", async () => {
    const held = Array.from({ length: PER_PERSON_LIMITS.running }, () => heldSave(head));
    await Promise.all(held.map((h) => h.admitted));
    // One more than may wait: whichever reaches the server last is refused, at once.
    const downloads = Array.from({ length: PER_PERSON_LIMITS.waiting + 1 }, () => get("/teams/north-locality/report.csv", head));
    const refusal = await Promise.race(downloads);
    expect(refusal.status).toBe(429);
    expect(refusal.retryAfter).toBe(String(PER_PERSON_LIMITS.retryAfterSeconds));
    expect(refusal.body).toBe(TOO_MANY_REQUESTS);
    await Promise.all(held.map((h) => h.finish()));
    const statuses = (await Promise.all(downloads)).map((a) => a.status).sort();
    expect(statuses).toEqual([...Array<number>(PER_PERSON_LIMITS.waiting).fill(200), 429]);
  });
});

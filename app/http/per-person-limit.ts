/*
 * One person's burst must not starve everyone else. A report's figures are
 * counted in synchronous SQLite calls, so while a process works on one it
 * serves nobody else: 50 requests at once for 60-month reports with different
 * as-of dates (each its own work, nothing to share) once made every other
 * page of the server wait 20 seconds. So each signed-in person has one
 * request running at a time in each process; a few more wait their turn
 * (costing nothing while they wait, and starting when the process has
 * nothing else to do), and the rest are refused at once with
 * 429 Too Many Requests and a page that says what happened. Everyone else's
 * requests then compete with at most one of that person's, and only that
 * person's own pages slow down.
 *
 * Per process: bin/serve.ts runs PRIMED_WORKERS processes, and each keeps its
 * own count, so a person may have one request running in each (PRIMED_WORKERS
 * in all). That is the limit that matters: what another person waits for is
 * the work in the process serving them.
 *
 * A person is known by their session cookie, read here without the database
 * (the session itself is checked by the page, as always). A cookie that is not
 * a real session costs nothing to refuse (the page sends it to sign in before
 * any work), so inventing cookies gains nothing. Used by bin/serve.ts.
 */
import type { ServerBuild } from "@remix-run/node";
import type { NextFunction, Request, Response } from "express";

/** The session cookie's name (app/people/sessions.server.ts); tests/integration/per-person-limit.test.ts fails if they differ. */
const SESSION_COOKIE = "__primed_session";

export interface PerPersonLimits {
  /** Requests one person may have running at once in one process. */
  running: number;
  /** More of that person's requests that wait for one of those to finish, before the next is refused. */
  waiting: number;
  /** What the refusal's Retry-After header says, in seconds. */
  retryAfterSeconds: number;
}

/**
 * One running: a process does one thing at a time, so a second request of the
 * same person running beside the first would not finish that person's pages
 * sooner, only slow everyone else's (every await in another person's page
 * waits behind each running report's next synchronous step). Eight waiting:
 * opening a handful of tabs at once still works, one after another, and is
 * never refused.
 */
export const PER_PERSON_LIMITS: PerPersonLimits = { running: 1, waiting: 8, retryAfterSeconds: 5 };

export const TOO_MANY_REQUESTS =
  "You asked Primed for more pages at the same time than it serves one person at once, so it has not opened this one. " +
  "This happens when many reports or downloads are opened together, in many tabs or by a program. " +
  "Wait for the pages already loading to finish, then reload this page. Other people's pages are not affected.";

/** res.locals' flag for a refused request, read by the server's load context. */
export const REFUSED = "tooManyRequests";

/**
 * The part of the session cookie that names the session: its signed value
 * (before the signature, which has more than one spelling), decoded (so
 * %-escapes cannot make one session look like many). Null without one.
 */
export function personKey(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  for (const pair of cookieHeader.split(";")) {
    const at = pair.indexOf("=");
    if (at < 0 || pair.slice(0, at).trim() !== SESSION_COOKIE) continue;
    let value = pair
      .slice(at + 1)
      .trim()
      .replace(/^"(.*)"$/, "$1");
    try {
      value = decodeURIComponent(value);
    } catch {
      // Not a cookie Primed made: it will be sent to sign in. Counted as written.
    }
    const signature = value.lastIndexOf(".");
    const signed = signature > 0 ? value.slice(0, signature) : value;
    if (signed !== "") return signed;
  }
  return null;
}

interface Waiting {
  start: () => void;
  since: number;
}

interface Person {
  running: number;
  waiting: Waiting[];
}

/** A waiting request starts without a quiet moment once it has waited this long: a burst is slowed, never stopped. */
const YIELD_AT_MOST_MS = 2_000;

/**
 * The Express middleware. A request it refuses goes on to Remix marked
 * (res.locals[REFUSED]) with a Retry-After header, and refuseMarkedRequests
 * below answers it there, so that a page, a `.data` request and a download
 * each get the refusal in the form they expect.
 */
export function limitEachPerson(limits: PerPersonLimits = PER_PERSON_LIMITS) {
  const people = new Map<string, Person>();
  /** Everyone's requests running in this process. */
  let runningHere = 0;

  /**
   * A person's waiting requests start when nothing else is running here (or
   * they have waited long enough), so a burst's next report never joins what
   * another person's page is already waiting behind; backlogs take turns.
   */
  function startWaiting() {
    for (const [key, person] of [...people]) {
      const first = person.waiting[0];
      if (!first || person.running >= limits.running) continue;
      if (runningHere > 0 && performance.now() - first.since < YIELD_AT_MOST_MS) continue;
      person.waiting.shift();
      people.delete(key);
      people.set(key, person);
      first.start();
    }
  }

  function finished(key: string, person: Person) {
    person.running -= 1;
    runningHere -= 1;
    if (person.running === 0 && person.waiting.length === 0) people.delete(key);
    startWaiting();
  }

  return (req: Request, res: Response, next: NextFunction) => {
    const key = personKey(req.get("cookie"));
    // An upload's time is its file arriving, not work here (and one load runs at a time anyway): it must not
    // hold the person's turn, so that they can go on using Primed while a large extract arrives.
    if (key === null || req.is("multipart/form-data")) return next();
    let person = people.get(key);
    if (!person) {
      person = { running: 0, waiting: [] };
      people.set(key, person);
    }
    const admitted = person;
    const start = () => {
      admitted.running += 1;
      runningHere += 1;
      // The turn is over once the answer starts to go out (its work is done: loaders have run, the page's
      // shell is rendered, a download is made), so a slow network does not hold it; or once the client has gone.
      let over = false;
      const end = () => {
        if (over) return;
        over = true;
        finished(key, admitted);
      };
      const writeHead = res.writeHead;
      res.writeHead = function (this: Response, ...args: unknown[]) {
        end();
        return (writeHead as (...a: unknown[]) => Response).apply(this, args);
      } as Response["writeHead"];
      res.once("close", end);
      next();
    };
    if (admitted.running < limits.running && admitted.waiting.length === 0) return start();
    if (admitted.waiting.length < limits.waiting) {
      const entry: Waiting = { start, since: performance.now() };
      admitted.waiting.push(entry);
      // Someone who gave up waiting (closed the tab) no longer holds a place in the queue.
      res.once("close", () => {
        const place = admitted.waiting.indexOf(entry);
        if (place < 0) return;
        admitted.waiting.splice(place, 1);
        if (admitted.running === 0 && admitted.waiting.length === 0) people.delete(key);
      });
      return;
    }
    res.locals[REFUSED] = true;
    res.set("Retry-After", String(limits.retryAfterSeconds));
    next();
  };
}

/**
 * The build, with every route's loader and action refusing a marked request
 * before doing any work: a 429 whose text the error page shows (and a `.data`
 * request carries to it), or that a download link shows as it is.
 */
export function refuseMarkedRequests(build: ServerBuild): ServerBuild {
  const refuse = (context: unknown) => {
    if ((context as Record<string, unknown> | undefined)?.[REFUSED] === true) {
      throw new Response(TOO_MANY_REQUESTS, { status: 429, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
  };
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const { loader, action } = route.module;
      const module = { ...route.module };
      if (loader) module.loader = (args: Parameters<typeof loader>[0]) => (refuse(args.context), loader(args));
      if (action) module.action = (args: Parameters<typeof action>[0]) => (refuse(args.context), action(args));
      return [id, { ...route, module }];
    }),
  );
  return { ...build, routes };
}

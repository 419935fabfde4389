/*
 * The server as several processes (PRIMED_WORKERS): pages from any of them,
 * a load's progress page that keeps working whichever process answers, and
 * kept-alive connections shared out evenly (app/http/shared-connections.ts).
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../helpers/app-server";

let app: RunningApp;

beforeAll(async () => {
  app = await startApp({ PRIMED_WORKERS: "2" });
}, 180_000);
afterAll(async () => app?.stop());

async function signIn(email: string, password: string): Promise<string> {
  const response = await fetch(`${app.url}/sign-in`, {
    method: "POST",
    headers: { Origin: app.url, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password }),
    redirect: "manual",
  });
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

describe("two server processes", () => {
  it("serve the reports, from either process", async () => {
    const cookie = await signIn("head@northbrook.example", "demo-head");
    const statuses = await Promise.all(Array.from({ length: 8 }, () => fetch(`${app.url}/teams`, { headers: { cookie } }).then((r) => r.status)));
    expect(statuses).toEqual(Array(8).fill(200));
  });

  it("follow one load from upload to report, whichever process answers", async () => {
    const cookie = await signIn("admin@northbrook.example", "demo-admin");
    const service = "E09000099";
    const csv = `LA Code,LA Person Unique Identifier,Event Type,Event Reference,Event Start Date,Team\r\n${service},P1,Request,CLUSTER-1,01/11/2026,North Locality\r\n`;
    const form = new FormData();
    form.set("extract", new Blob([csv], { type: "text/csv" }), "cluster.csv");
    form.set("dryRun", "on");
    const upload = await fetch(`${app.url}/admin/imports/new`, { method: "POST", headers: { cookie, Origin: app.url }, body: form, redirect: "manual" });
    expect(upload.status).toBe(302);
    const jobPage = new URL(upload.headers.get("location")!, app.url).toString();
    expect(jobPage).toMatch(/\/admin\/imports\/uploads\/[0-9a-f]{24}$/);
    // Round robin spreads these over both processes: each must know the load.
    for (let attempt = 0; attempt < 40; attempt += 1) {
      const pages = await Promise.all(Array.from({ length: 4 }, () => fetch(jobPage, { headers: { cookie } }).then(async (r) => ({ status: r.status, body: await r.text() }))));
      expect(pages.map((p) => p.status)).toEqual([200, 200, 200, 200]);
      if (pages.every((p) => /Dry run/i.test(p.body) && !/<progress/.test(p.body))) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error("The load did not finish in 10 seconds");
  });

  it("keep each load's state beside its upload", () => {
    const uploads = path.join(path.dirname(app.databasePath), "uploads");
    const jobs = fs.readdirSync(uploads).map((id) => JSON.parse(fs.readFileSync(path.join(uploads, id, "job.json"), "utf8")));
    expect(jobs.map((job) => job.state)).toEqual(["finished"]);
  });
});

describe("connections to two server processes", () => {
  let busy: RunningApp;
  beforeAll(async () => {
    // Production's JSON log: each request's line names the process that answered it.
    busy = await startApp({ PRIMED_WORKERS: "2" }, { production: true });
  }, 180_000);
  afterAll(async () => busy?.stop());

  /** Sends `request` on a connection of `agent`'s; resolves with the answer's request id and body once it has ended. */
  function send(options: http.RequestOptions & { path: string }, body?: string): Promise<{ id: string; headers: http.IncomingHttpHeaders }> {
    return new Promise((resolve, reject) => {
      const request = http.request(`${busy.url}${options.path}`, options, (response) => {
        response.resume();
        response.on("end", () => resolve({ id: String(response.headers["x-request-id"]), headers: response.headers }));
      });
      request.on("error", reject);
      request.end(body);
    });
  }

  /** The process that answered each request, from the log (a request's line is written as its answer ends). */
  async function processesOf(ids: string[]): Promise<number[]> {
    for (let attempt = 0; ; attempt += 1) {
      const processOf = new Map<string, number>();
      for (const line of busy.output().split("\n")) {
        if (!line.startsWith("{")) continue;
        const entry = JSON.parse(line) as { requestId?: string; pid?: number };
        if (entry.requestId && entry.pid) processOf.set(entry.requestId, entry.pid);
      }
      if (ids.every((id) => processOf.has(id))) return ids.map((id) => processOf.get(id)!);
      if (attempt > 50) throw new Error("Some requests were never logged");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it("are shared out evenly, even while one process is busy with a page when they open", async () => {
    // Signed in on a connection that closes at once, so that no connection is open before the test's own.
    const signIn = await send(
      { path: "/sign-in", method: "POST", agent: false, headers: { Connection: "close", Origin: busy.url, "Content-Type": "application/x-www-form-urlencoded" } },
      new URLSearchParams({ email: "head@northbrook.example", password: "demo-head" }).toString(),
    );
    const cookie = (signIn.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Ten connections, kept open, as a browser's tabs keep theirs. The first asks for a page no process has drawn yet
    // (a process's first overview counts every team, one long step); while it works, the other nine open at once.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });
    try {
      const first = send({ path: "/teams?view=trends&sort=team", agent, headers: { cookie } });
      await new Promise((resolve) => setTimeout(resolve, 150));
      const ids = (await Promise.all([first, ...Array.from({ length: 9 }, () => send({ path: "/healthz", agent }))])).map((answer) => answer.id);
      const pids = await processesOf(ids);
      const perProcess = [...new Set(pids)].map((pid) => pids.filter((each) => each === pid).length).sort();
      expect(perProcess).toEqual([5, 5]);
    } finally {
      agent.destroy();
    }
  });
});

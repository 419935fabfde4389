/*
 * The server as several processes (PRIMED_WORKERS): pages from any of them,
 * and a load's progress page that keeps working whichever process answers.
 */
import fs from "node:fs";
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

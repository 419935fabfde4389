/*
 * The nightly feed (POST /api/extracts with an integration token), against the
 * built app on the demo council over real HTTP: every refusal, with nothing
 * loaded; a token that loads but opens no page; a load end to end whose work
 * then shows; tokens made and revoked on the administration page, and expired.
 * Then, on a database of its own, the body's limit as it streams.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Connection } from "../../db/connection";
import { addDays } from "~/dates";
import { startFeedLoad } from "~/extract-feed/feed.server";
import { createToken } from "~/extract-feed/tokens.server";
import { uploadsDirectory } from "~/import/upload-jobs.server";
import { startApp, type RunningApp } from "../helpers/app-server";
import { demoCredentials, signInOverHttp } from "../helpers/http-sign-in";
import { tempDatabase } from "../helpers/temp-db";
import { runToday } from "../helpers/today";
import { loadWorkedExample } from "../helpers/worked-example";

let app: RunningApp;
let connection: Connection;
let adminCookie: string;
let adminUserId: number;
/** Made on the administration page, as an administrator would. */
let token: string;
let tokenId: number;

const today = runToday();
const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const HEADER = "LA Person Unique Identifier,Event Type,Event Reference,Event Start Date,Team";
const extract = (...refs: string[]) => [HEADER, ...refs.map((ref, i) => `FEED-P${i},Request,${ref},${ddmmyyyy(addDays(today, -20))},North Locality`)].join("\r\n") + "\r\n";

const one = <T>(query: string, ...params: unknown[]) =>
  connection.sqlite
    .prepare(query)
    .pluck()
    .get(...params) as T;
const loadsOnRecord = () => one<number>("select count(*) from import_runs");

interface Answer {
  status: number;
  headers: Headers;
  json: Record<string, unknown>;
}

async function api(pathAndQuery: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  const response = await fetch(`${app.url}${pathAndQuery}`, { method: init.method ?? "GET", redirect: "manual", headers: init.headers, body: init.body });
  const text = await response.text();
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error(`${init.method ?? "GET"} ${pathAndQuery} answered ${response.status} with no JSON: ${text.slice(0, 300)}`);
  }
  return { status: response.status, headers: response.headers, json };
}

const bearer = (secret = token) => ({ Authorization: `Bearer ${secret}` });
const post = (body: string, headers: Record<string, string> = {}, query = "") =>
  api(`/api/extracts${query}`, { method: "POST", headers: { ...bearer(), "Content-Type": "text/csv", ...headers }, body });

/** Expects a refusal: its status, a JSON error saying `words`, never cached, and nothing loaded. */
async function refused(answer: Promise<Answer>, status: number, words: RegExp) {
  const before = loadsOnRecord();
  const got = await answer;
  expect(got.status, JSON.stringify(got.json)).toBe(status);
  expect(got.json.error).toMatch(words);
  expect(Object.keys(got.json)).toEqual(["error"]);
  expect(got.headers.get("cache-control")).toBe("no-store");
  expect(got.headers.get("content-type")).toMatch(/^application\/json/);
  expect(loadsOnRecord()).toBe(before);
  return got;
}

/** Polls a load's address until it has finished. */
async function finished(url: string, secret = token): Promise<Record<string, unknown>> {
  for (let i = 0; i < 600; i += 1) {
    const got = await api(url, { headers: bearer(secret) });
    expect(got.status, JSON.stringify(got.json)).toBe(200);
    expect(got.headers.get("cache-control")).toBe("no-store");
    if (got.json.state !== "running") return got.json;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The load at ${url} did not finish`);
}

async function makeTokenOnThePage(name: string, expiresOn: string) {
  const [year, month, day] = expiresOn.split("-");
  const response = await fetch(`${app.url}/admin/integration-tokens`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: app.url, Cookie: adminCookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ intent: "create", name, "expiresOn-day": day!, "expiresOn-month": month!, "expiresOn-year": year! }),
  });
  return { status: response.status, html: await response.text() };
}

/**
 * A POST whose Content-Length promises `bytes` but which sends one extract's line and waits: an answer
 * comes only if the server answers without reading the body (else the test times out).
 */
async function promisedBody(bytes: number): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${app.url}/api/extracts`, { method: "POST", headers: { ...bearer(), "Content-Type": "text/csv", "Content-Length": String(bytes) } });
    request.on("response", (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => (text += chunk.toString()));
      response.on("end", () => {
        request.destroy();
        resolve({ status: response.statusCode!, body: text, headers: response.headers });
      });
    });
    request.on("error", reject);
    request.write(extract("FEED-NO"));
  });
}

beforeAll(async () => {
  app = await startApp();
  connection = openDatabase(app.databasePath);
  const [email, password] = demoCredentials("admin");
  adminCookie = await signInOverHttp(app.url, email, password);
  adminUserId = one<number>("select id from users where email = ?", email);
  const made = await makeTokenOnThePage("Mosaic nightly extract", addDays(today, 90));
  expect(made.status).toBe(200);
  token = /<code id="new-token"[^>]*>(primed_[A-Za-z0-9_-]{43})<\/code>/.exec(made.html)![1]!;
  tokenId = one<number>("select id from integration_tokens where name = 'Mosaic nightly extract'");
});

afterAll(async () => {
  connection?.close();
  await app?.stop();
});

describe("an integration token", () => {
  it("is shown once, and only its SHA-256 hash is kept; its making is audited without it", async () => {
    expect(one<string>("select token_hash from integration_tokens where id = ?", tokenId)).toBe(createHash("sha256").update(token).digest("hex"));
    const everything =
      JSON.stringify(connection.sqlite.prepare("select * from audit_log").all()) + JSON.stringify(connection.sqlite.prepare("select * from integration_tokens").all());
    expect(everything).not.toContain(token);
    expect(one<string>("select after from audit_log where entity = 'integration_token' and action = 'create' and entity_id = ?", String(tokenId))).toContain(
      "Mosaic nightly extract",
    );
    const page = await fetch(`${app.url}/admin/integration-tokens`, { headers: { Cookie: adminCookie } });
    const html = await page.text();
    expect(html).toContain("Mosaic nightly extract");
    expect(html).not.toContain(token);
  });

  it("cannot be made to last more than a year, or without a name", async () => {
    const tooLong = await makeTokenOnThePage("Too long", addDays(today, 400));
    expect(tooLong.status).toBe(400);
    expect(tooLong.html).toMatch(/at most a year ahead/);
    const nameless = await makeTokenOnThePage("", addDays(today, 30));
    expect(nameless.status).toBe(400);
    expect(nameless.html).toMatch(/Enter a name/);
    expect(one<number>("select count(*) from integration_tokens")).toBe(1);
  });

  it("opens no page: pages read only the session cookie", async () => {
    for (const page of ["/", "/admin", "/admin/imports", "/admin/integration-tokens", "/teams", "/teams/north-locality", "/my-work", "/metrics", "/account/calendar"]) {
      const response = await fetch(`${app.url}${page}`, { redirect: "manual", headers: bearer() });
      expect(response.status, page).toBe(302);
      expect(response.headers.get("location"), page).toMatch(/^\/sign-in\?/);
    }
    // Nor a page's form post, from a Primed page or not.
    for (const headers of [{ Origin: app.url }, {}] as Record<string, string>[]) {
      const response = await fetch(`${app.url}/admin/imports/new`, {
        method: "POST",
        redirect: "manual",
        headers: { ...bearer(), ...headers, "Content-Type": "application/x-www-form-urlencoded" },
        body: "dryRun=on",
      });
      expect([302, 403]).toContain(response.status);
    }
  });
});

describe("POST /api/extracts refuses, loading nothing", () => {
  it("without a token, or with a malformed one: 401 with a Bearer challenge", async () => {
    for (const authorization of [undefined, "", "Bearer", "Basic YWRtaW46YWRtaW4=", `Token ${token}`, `Bearer ${token} extra`]) {
      const got = await refused(
        post(extract("FEED-NO"), authorization === undefined ? { Authorization: "" } : { Authorization: authorization }),
        401,
        /Authorization|not one Primed knows/,
      );
      expect(got.headers.get("www-authenticate")).toMatch(/^Bearer realm="Primed"/);
    }
  });

  it("with a token Primed does not know: 401, counted without the secret", async () => {
    const before = one<string | undefined>("select value from app_settings where key = 'integration_token_unknown_uses'");
    const guess = `primed_${"A".repeat(43)}`;
    const got = await refused(post(extract("FEED-NO"), bearer(guess)), 401, /not one Primed knows/);
    expect(got.headers.get("www-authenticate")).toBe('Bearer realm="Primed", error="invalid_token"');
    const after = JSON.parse(one<string>("select value from app_settings where key = 'integration_token_unknown_uses'")) as { count: number };
    expect(after.count).toBe((before ? (JSON.parse(before) as { count: number }).count : 0) + 1);
    expect(JSON.stringify(connection.sqlite.prepare("select * from app_settings").all())).not.toContain(guess);
  });

  it("with a browser's session cookie alone: 401, and the load's address too", async () => {
    await refused(
      api("/api/extracts", { method: "POST", headers: { Cookie: adminCookie, Origin: app.url, "Content-Type": "text/csv" }, body: extract("FEED-NO") }),
      401,
      /Authorization/,
    );
    await refused(api(`/api/extracts/${"0".repeat(24)}`, { headers: { Cookie: adminCookie } }), 401, /Authorization/);
  });

  it("in the wrong content type: 415, saying what is accepted", async () => {
    await refused(post(extract("FEED-NO"), { "Content-Type": "text/plain" }), 415, /text\/csv \(or application\/octet-stream\)/);
    await refused(post(extract("FEED-NO"), { "Content-Type": "application/x-www-form-urlencoded" }), 415, /text\/csv/);
    await refused(post(extract("FEED-NO"), { "Content-Type": "multipart/form-data; boundary=x" }), 415, /text\/csv/);
  });

  it("with bad options: 400 naming the option", async () => {
    await refused(post(extract("FEED-NO"), {}, "?dryRun=maybe"), 400, /The option dryRun must be true or false, not "maybe"/);
    await refused(post(extract("FEED-NO"), {}, "?skipInvalid=1"), 400, /The option skipInvalid must be true or false/);
    await refused(post(extract("FEED-NO"), {}, "?force=true"), 400, /"force" is not an option.*dryRun, skipInvalid and createMissing/);
    await refused(post(extract("FEED-NO"), {}, "?dryRun=true&dryRun=false"), 400, /The option dryRun is given 2 times/);
    await refused(post(extract("FEED-NO"), {}, "?fileName=..%2Fetc%2Fpasswd"), 400, /The option fileName must be a file's name/);
  });

  it("with an empty body: 400", async () => {
    await refused(post(""), 400, /body is empty/);
  });

  it("with a body over the limit, said up front by its Content-Length: 413, without reading it", async () => {
    const before = loadsOnRecord();
    const { status, body, headers } = await promisedBody(501 * 1024 * 1024);
    expect(status).toBe(413);
    expect(JSON.parse(body)).toEqual({ error: expect.stringMatching(/larger than 500 MB/) });
    expect(headers["cache-control"]).toBe("no-store");
    expect(loadsOnRecord()).toBe(before);
  });

  it("while another load runs: 409, before reading the body", async () => {
    // Another load holds the one-at-a-time lock (a live process: this test's), between taking it and writing its job.
    connection.sqlite
      .prepare("insert into app_settings (key, value) values ('upload_load', ?)")
      .run(JSON.stringify({ jobId: "f".repeat(24), fileName: "monday.csv", startedBy: "Sam Admin", pids: [process.pid] }));
    try {
      await refused(post(extract("FEED-NO")), 409, /monday\.csv is loading now \(started by Sam Admin\)/);
      // Answered before the body is read: a body that promises 10 MB and sends a line is refused all the same.
      const early = await promisedBody(10 * 1024 * 1024);
      expect(early.status).toBe(409);
      expect(JSON.parse(early.body)).toEqual({ error: expect.stringMatching(/monday\.csv is loading now/) });
    } finally {
      connection.sqlite.prepare("delete from app_settings where key = 'upload_load'").run();
    }
    // Nothing left behind: no upload kept, no lock.
    const uploads = uploadsDirectory(app.databasePath);
    expect(fs.existsSync(uploads) ? fs.readdirSync(uploads).filter((id) => !fs.existsSync(path.join(uploads, id, "job.json"))) : []).toEqual([]);
  });

  it("to the wrong method: 405 with what is allowed", async () => {
    const got = await refused(api("/api/extracts", { headers: bearer() }), 405, /POST the extract to \/api\/extracts/);
    expect(got.headers.get("allow")).toBe("POST");
    const put = await refused(api(`/api/extracts/${"0".repeat(24)}`, { method: "POST", headers: bearer() }), 405, /takes GET only/);
    expect(put.headers.get("allow")).toBe("GET");
  });
});

describe("a load through the feed", () => {
  it("answers 202 with its address, then its progress and report there; its work then shows", async () => {
    const started = await post(extract("FEED-1", "FEED-2", "FEED-3"), {}, "?fileName=mosaic-nightly.csv");
    expect(started.status, JSON.stringify(started.json)).toBe(202);
    expect(started.headers.get("cache-control")).toBe("no-store");
    const url = started.json.url as string;
    expect(url).toMatch(/^\/api\/extracts\/[0-9a-f]{24}$/);
    expect(started.headers.get("location")).toBe(url);
    expect(started.json).toMatchObject({ fileName: "mosaic-nightly.csv", state: "running", choices: { dryRun: false, skipInvalid: false, createMissing: false } });

    const done = await finished(url);
    expect(done).toMatchObject({
      state: "finished",
      failure: null,
      progress: { percent: 100, phase: "Finished", rowsRead: 3 },
      report: { status: "loaded", added: 3, rowsRead: 3, problemCount: 0, problems: [] },
    });
    expect(JSON.stringify(done)).not.toContain(path.dirname(app.databasePath));
    expect(one<number>("select count(*) from work_items where source_ref like 'FEED-%'")).toBe(3);
    // In the import history, under the token's name, and on the audit trail.
    expect(connection.sqlite.prepare("select file_name, status, actor from import_runs order by id desc limit 1").get()).toEqual({
      file_name: "mosaic-nightly.csv",
      status: "loaded",
      actor: "Integration token “Mosaic nightly extract”",
    });
    const history = await (await fetch(`${app.url}/admin/imports`, { headers: { Cookie: adminCookie } })).text();
    expect(history).toContain("mosaic-nightly.csv");
    expect(one<string>("select after from audit_log where action = 'start_load' and entity_id = ? order by id desc", String(tokenId))).toContain(url.split("/").pop()!);
    expect(one<string | null>("select last_used_at from integration_tokens where id = ?", tokenId)).not.toBeNull();
  });

  it("gives a dry run's problems as the upload page does, changing nothing", async () => {
    const bad = `${HEADER}\r\nFEED-P9,Request,FEED-BAD,31/02/2026,North Locality\r\n`;
    const started = await post(bad, { "Content-Type": "application/octet-stream" }, "?dryRun=true");
    expect(started.status, JSON.stringify(started.json)).toBe(202);
    const done = await finished(started.json.url as string);
    expect(done).toMatchObject({ state: "finished", choices: { dryRun: true }, report: { status: "refused", problemCount: 1 } });
    const [problem] = (done.report as { problems: { row: number; column: string; value: string; problem: string }[] }).problems;
    expect(problem).toMatchObject({ row: 2, column: "Event Start Date", value: "31/02/2026", problem: expect.stringMatching(/not a real date/) });
    expect(one<number>("select count(*) from work_items where source_ref = 'FEED-BAD'")).toBe(0);
  });

  it("is read only with the token that started it: another token's, the upload page's or an unknown load is a 404", async () => {
    const started = await post(extract("FEED-4"), {}, "?dryRun=true");
    expect(started.status).toBe(202);
    const url = started.json.url as string;
    await finished(url);
    const other = createToken(connection.db, { kind: "user", userId: adminUserId, email: "admin" }, { name: "Another job", expiresOn: addDays(today, 10) }, today);
    if (!other.ok) throw new Error("no token");
    await refused(api(url, { headers: bearer(other.value.secret) }), 404, /no load at this address for this token/);
    await refused(api(`/api/extracts/${"0".repeat(24)}`, { headers: bearer() }), 404, /no load at this address/);
    await refused(api("/api/extracts/not-a-load", { headers: bearer() }), 404, /no load at this address/);

    // A load started on the upload page, by an administrator.
    const form = new FormData();
    form.append("extract", new Blob([extract("FEED-5")], { type: "text/csv" }), "by-hand.csv");
    form.append("dryRun", "on");
    const upload = await fetch(`${app.url}/admin/imports/new`, { method: "POST", redirect: "manual", headers: { Origin: app.url, Cookie: adminCookie }, body: form });
    expect(upload.status).toBe(302);
    const pageJob = upload.headers.get("location")!.split("/").pop()!;
    await refused(api(`/api/extracts/${pageJob}`, { headers: bearer() }), 404, /no load at this address for this token/);
    // The administrator still sees the feed's load on the upload page's own address.
    const page = await fetch(`${app.url}/admin/imports/uploads/${url.split("/").pop()}`, { headers: { Cookie: adminCookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("integration token “Mosaic nightly extract”");
    for (let i = 0; i < 300; i += 1) {
      const status = await (await fetch(`${app.url}/admin/imports/uploads/${pageJob}`, { headers: { Cookie: adminCookie } })).text();
      if (!status.includes('id="load-progress"')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
});

describe("an expired or revoked token", () => {
  it("is refused once past its last day: 401, counted on it and audited", async () => {
    const made = createToken(connection.db, { kind: "user", userId: adminUserId, email: "admin" }, { name: "Last year's job", expiresOn: addDays(today, -1) }, addDays(today, -30));
    if (!made.ok) throw new Error("no token");
    const got = await refused(post(extract("FEED-OLD"), bearer(made.value.secret)), 401, /expired at the end of/);
    expect(got.headers.get("www-authenticate")).toMatch(/error="invalid_token"/);
    expect(one<number>("select refused_uses from integration_tokens where id = ?", made.value.id)).toBe(1);
    expect(one<number>("select count(*) from audit_log where action = 'refused_expired' and entity_id = ?", String(made.value.id))).toBe(1);
    // Its last day itself still works.
    const lastDay = createToken(connection.db, { kind: "user", userId: adminUserId, email: "admin" }, { name: "Today's job", expiresOn: today }, addDays(today, -30));
    if (!lastDay.ok) throw new Error("no token");
    await refused(api(`/api/extracts/${"0".repeat(24)}`, { headers: bearer(lastDay.value.secret) }), 404, /no load/);
  });

  it("stops working once revoked on the administration page, and the revocation is audited", async () => {
    const made = await makeTokenOnThePage("To revoke", addDays(today, 30));
    const secret = /<code id="new-token"[^>]*>(primed_[A-Za-z0-9_-]{43})<\/code>/.exec(made.html)![1]!;
    const id = one<number>("select id from integration_tokens where name = 'To revoke'");
    const started = await post(extract("FEED-6"), bearer(secret), "?dryRun=true");
    expect(started.status).toBe(202);
    await finished(started.json.url as string, secret);
    const revoke = await fetch(`${app.url}/admin/integration-tokens`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: app.url, Cookie: adminCookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "revoke", id: String(id) }),
    });
    expect(revoke.status).toBe(302);
    expect(one<number>("select count(*) from audit_log where entity = 'integration_token' and action = 'revoke' and entity_id = ?", String(id))).toBe(1);
    await refused(post(extract("FEED-7"), bearer(secret)), 401, /has been revoked/);
    // Its own load's address closes with it.
    await refused(api(started.json.url as string, { headers: bearer(secret) }), 401, /has been revoked/);
    expect(one<number>("select refused_uses from integration_tokens where id = ?", id)).toBe(2);
    expect(one<number>("select count(*) from work_items where source_ref = 'FEED-7'")).toBe(0);
  });
});

describe("the body, as it streams (on a database of its own)", () => {
  it("stops reading past the limit, even with no Content-Length: 413, the lock given back, nothing kept", async () => {
    const database = tempDatabase();
    try {
      loadWorkedExample(database.db);
      let pulled = 0;
      const endless = new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled += 1024;
          controller.enqueue(new Uint8Array(1024).fill(65));
        },
      });
      const request = new Request("http://primed.invalid/api/extracts", { method: "POST", headers: { "Content-Type": "text/csv" }, body: endless, duplex: "half" } as RequestInit);
      const answer = await startFeedLoad({ db: database.db, databasePath: database.file, actor: { kind: "token", tokenId: 1, name: "Test" }, request, today, maxBytes: 10 * 1024 });
      expect(answer).toMatchObject({ status: 413, body: { error: expect.stringMatching(/larger than 500 MB/) }, headers: { Connection: "close" } });
      expect(pulled).toBeLessThan(64 * 1024);
      expect(database.sqlite.prepare("select count(*) from app_settings where key = 'upload_load'").pluck().get()).toBe(0);
      expect(fs.readdirSync(uploadsDirectory(database.file))).toEqual([]);
      expect(database.sqlite.prepare("select count(*) from import_runs").pluck().get()).toBe(0);
    } finally {
      database.remove();
    }
  });
});

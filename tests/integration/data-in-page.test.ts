/*
 * A page's data text in the page itself, over HTTP (app/http/sent-in-page.server.ts):
 * a page the browser asks for whole holds its data in an element of its own,
 * escaped so nothing in it can end the element, and Remix's data for the
 * page carries only its id; the same data asked for alone (`.data`, as the
 * browser's Remix asks after a click) still carries the text. The kept parts
 * joined into the page as bytes (app/http/kept-bytes.server.ts) leave no
 * stand-in behind.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { teams } from "../../db/schema";
import { demoCouncilDatabase } from "../helpers/temp-db";
import { startApp, type RunningApp } from "../helpers/app-server";
import { demoCredentials, signInOverHttp } from "../helpers/http-sign-in";
import { runToday } from "../helpers/today";

const HOSTILE = "North </script><script>alert(1)</script> <!-- Locality";
let app: RunningApp;
let dir: { remove(): void };
let cookie: string;
let slug: string;

beforeAll(async () => {
  const database = await demoCouncilDatabase(runToday());
  const team = database.db.select().from(teams).where(eq(teams.type, "locality")).get()!;
  database.db.update(teams).set({ name: HOSTILE }).where(eq(teams.id, team.id)).run();
  slug = team.slug;
  database.close();
  dir = database;
  app = await startApp({}, { databasePath: database.file });
  cookie = await signInOverHttp(app.url, ...demoCredentials("head_of_service"));
}, 300_000);
afterAll(async () => {
  await app?.stop();
  dir?.remove();
});

async function get(path: string) {
  const response = await fetch(`${app.url}${path}`, { headers: { Cookie: cookie } });
  expect(response.status, path).toBe(200);
  return response.text();
}

/** The page's data elements, by id, as the browser reads them. */
function dataElements(html: string): Map<string, string> {
  return new Map([...html.matchAll(/<script type="application\/json" id="(primed-data-[\w-]+)">(.*?)<\/script>/gs)].map((m) => [m[1]!, m[2]!]));
}

/** The scripts that hand Remix its data for the page. */
const remixData = (html: string) => [...html.matchAll(/<script[^>]*>window\.__remixContext\.streamController\.enqueue\((.*?)\);<\/script>/gs)].map((m) => m[1]!).join("");

describe("a page's data in the page", () => {
  for (const [name, path] of [
    ["the service overview", () => "/teams"],
    ["a team report", () => `/teams/${slug}`],
  ] as const) {
    it(`${name}: held once in its own element, with no \`<\` in it, and only named in Remix's data`, async () => {
      const html = await get(path());
      const elements = dataElements(html);
      expect(elements.size).toBe(1);
      const [id, text] = [...elements][0]!;
      expect(text).not.toContain("<");
      // The same JSON, each `<` written as its escape: the team's name read back whole.
      expect(JSON.stringify(JSON.parse(text))).toContain(JSON.stringify(HOSTILE));
      expect(remixData(html)).toContain(id);
      // Sent with the rest, the text would be the value of a key "json" there (Remix's data is JSON written in a script).
      expect(remixData(html)).not.toContain('\\"json\\"');
      // The page shows the name as text, and no stand-in for a kept part is left in it.
      expect(html).toContain("North &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &lt;!-- Locality");
      expect(html).not.toContain("primed-kept-");
      expect(html.match(/<script>alert/g)).toBeNull();
    });

    it(`${name}: asked for as data alone, the text comes with the rest, and no element is named`, async () => {
      const data = await get(`${path()}.data`);
      expect(data).not.toContain("primed-data-");
      expect(data).toContain('"json"');
      expect(data).toContain("alert(1)");
    });
  }
});

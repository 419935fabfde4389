/*
 * The calendar feed of a person's action deadlines, on the demo council's
 * database: the secret is kept only as a hash, the feed lists exactly the
 * person's open and in-progress actions on their deadlines with awkward text
 * escaped, a reset stops the old address, turning it off stops it, a
 * deactivated person's feed stops, and the audit trail never holds the secret.
 */
import { createHash } from "node:crypto";
import { and, asc, eq, gt, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actions, auditLog, calendarFeeds, teams, users, type ActionStatus } from "../../db/schema";
import { feedActions, feedOf, feedOwnerBySecret, feedSecretSchema, feedUrl, makeFeedSecret, removeFeed } from "~/calendar-feed/feeds.server";
import { CALENDAR_NAME, deadlinesCalendar } from "~/calendar-feed/ical.server";
import { demoCouncilDatabase, type tempDatabase } from "../helpers/temp-db";

const TODAY = "2026-11-22";
const ORIGIN = "https://primed.council.example";
let database: ReturnType<typeof tempDatabase>;
let practitioner: { id: number; email: string };
let manager: { id: number; email: string };
let north: { id: number; name: string };
const awkwardTitle = "Visit Mrs A, Mr B; and C\nthen write up";
const awkwardDetail = "Agree cover with the duty team; check the rota, then tell Sam.\nA second line: \\ and all.";

beforeAll(async () => {
  database = await demoCouncilDatabase(TODAY);
  const userBy = (email: string) => database.db.select({ id: users.id, email: users.email }).from(users).where(eq(users.email, email)).get()!;
  practitioner = userBy("practitioner@northbrook.example");
  manager = userBy("manager@northbrook.example");
  north = database.db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.slug, "north-locality")).get()!;
  const action = (ownerUserId: number, title: string, deadline: string, status: ActionStatus, detail = "") => ({
    teamId: north.id,
    title,
    detail,
    ownerUserId,
    deadline,
    status,
    month: "2026-10",
    createdByUserId: manager.id,
    createdAt: "2026-11-02T09:00:00.000Z",
    updatedAt: "2026-11-03T10:30:00.000Z",
  });
  database.db
    .insert(actions)
    .values([
      action(practitioner.id, awkwardTitle, "2026-12-03", "open", awkwardDetail),
      action(practitioner.id, "Review the waiting list with the senior practitioner", "2026-12-31", "in_progress"),
      action(practitioner.id, "Chase the overdue carer's assessment", "2026-11-10", "open"),
      action(practitioner.id, "Already done", "2026-11-15", "done"),
      action(practitioner.id, "No longer needed", "2026-11-16", "dropped"),
      action(manager.id, "The manager's own action", "2026-12-01", "open"),
    ])
    .run();
});
afterAll(() => database?.remove());

const lastAuditId = () => database.db.select({ id: auditLog.id }).from(auditLog).orderBy(asc(auditLog.id)).all().at(-1)?.id ?? 0;
const auditSince = (id: number) => database.db.select().from(auditLog).where(gt(auditLog.id, id)).orderBy(asc(auditLog.id)).all();
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
/** The person's open and in-progress actions, straight from the table: the demo council's and those added here. */
const openActionsOf = (ownerUserId: number) =>
  database.db
    .select()
    .from(actions)
    .where(and(eq(actions.ownerUserId, ownerUserId), inArray(actions.status, ["open", "in_progress"])))
    .orderBy(asc(actions.deadline), asc(actions.id))
    .all();

/** A calendar's events as a client reads them: lines unfolded, text unescaped. */
function eventsOf(ics: string): Record<string, string>[] {
  const lines = ics.replace(/\r\n[ \t]/g, "").split("\r\n");
  const events: Record<string, string>[] = [];
  let event: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === "BEGIN:VEVENT") event = {};
    else if (line === "END:VEVENT") {
      events.push(event!);
      event = null;
    } else if (event) {
      const colon = line.indexOf(":");
      event[line.slice(0, colon)] = line.slice(colon + 1).replace(/\\([\\;,nN])/g, (_all, c: string) => (c === "n" || c === "N" ? "\n" : c));
    }
  }
  return events;
}

/** What the owner's feed shows now, by the secret, as the feed's address would answer it. */
function feedBySecret(secret: string): string | null {
  const owner = feedOwnerBySecret(database.db, secret);
  return owner ? deadlinesCalendar(feedActions(database.db, owner.id), ORIGIN) : null;
}

let firstSecret: string;

describe("making a feed", () => {
  it("gives a secret once and keeps only its SHA-256 hash", () => {
    expect(feedOf(database.db, practitioner.id)).toBeNull();
    const since = lastAuditId();
    const made = makeFeedSecret(database.db, practitioner, new Date("2026-11-22T09:00:00Z"));
    expect(made.reset).toBe(false);
    firstSecret = made.secret;
    expect(feedSecretSchema.safeParse(firstSecret).success).toBe(true);
    expect(feedUrl(ORIGIN, firstSecret)).toBe(`${ORIGIN}/calendar/${firstSecret}.ics`);
    const row = database.db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, practitioner.id)).get()!;
    expect(row).toEqual({ userId: practitioner.id, tokenHash: sha256(firstSecret), createdAt: "2026-11-22T09:00:00.000Z" });
    expect(feedOf(database.db, practitioner.id)).toEqual({ createdAt: "2026-11-22T09:00:00.000Z" });
    expect(auditSince(since)).toMatchObject([{ action: "create", entity: "calendar_feed", entityId: String(practitioner.id), actor: practitioner.email, before: null }]);
  });

  it("finds the owner by the secret, and nobody by a near miss or by the stored hash itself", () => {
    expect(feedOwnerBySecret(database.db, firstSecret)).toEqual({ id: practitioner.id });
    const nearMiss = `${firstSecret.slice(0, -1)}${firstSecret.endsWith("A") ? "B" : "A"}`;
    expect(feedOwnerBySecret(database.db, nearMiss)).toBeNull();
    expect(feedOwnerBySecret(database.db, sha256(firstSecret))).toBeNull();
  });

  it("accepts only the secret's own shape", () => {
    for (const malformed of ["", "short", `${firstSecret}x`, `${firstSecret.slice(0, 42)}/`, `${firstSecret.slice(0, 42)}=`]) {
      expect(feedSecretSchema.safeParse(malformed).success, malformed).toBe(false);
    }
  });
});

describe("the feed", () => {
  it("is a calendar named for Primed with a product id and a refresh hint", () => {
    const ics = feedBySecret(firstSecret)!;
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(ics.trimEnd().endsWith("END:VCALENDAR")).toBe(true);
    expect(ics).toContain("PRODID:-//Primed//Action deadlines//EN\r\n");
    expect(ics).toContain(`X-WR-CALNAME:${CALENDAR_NAME}\r\n`);
    expect(ics).toContain("REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n");
    expect(ics).toContain("X-PUBLISHED-TTL:PT1H\r\n");
    // Every line folded to 75 octets, as RFC 5545 requires.
    for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it("lists exactly the owner's open and in-progress actions, each an all-day event on its deadline", () => {
    const expected = openActionsOf(practitioner.id);
    const events = eventsOf(feedBySecret(firstSecret)!);
    expect(events.map((e) => e.UID)).toEqual(expected.map((a) => `action-${a.id}@primed`));
    expect(events.map((e) => e.SUMMARY)).toEqual(expected.map((a) => `Action due: ${a.title}`));
    expect(events.map((e) => e["DTSTART;VALUE=DATE"])).toEqual(expected.map((a) => a.deadline.replaceAll("-", "")));
    expect(events.map((e) => e["URL;VALUE=URI"])).toEqual(expected.map((a) => `${ORIGIN}/actions/${a.id}`));
    const summaries = events.map((e) => e.SUMMARY);
    for (const left of ["Already done", "No longer needed", "The manager's own action"]) expect(summaries).not.toContain(`Action due: ${left}`);
  });

  it("ends each event the day after its deadline, across a month and a year end, stamped with the action's last change", () => {
    const events = eventsOf(feedBySecret(firstSecret)!);
    const added = [awkwardTitle, "Review the waiting list with the senior practitioner", "Chase the overdue carer's assessment"].map((title) =>
      events.find((e) => e.SUMMARY === `Action due: ${title}`)!,
    );
    expect(added.map((e) => [e["DTSTART;VALUE=DATE"], e["DTEND;VALUE=DATE"]])).toEqual([
      ["20261203", "20261204"],
      ["20261231", "20270101"],
      ["20261110", "20261111"],
    ]);
    expect(added.map((e) => e.DTSTAMP)).toEqual(["20261103T103000Z", "20261103T103000Z", "20261103T103000Z"]);
  });

  it("escapes commas, semicolons, backslashes and line breaks, and reads back as written", () => {
    const ics = feedBySecret(firstSecret)!;
    expect(ics.replace(/\r\n[ \t]/g, "")).toContain("SUMMARY:Action due: Visit Mrs A\\, Mr B\\; and C\\nthen write up\r\n");
    const event = eventsOf(ics).find((e) => e.SUMMARY === `Action due: ${awkwardTitle}`)!;
    const action = database.db.select().from(actions).where(eq(actions.title, awkwardTitle)).get()!;
    expect(event.DESCRIPTION).toBe(`Team: ${north.name}\n\nStatus: Open\n\n${awkwardDetail}\n\nOpen it in Primed: ${ORIGIN}/actions/${action.id}`);
  });

  it("leaves out control characters pasted into a title or detail, which a calendar would refuse the whole feed for", () => {
    const ics = deadlinesCalendar(
      [
        {
          id: 1,
          title: "Tab\there, vertical\u000btab, form\u000cfeed",
          detail: "Bell\u0007 and escape\u001b[0m and delete\u007f",
          teamName: "North",
          status: "open",
          deadline: "2026-12-01",
          updatedAt: "2026-11-22T09:00:00Z",
        },
      ],
      ORIGIN,
    );
    expect(ics).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
    const [event] = eventsOf(ics);
    expect(event!.SUMMARY).toBe("Action due: Tab\there, verticaltab, formfeed");
    expect(event!.DESCRIPTION).toContain("Bell and escape[0m and delete\n");
  });

  it("says when an action is in progress, and leaves out a detail that was never written", () => {
    const event = eventsOf(feedBySecret(firstSecret)!).find((e) => e.SUMMARY?.startsWith("Action due: Review the waiting list"))!;
    expect(event.DESCRIPTION).toMatch(new RegExp(`^Team: ${north.name}\\n\\nStatus: In progress\\n\\nOpen it in Primed: `));
  });

  it("drops an action once it is done", () => {
    const before = eventsOf(feedBySecret(firstSecret)!);
    database.db.update(actions).set({ status: "done" }).where(eq(actions.title, "Chase the overdue carer's assessment")).run();
    const after = eventsOf(feedBySecret(firstSecret)!);
    expect(after).toHaveLength(before.length - 1);
    expect(after.map((e) => e.SUMMARY)).not.toContain("Action due: Chase the overdue carer's assessment");
  });
});

let secondSecret: string;

describe("resetting and turning off", () => {
  it("a reset replaces the secret: the old address stops, the new one works", () => {
    const since = lastAuditId();
    const made = makeFeedSecret(database.db, practitioner, new Date("2026-11-22T11:00:00Z"));
    expect(made.reset).toBe(true);
    secondSecret = made.secret;
    expect(secondSecret).not.toBe(firstSecret);
    expect(feedBySecret(firstSecret)).toBeNull();
    expect(eventsOf(feedBySecret(secondSecret)!)).toHaveLength(openActionsOf(practitioner.id).length);
    expect(database.db.select().from(calendarFeeds).all()).toHaveLength(1);
    const [row] = auditSince(since);
    expect(row).toMatchObject({ action: "reset", entity: "calendar_feed", entityId: String(practitioner.id) });
    expect(JSON.parse(row!.before!)).toEqual({ createdAt: "2026-11-22T09:00:00.000Z" });
    expect(JSON.parse(row!.after!)).toEqual({ createdAt: "2026-11-22T11:00:00.000Z" });
  });

  it("each person's feed is their own", () => {
    const managers = makeFeedSecret(database.db, manager).secret;
    expect(eventsOf(feedBySecret(managers)!).map((e) => e.UID)).toEqual(openActionsOf(manager.id).map((a) => `action-${a.id}@primed`));
    expect(eventsOf(feedBySecret(managers)!).map((e) => e.SUMMARY)).toContain("Action due: The manager's own action");
    expect(eventsOf(feedBySecret(secondSecret)!).map((e) => e.SUMMARY)).not.toContain("Action due: The manager's own action");
  });

  it("stops for a deactivated person, and works again when they are reactivated", () => {
    database.db.update(users).set({ active: false }).where(eq(users.id, practitioner.id)).run();
    expect(feedBySecret(secondSecret)).toBeNull();
    database.db.update(users).set({ active: true }).where(eq(users.id, practitioner.id)).run();
    expect(feedBySecret(secondSecret)).not.toBeNull();
  });

  it("turning it off stops the address; turning off again changes nothing", () => {
    const since = lastAuditId();
    expect(removeFeed(database.db, practitioner, new Date("2026-11-22T12:00:00Z"))).toBe(true);
    expect(feedBySecret(secondSecret)).toBeNull();
    expect(feedOf(database.db, practitioner.id)).toBeNull();
    expect(auditSince(since)).toMatchObject([{ action: "remove", entity: "calendar_feed", entityId: String(practitioner.id), after: null }]);
    expect(removeFeed(database.db, practitioner)).toBe(false);
    expect(auditSince(since)).toHaveLength(1);
  });

  it("never writes a secret or its hash to the audit trail", () => {
    const trail = JSON.stringify(database.db.select().from(auditLog).where(eq(auditLog.entity, "calendar_feed")).all());
    expect(JSON.parse(trail)).toHaveLength(4);
    for (const secret of [firstSecret, secondSecret]) {
      expect(trail).not.toContain(secret);
      expect(trail).not.toContain(sha256(secret));
    }
  });
});

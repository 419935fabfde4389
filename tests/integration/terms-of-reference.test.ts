/*
 * Meeting terms of reference on a real database: Primed's own until an
 * administrator saves some, saved cleaned with an audit entry holding before
 * and after, and bad input refused without changing anything.
 */
import { asc, eq, gt } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, meetingTemplates, teamTypes, users } from "../../db/schema";
import { defaultTermsOfReference } from "~/meetings/terms-of-reference";
import { listTermsOfReference, saveTermsOfReference, termsOfReferenceFor } from "~/meetings/terms-of-reference.server";
import { tempDatabase } from "../helpers/temp-db";

let database: ReturnType<typeof tempDatabase>;
let admin: { id: number; email: string; name: string };

beforeAll(() => {
  database = tempDatabase();
  const at = "2026-11-01T09:00:00.000Z";
  admin = database.db
    .insert(users)
    .values({ email: "admin@council.example", name: "Ada Admin", role: "admin", passwordHash: "not used", createdAt: at })
    .returning({ id: users.id, email: users.email, name: users.name })
    .get();
});
afterAll(() => database?.remove());

const lastAuditId = () => database.db.select({ id: auditLog.id }).from(auditLog).orderBy(asc(auditLog.id)).all().at(-1)?.id ?? 0;
const auditSince = (id: number) => database.db.select().from(auditLog).where(gt(auditLog.id, id)).orderBy(asc(auditLog.id)).all();

const reviewingForm = {
  purpose: "  To keep planned reviews on time.\r\nAnd to learn from them.  ",
  chair: "The reviewing team manager.",
  decisions: "The order overdue reviews are followed up.",
  escalates: "A backlog we cannot clear.",
  standingItems: "  Reviews due and overdue \r\n\r\nWhat reviews led to\n",
};
const savedReviewing = {
  purpose: "To keep planned reviews on time.\nAnd to learn from them.",
  chair: "The reviewing team manager.",
  decisions: "The order overdue reviews are followed up.",
  escalates: "A backlog we cannot clear.",
  standingItems: ["Reviews due and overdue", "What reviews led to"],
};

describe("before any administrator has saved", () => {
  it("every team type has Primed's own terms, named in the team type's words", () => {
    const list = listTermsOfReference(database.db);
    expect(list.map((t) => t.teamType)).toEqual([...teamTypes]);
    for (const terms of list) {
      expect(terms).toMatchObject({ ...defaultTermsOfReference[terms.teamType], isDefault: true, updatedBy: null, updatedAt: null });
    }
    expect(termsOfReferenceFor(database.db, "front_door").label).toBe("Front door / contact centre");
  });
});

describe("saving", () => {
  it("stores the terms cleaned, says who changed them and when, and audits before and after", () => {
    const since = lastAuditId();
    const result = saveTermsOfReference(database.db, admin, "reviewing", reviewingForm, new Date("2026-11-22T10:00:00Z"));
    expect(result).toEqual({
      ok: true,
      terms: { teamType: "reviewing", label: "Reviewing", ...savedReviewing, isDefault: false, updatedBy: "Ada Admin", updatedAt: "2026-11-22T10:00:00.000Z" },
    });
    expect(termsOfReferenceFor(database.db, "reviewing")).toEqual(result.ok && result.terms);
    expect(JSON.parse(database.db.select().from(meetingTemplates).where(eq(meetingTemplates.teamType, "reviewing")).get()!.standingItems)).toEqual(savedReviewing.standingItems);

    const rows = auditSince(since);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "update", entity: "meeting_template", entityId: "reviewing", actor: admin.email, actorUserId: admin.id });
    const { standingItems, ...paragraphs } = defaultTermsOfReference.reviewing;
    expect(JSON.parse(rows[0]!.before!)).toEqual({ ...paragraphs, standingItems: [...standingItems], isDefault: true });
    expect(JSON.parse(rows[0]!.after!)).toEqual(savedReviewing);
  });

  it("changes only that team type", () => {
    expect(termsOfReferenceFor(database.db, "locality").isDefault).toBe(true);
  });

  it("replaces the saved terms on a second save, and audits the change from the first", () => {
    const since = lastAuditId();
    const result = saveTermsOfReference(database.db, admin, "reviewing", { ...reviewingForm, chair: "The senior practitioner." });
    expect(result.ok && result.terms.chair).toBe("The senior practitioner.");
    const [row] = auditSince(since);
    expect(JSON.parse(row!.before!)).toEqual({ ...savedReviewing, isDefault: false });
    expect(JSON.parse(row!.after!)).toEqual({ ...savedReviewing, chair: "The senior practitioner." });
    expect(database.db.select().from(meetingTemplates).all()).toHaveLength(1);
  });
});

describe("refusing bad input", () => {
  it("names each problem on its field, and changes nothing", () => {
    const since = lastAuditId();
    const before = termsOfReferenceFor(database.db, "reviewing");
    const result = saveTermsOfReference(database.db, admin, "reviewing", {
      ...reviewingForm,
      purpose: "   ",
      standingItems: "Figures\nFollow-up of actions open from previous meetings",
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        purpose: "Enter the purpose of the meeting",
        standingItems:
          "Item 2 (“Follow-up of actions open from previous meetings”) is not needed: every meeting starts with “Follow-up of the actions open from previous meetings” already",
      },
    });
    expect(termsOfReferenceFor(database.db, "reviewing")).toEqual(before);
    expect(auditSince(since)).toEqual([]);
  });

  it("refuses a form with parts missing altogether", () => {
    const result = saveTermsOfReference(database.db, admin, "mental_health", {});
    expect(result.ok).toBe(false);
    expect(Object.keys(result.ok ? {} : result.errors).sort()).toEqual(["chair", "decisions", "escalates", "purpose", "standingItems"]);
    expect(termsOfReferenceFor(database.db, "mental_health").isDefault).toBe(true);
  });
});

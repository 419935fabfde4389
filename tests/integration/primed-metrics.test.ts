/*
 * Primed Metrics against a real SQLite file: the demo's metrics, who may
 * enter values, the CSV load (all or nothing), the trajectory and the audit
 * trail of every change.
 */
import { and, asc, count, eq, gt } from "drizzle-orm";
import { actorOf } from "~/audit/audit.server";
import type { SignedInUser } from "~/people/users.server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, primedMetrics, primedMetricTrajectory, primedMetricValues, users } from "../../db/schema";
import { loadDemoCouncil } from "~/demo/load.server";
import { loadSignedInUser } from "~/people/users.server";
import { createMetric, enterValue, getMetric, listMetrics, loadValuesCsv, metricTrajectory, metricValues, replaceTrajectory, updateMetric } from "~/primed-metrics/metrics.server";
import { metricPage } from "~/primed-metrics/pages.server";
import { demoCouncilDatabase } from "../helpers/temp-db";

const TODAY = "2026-11-22";
const CURRENT = "2026-11";
let database: Awaited<ReturnType<typeof demoCouncilDatabase>>;
let head: SignedInUser;
let manager: SignedInUser;
let practitioner: SignedInUser;
let admin: SignedInUser;

const signedIn = (email: string) => loadSignedInUser(database.db, database.db.select().from(users).where(eq(users.email, email)).get()!.id)!;
const metricNamed = (name: string) => listMetrics(database.db).find((m) => m.name === name)!;
const lastAuditId = () => database.db.select({ id: auditLog.id }).from(auditLog).orderBy(asc(auditLog.id)).all().at(-1)?.id ?? 0;
const valueCount = () => database.db.select({ n: count() }).from(primedMetricValues).get()!.n;

/** Makes a change and returns it with the audit rows it wrote. */
function withAudit<T>(change: () => T) {
  const since = lastAuditId();
  const result = change();
  return { result, rows: database.db.select().from(auditLog).where(gt(auditLog.id, since)).orderBy(asc(auditLog.id)).all() };
}

function valueOf(metricId: number, month: string) {
  return database.db
    .select()
    .from(primedMetricValues)
    .where(and(eq(primedMetricValues.metricId, metricId), eq(primedMetricValues.month, month)))
    .get();
}

beforeAll(async () => {
  database = await demoCouncilDatabase(TODAY);
  head = signedIn("head@northbrook.example");
  manager = signedIn("manager@northbrook.example");
  practitioner = signedIn("practitioner@northbrook.example");
  admin = signedIn("admin@northbrook.example");
});
afterAll(() => database.remove());

describe("the demo's Primed Metrics", () => {
  it("are four metrics owned by the demo sign-ins: two counted from the data, two entered with 36 months of values; each with 12 months of trajectory", () => {
    const metrics = listMetrics(database.db);
    expect(metrics.map((m) => [m.name, m.ownerUserId, m.kind, m.countedMeasure])).toEqual([
      ["Average weekly cost of a residential placement", admin.id, "counted", "care.placement-cost.residential"],
      ["People in residential and nursing care", head.id, "counted", "care.in-residential-nursing"],
      ["Reablement: still at home after 91 days", manager.id, "entered", null],
      ["Staff pulse survey score", head.id, "entered", null],
    ]);
    for (const metric of metrics) {
      // A counted metric's values are never stored: they are counted whenever they are read.
      expect(metricValues(database.db, metric.id)).toHaveLength(metric.kind === "entered" ? 36 : 0);
      expect(metricTrajectory(database.db, metric.id)).toHaveLength(12);
    }
    // The demo's headline sentence, counted from its own services.
    const page = metricPage(database.db, metricNamed("People in residential and nursing care"), head, TODAY);
    expect(page.view.baseline?.sentence).toMatch(/^\d+ fewer people in residential and nursing care than the baseline projects \(October 2026\)/);
    expect([page.canEnterValues, page.canManage]).toEqual([false, true]);
    expect(page.counted).toMatchObject({ scope: "the whole service", wholeService: true, through: "October 2026", latest: "October 2026" });
    const pulse = metricPage(database.db, metricNamed("Staff pulse survey score"), head, TODAY);
    expect([pulse.canEnterValues, pulse.canManage, pulse.counted]).toEqual([true, true, null]);
    const asPractitioner = metricPage(database.db, metricNamed("Staff pulse survey score"), practitioner, TODAY);
    expect([asPractitioner.canEnterValues, asPractitioner.canManage]).toEqual([false, false]);
  });

  it("are replaced, not duplicated, when the demo is loaded again over them", async () => {
    const other = await demoCouncilDatabase(TODAY);
    try {
      await loadDemoCouncil(other.db, 2026, TODAY);
      expect(other.db.select({ n: count() }).from(primedMetrics).get()!.n).toBe(4);
      expect(other.db.select({ n: count() }).from(primedMetricValues).get()!.n).toBe(2 * 36);
      expect(other.db.select({ n: count() }).from(primedMetricTrajectory).get()!.n).toBe(4 * 12);
    } finally {
      other.remove();
    }
  });
});

describe("entering a month's value", () => {
  it("lets the owner enter and correct their metric's value, audited before and after", () => {
    const reablement = metricNamed("Reablement: still at home after 91 days");
    const added = withAudit(() => enterValue(database.db, manager, reablement.id, CURRENT, 84.1));
    expect(added.result).toEqual({ ok: true, change: "added" });
    expect(valueOf(reablement.id, CURRENT)).toMatchObject({ value: 84.1, enteredByUserId: manager.id });
    expect(added.rows.map((r) => [r.action, r.entity, r.entityId, r.actor, r.before, JSON.parse(r.after!)])).toEqual([
      ["add_value", "primed_metric_value", `${reablement.id}:${CURRENT}`, manager.email, null, { month: CURRENT, value: 84.1, source: "form" }],
    ]);

    const changed = withAudit(() => enterValue(database.db, manager, reablement.id, CURRENT, 83.7));
    expect(changed.result).toEqual({ ok: true, change: "changed" });
    expect(valueOf(reablement.id, CURRENT)!.value).toBe(83.7);
    expect(changed.rows).toHaveLength(1);
    expect(JSON.parse(changed.rows[0]!.before!)).toEqual({ month: CURRENT, value: 84.1 });
    expect(JSON.parse(changed.rows[0]!.after!)).toEqual({ month: CURRENT, value: 83.7, source: "form" });

    const same = withAudit(() => enterValue(database.db, manager, reablement.id, CURRENT, 83.7));
    expect(same.result).toEqual({ ok: true, change: "unchanged" });
    expect(same.rows).toEqual([]);
  });

  it("refuses a practitioner who is not the owner, and writes nothing", () => {
    const residential = metricNamed("Staff pulse survey score");
    const before = valueOf(residential.id, "2026-10");
    const refused = withAudit(() => enterValue(database.db, practitioner, residential.id, "2026-10", 1));
    expect(refused.result).toMatchObject({ ok: false, forbidden: true });
    expect(valueOf(residential.id, "2026-10")).toEqual(before);
    expect(refused.rows).toEqual([]);
    // A team manager who does not own it is refused too.
    expect(enterValue(database.db, manager, residential.id, "2026-10", 1)).toMatchObject({ ok: false, forbidden: true });
  });

  it("lets a practitioner who owns a metric enter its values, and a head of service or administrator enter any", () => {
    const created = createMetric(database.db, actorOf(head), {
      name: "Carers' assessments offered",
      description: "",
      unit: "carers",
      measure: "flow",
      direction: "up",
      ownerUserId: practitioner.id,
      baselineFrom: "2026-01",
      baselineTo: "2026-06",
    });
    expect(created.ok).toBe(true);
    const id = created.ok ? created.value : 0;
    expect(enterValue(database.db, practitioner, id, "2026-07", 12)).toEqual({ ok: true, change: "added" });
    expect(enterValue(database.db, head, id, "2026-08", 14)).toEqual({ ok: true, change: "added" });
    expect(enterValue(database.db, admin, id, "2026-09", 15)).toEqual({ ok: true, change: "added" });
    expect(metricValues(database.db, id)).toEqual([
      { month: "2026-07", value: 12 },
      { month: "2026-08", value: 14 },
      { month: "2026-09", value: 15 },
    ]);
  });
});

describe("loading values from a CSV file", () => {
  it("stores nothing when any row is bad, and reports each bad row", () => {
    const count = valueCount();
    const residential = metricNamed("People in residential and nursing care");
    const before = valueOf(residential.id, "2026-09");
    const csv = [
      "metric,month,value",
      "People in residential and nursing care,2026-09,1",
      "People in residential and nursing care,2026-10,2",
      "Staff pulse survey score,2026-10,seven",
      "Nobody's metric,2026-10,3",
    ].join("\n");
    const load = withAudit(() => loadValuesCsv(database.db, head, "bad.csv", csv, CURRENT));
    expect(load.result.ok).toBe(false);
    // A counted metric's rows are refused too: its values come from the data.
    expect(!load.result.ok && load.result.problems.map((p) => p.row)).toEqual([2, 3, 4, 5]);
    expect(!load.result.ok && load.result.problems[0]!.reasons).toEqual([expect.stringMatching(/^People in residential and nursing care is counted from the data/)]);
    expect(valueCount()).toBe(count);
    expect(valueOf(residential.id, "2026-09")).toEqual(before);
    expect(load.rows).toEqual([]);
  });

  it("stores every row of a good file in one go, each change audited, and the load itself", () => {
    const residential = metricNamed("Reablement: still at home after 91 days");
    const pulse = metricNamed("Staff pulse survey score");
    const old = valueOf(residential.id, "2026-10")!.value;
    // Lower, so a later test's 85 can never be this.
    const lower = Number((old - 3).toFixed(1));
    const csv = `metric,month,value\nReablement: still at home after 91 days,2026-10,${lower}\nStaff pulse survey score,${CURRENT},7.2\nStaff pulse survey score,2026-10,${valueOf(pulse.id, "2026-10")!.value}\n`;
    const load = withAudit(() => loadValuesCsv(database.db, head, "good.csv", csv, CURRENT));
    expect(load.result).toEqual({
      ok: true,
      summary: { rows: 3, added: 1, changed: 1, unchanged: 1, metrics: ["Reablement: still at home after 91 days", "Staff pulse survey score"] },
    });
    expect(valueOf(residential.id, "2026-10")!.value).toBe(lower);
    expect(valueOf(pulse.id, CURRENT)!.value).toBe(7.2);
    expect(load.rows.map((r) => [r.action, r.entityId, r.before && JSON.parse(r.before), JSON.parse(r.after!)])).toEqual([
      ["change_value", `${residential.id}:2026-10`, { month: "2026-10", value: old }, { month: "2026-10", value: lower, source: "csv" }],
      ["add_value", `${pulse.id}:${CURRENT}`, null, { month: CURRENT, value: 7.2, source: "csv" }],
      [
        "load_values_csv",
        null,
        null,
        { fileName: "good.csv", rows: 3, added: 1, changed: 1, unchanged: 1, metrics: ["Reablement: still at home after 91 days", "Staff pulse survey score"] },
      ],
    ]);
    expect(new Set(load.rows.map((r) => r.actor))).toEqual(new Set([head.email]));
  });

  it("refuses an owner's rows for metrics that are not theirs, and so the whole file", () => {
    const reablement = metricNamed("Reablement: still at home after 91 days");
    const count = valueCount();
    const csv = "metric,month,value\nReablement: still at home after 91 days,2026-10,85\nStaff pulse survey score,2026-10,7.5\n";
    const load = loadValuesCsv(database.db, manager, "mine.csv", csv, CURRENT);
    expect(load).toEqual({
      ok: false,
      problems: [
        {
          row: 3,
          reasons: [expect.stringMatching(/^you may not enter values for Staff pulse survey score: only its owner \(.+\), a head of service or an administrator may$/)],
        },
      ],
    });
    expect(valueCount()).toBe(count);
    expect(valueOf(reablement.id, "2026-10")!.value).not.toBe(85);
  });
});

describe("the metric and its trajectory", () => {
  it("audits a new metric, a change to it, and refuses a name already taken or an owner who cannot sign in", () => {
    const fields = {
      name: "Admissions to residential care",
      description: "Council-funded admissions in the month.",
      unit: "admissions",
      measure: "flow" as const,
      direction: "down" as const,
      ownerUserId: head.id,
      baselineFrom: "2024-01",
      baselineTo: "2025-12",
    };
    const created = withAudit(() => createMetric(database.db, actorOf(admin), fields));
    expect(created.result.ok).toBe(true);
    const id = created.result.ok ? created.result.value : 0;
    expect(created.rows.map((r) => [r.action, r.entity, r.entityId])).toEqual([["create", "primed_metric", String(id)]]);
    expect(JSON.parse(created.rows[0]!.after!)).toMatchObject({ name: fields.name, ownerUserId: head.id, baselineTo: "2025-12" });

    const updated = withAudit(() => updateMetric(database.db, actorOf(head), id, { ...fields, ownerUserId: manager.id, baselineTo: "2026-01" }));
    expect(updated.result).toEqual({ ok: true, value: id });
    expect(JSON.parse(updated.rows[0]!.before!)).toMatchObject({ ownerUserId: head.id, baselineTo: "2025-12" });
    expect(JSON.parse(updated.rows[0]!.after!)).toMatchObject({ ownerUserId: manager.id, baselineTo: "2026-01" });
    expect(getMetric(database.db, id)!.ownerName).toBe(manager.name);

    const taken = withAudit(() => createMetric(database.db, actorOf(admin), { ...fields, name: "people in Residential and nursing care" }));
    expect(taken.result).toEqual({ ok: false, errors: { name: "There is already a metric with this name: choose another" } });
    expect(taken.rows).toEqual([]);
    expect(createMetric(database.db, actorOf(admin), { ...fields, name: "Another", ownerUserId: 99_999 })).toEqual({
      ok: false,
      errors: { ownerUserId: "Choose the owner from the list" },
    });
  });

  it("replaces the whole trajectory, audited with the old and the new", () => {
    const pulse = metricNamed("Staff pulse survey score");
    const old = metricTrajectory(database.db, pulse.id);
    const points = [
      { month: "2026-12", value: 7.4 },
      { month: "2027-01", value: 7.5 },
    ];
    const replaced = withAudit(() => replaceTrajectory(database.db, actorOf(head), pulse.id, points));
    expect(replaced.result).toEqual({ ok: true, value: pulse.id });
    expect(metricTrajectory(database.db, pulse.id)).toEqual(points);
    expect(replaced.rows.map((r) => [r.action, r.entity, r.entityId, JSON.parse(r.before!), JSON.parse(r.after!)])).toEqual([
      ["replace_trajectory", "primed_metric_trajectory", String(pulse.id), old, points],
    ]);
  });
});

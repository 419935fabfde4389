import { sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

/*
 * Dates are ISO calendar dates ("YYYY-MM-DD", Europe/London) stored as text:
 * they sort and compare correctly as strings, which is what every metric needs.
 */

export const teamTypes = [
  "front_door",
  "locality",
  "hospital_discharge",
  "reviewing",
  "short_term_ot",
  "safeguarding",
  "learning_disability",
  "mental_health",
] as const;
export type TeamType = (typeof teamTypes)[number];

export const workerRoles = [
  "practitioner",
  "team_manager",
  "head_of_service",
  "admin",
] as const;
export type WorkerRole = (typeof workerRoles)[number];

export const workCategories = [
  "request",
  "assessment",
  "review",
  "safeguarding",
] as const;
export type WorkCategory = (typeof workCategories)[number];

export const timescaleUnits = ["days", "working_days"] as const;
export type TimescaleUnit = (typeof timescaleUnits)[number];

export const services = sqliteTable("services", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  laCode: text("la_code"),
  /** The generated demo council: its demo sign-ins may be shown on the sign-in page. */
  demo: integer("demo", { mode: "boolean" }).notNull().default(false),
});

export const teams = sqliteTable("teams", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  serviceId: integer("service_id")
    .notNull()
    .references(() => services.id),
  name: text("name").notNull().unique(),
  slug: text("slug").notNull().unique(),
  type: text("type", { enum: teamTypes }).notNull(),
});

export const workers = sqliteTable(
  "workers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    // A head of service or admin may sit above the teams.
    teamId: integer("team_id").references(() => teams.id),
    name: text("name").notNull(),
    role: text("role", { enum: workerRoles }).notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
  },
  (t) => [uniqueIndex("workers_team_name").on(t.teamId, t.name)],
);

export const workTypes = sqliteTable("work_types", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  code: text("code").notNull().unique(),
  name: text("name").notNull().unique(),
  category: text("category", { enum: workCategories }).notNull(),
  timescale: integer("timescale").notNull(),
  timescaleUnit: text("timescale_unit", { enum: timescaleUnits }).notNull(),
});

export const outcomes = sqliteTable("outcomes", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  value: text("value").notNull().unique(),
  group: text("group_name").notNull(),
  sortOrder: integer("sort_order").notNull(),
});

export const workItems = sqliteTable(
  "work_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sourceRef: text("source_ref").notNull().unique(),
    personRef: text("person_ref").notNull(),
    workTypeId: integer("work_type_id")
      .notNull()
      .references(() => workTypes.id),
    teamId: integer("team_id")
      .notNull()
      .references(() => teams.id),
    workerId: integer("worker_id").references(() => workers.id),
    receivedOn: text("received_on").notNull(),
    allocatedOn: text("allocated_on"),
    dueOn: text("due_on").notNull(),
    completedOn: text("completed_on"),
    outcomeId: integer("outcome_id").references(() => outcomes.id),
    // The outcome exactly as loaded, kept beside the mapped one.
    outcomeRaw: text("outcome_raw"),
    eventType: text("event_type"),
    clientType: text("client_type"),
    routeOfAccess: text("route_of_access"),
    assessmentType: text("assessment_type"),
    reviewReason: text("review_reason"),
    description: text("description"),
  },
  (t) => [
    // Monthly reports read a team's (or worker's) open items and the items
    // completed since a month: both are ranges of these indexes.
    index("work_items_team_completed").on(t.teamId, t.completedOn),
    index("work_items_worker_completed").on(t.workerId, t.completedOn),
    index("work_items_open_team")
      .on(t.teamId, t.receivedOn)
      .where(sql`completed_on is null`),
    // The whole service's current month (open work and work completed since a
    // day) read from the index alone: every column the metrics read is in it.
    index("work_items_recent").on(
      t.completedOn,
      t.teamId,
      t.receivedOn,
      t.dueOn,
      t.allocatedOn,
      t.workerId,
      t.workTypeId,
      t.outcomeId,
      t.routeOfAccess,
    ),
  ],
);

export const userRoles = ["practitioner", "team_manager", "head_of_service", "admin"] as const;
export type UserRole = (typeof userRoles)[number];

/** A person who signs in. A practitioner or team manager is linked to their worker record. */
export const users = sqliteTable("users", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  role: text("role", { enum: userRoles }).notNull(),
  workerId: integer("worker_id").references(() => workers.id),
  passwordHash: text("password_hash").notNull(),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  createdAt: text("created_at").notNull(),
});

/** The teams a team manager manages (one or more). */
export const userTeams = sqliteTable(
  "user_teams",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    teamId: integer("team_id")
      .notNull()
      .references(() => teams.id),
  },
  (t) => [uniqueIndex("user_teams_pair").on(t.userId, t.teamId)],
);

/** Signed-in sessions; the cookie carries only the id. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
    lastSeenAt: text("last_seen_at").notNull(),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/** Failed sign-ins, for rate limiting by account and by address. */
export const signInFailures = sqliteTable(
  "sign_in_failures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    account: text("account").notNull(),
    address: text("address").notNull(),
    at: text("at").notNull(),
  },
  (t) => [index("sign_in_failures_account").on(t.account, t.at), index("sign_in_failures_address").on(t.address, t.at)],
);

/** Settings the app keeps for itself, such as a generated session secret. */
export const appSettings = sqliteTable("app_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/** Append-only: triggers in the migration refuse updates and deletes. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull(),
    // No foreign key: the trail outlives the rows it speaks of.
    actorUserId: integer("actor_user_id"),
    /** "system" for the command line and start-up; otherwise the user's email at the time. */
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id"),
    before: text("before"),
    after: text("after"),
  },
  (t) => [
    index("audit_log_entity").on(t.entity, t.at),
    index("audit_log_actor").on(t.actorUserId, t.at),
    index("audit_log_at").on(t.at),
    // Every page asks when the demo was last loaded: without it, a scan of the whole trail.
    index("audit_log_action").on(t.action, t.at),
  ],
);

export const importStatuses = ["loaded", "dry_run", "refused", "failed"] as const;
export type ImportStatus = (typeof importStatuses)[number];

/** Every load of an extract: who, when, which file, what it changed. */
export const importRuns = sqliteTable(
  "import_runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    startedAt: text("started_at").notNull(),
    finishedAt: text("finished_at").notNull(),
    actor: text("actor").notNull(),
    actorUserId: integer("actor_user_id"),
    fileName: text("file_name").notNull(),
    fileSha256: text("file_sha256").notNull(),
    status: text("status", { enum: importStatuses }).notNull(),
    encoding: text("encoding").notNull(),
    rowsRead: integer("rows_read").notNull(),
    added: integer("added").notNull(),
    updated: integer("updated").notNull(),
    unchanged: integer("unchanged").notNull(),
    rejected: integer("rejected").notNull(),
    notWorkItems: integer("not_work_items").notNull(),
    durationMs: integer("duration_ms").notNull(),
    /** A one-line summary for the history list. */
    message: text("message").notNull(),
  },
  (t) => [index("import_runs_started").on(t.startedAt)],
);

/**
 * The figures of every finished month, per team (worker_id 0) and per worker,
 * computed by the metric definitions after each load of data, so reports read
 * them instead of counting a council's whole history on every page. The
 * months covered are in app_settings ("month_summaries"); see
 * docs/decisions/2026-11-22-month-figures.md.
 */
export const monthSummaries = sqliteTable(
  "month_summaries",
  {
    teamId: integer("team_id").notNull(),
    /** 0 for the whole team. */
    workerId: integer("worker_id").notNull(),
    month: text("month").notNull(),
    /** The month's MonthFigures as JSON. */
    figures: text("figures").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workerId, t.teamId, t.month] }), index("month_summaries_month").on(t.workerId, t.month)],
);

/** A team manager's note on a worker's load: what the raw counts do not show. */
export const workerLoadNotes = sqliteTable(
  "worker_load_notes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    workerId: integer("worker_id")
      .notNull()
      .references(() => workers.id),
    note: text("note").notNull(),
    writtenByUserId: integer("written_by_user_id")
      .notNull()
      .references(() => users.id),
    writtenAt: text("written_at").notNull(),
  },
  (t) => [index("worker_load_notes_worker").on(t.workerId, t.writtenAt)],
);

export const directions = ["up", "down", "neither"] as const;
export type ImprovementDirection = (typeof directions)[number];

/*
 * Interpretation. A monthly series is named by a key ("overdue",
 * "outcomeShare:long_term_support", "metric:3"); team_id 0 means the whole
 * service and worker_id 0 a whole team, as in month_summaries, so one unique
 * index can hold each level.
 */

/** Which way is better for a series, for the whole service or one team (the code's default otherwise). */
export const seriesDirections = sqliteTable(
  "series_directions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    series: text("series").notNull(),
    teamId: integer("team_id").notNull(),
    direction: text("direction", { enum: directions }).notNull(),
    setByUserId: integer("set_by_user_id").references(() => users.id),
    setAt: text("set_at").notNull(),
  },
  (t) => [uniqueIndex("series_directions_level").on(t.series, t.teamId)],
);

/** A target for a series at service, team or worker level, in force from its start month until a later one replaces it. */
export const targets = sqliteTable(
  "targets",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    series: text("series").notNull(),
    teamId: integer("team_id").notNull(),
    workerId: integer("worker_id").notNull(),
    value: real("value").notNull(),
    startMonth: text("start_month").notNull(),
    setByUserId: integer("set_by_user_id").references(() => users.id),
    setAt: text("set_at").notNull(),
  },
  (t) => [uniqueIndex("targets_level_start").on(t.series, t.teamId, t.workerId, t.startMonth)],
);

/** A person's decision that a series' limits start again from a month, and why. */
export const recalculations = sqliteTable(
  "recalculations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    series: text("series").notNull(),
    teamId: integer("team_id").notNull(),
    month: text("month").notNull(),
    reason: text("reason").notNull(),
    recordedByUserId: integer("recorded_by_user_id")
      .notNull()
      .references(() => users.id),
    recordedAt: text("recorded_at").notNull(),
  },
  (t) => [uniqueIndex("recalculations_series_month").on(t.series, t.teamId, t.month)],
);

export const metricMeasures = ["flow", "level"] as const;
export type MetricMeasure = (typeof metricMeasures)[number];

/** A measure the work items do not carry (people in residential care, placement cost, survey scores), entered monthly. */
export const primedMetrics = sqliteTable("primed_metrics", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  description: text("description").notNull().default(""),
  /** What a value counts, in words: "people", "£ a day", "%". */
  unit: text("unit").notNull(),
  /** A flow is counted afresh each month (admissions); a level is a count at the month's end (people in care). */
  measure: text("measure", { enum: metricMeasures }).notNull(),
  direction: text("direction", { enum: directions }).notNull(),
  ownerUserId: integer("owner_user_id")
    .notNull()
    .references(() => users.id),
  /** The months before the change, from which the baseline projection is drawn. */
  baselineFrom: text("baseline_from").notNull(),
  baselineTo: text("baseline_to").notNull(),
  createdAt: text("created_at").notNull(),
});

export const primedMetricValues = sqliteTable(
  "primed_metric_values",
  {
    metricId: integer("metric_id")
      .notNull()
      .references(() => primedMetrics.id),
    month: text("month").notNull(),
    value: real("value").notNull(),
    enteredByUserId: integer("entered_by_user_id").references(() => users.id),
    enteredAt: text("entered_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.metricId, t.month] })],
);

/** The planned value of a Primed Metric, month by month. */
export const primedMetricTrajectory = sqliteTable(
  "primed_metric_trajectory",
  {
    metricId: integer("metric_id")
      .notNull()
      .references(() => primedMetrics.id),
    month: text("month").notNull(),
    value: real("value").notNull(),
  },
  (t) => [primaryKey({ columns: [t.metricId, t.month] })],
);

/** The questions a team type's managers answer when they interpret a month, kept by admins. */
export const promptTemplates = sqliteTable("prompt_templates", {
  teamType: text("team_type", { enum: teamTypes }).primaryKey(),
  /** JSON: a list of questions. */
  questions: text("questions").notNull(),
  updatedByUserId: integer("updated_by_user_id").references(() => users.id),
  updatedAt: text("updated_at").notNull(),
});

/** A team's interpretation of one month: the signals found then, the questions asked and the manager's answers. */
export const promptSheets = sqliteTable(
  "prompt_sheets",
  {
    teamId: integer("team_id")
      .notNull()
      .references(() => teams.id),
    month: text("month").notNull(),
    /** JSON: [{ question, answer }], the signal prompts first, as they were when saved. */
    answers: text("answers").notNull(),
    updatedByUserId: integer("updated_by_user_id")
      .notNull()
      .references(() => users.id),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.month] })],
);

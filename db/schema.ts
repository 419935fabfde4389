import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/*
 * Dates are ISO calendar dates ("YYYY-MM-DD", Europe/London) stored as text:
 * they sort and compare correctly as strings, which is what every metric needs.
 */

export const teamTypes = ["front_door", "locality", "hospital_discharge", "reviewing", "short_term_ot", "safeguarding", "learning_disability", "mental_health"] as const;
export type TeamType = (typeof teamTypes)[number];

export const workerRoles = ["practitioner", "team_manager", "head_of_service", "admin"] as const;
export type WorkerRole = (typeof workerRoles)[number];

export const workCategories = ["request", "assessment", "review", "safeguarding"] as const;
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
    index("work_items_recent").on(t.completedOn, t.teamId, t.receivedOn, t.dueOn, t.allocatedOn, t.workerId, t.workTypeId, t.outcomeId, t.routeOfAccess),
  ],
);

/**
 * A service from the extract: one line of a person's care package, with its cost
 * (docs/definitions.md#care-and-support). Not a work item. The person's Date of
 * Birth is not kept: only their age in whole years on the service's start date,
 * which is all the figures need.
 */
export const careServices = sqliteTable(
  "care_services",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sourceRef: text("source_ref").notNull().unique(),
    personRef: text("person_ref").notNull(),
    teamId: integer("team_id")
      .notNull()
      .references(() => teams.id),
    workerId: integer("worker_id").references(() => workers.id),
    serviceType: text("service_type").notNull(),
    // The Service Type exactly as loaded, kept beside the mapped one.
    serviceTypeRaw: text("service_type_raw").notNull(),
    startsOn: text("starts_on").notNull(),
    endsOn: text("ends_on"),
    unitCost: real("unit_cost"),
    costFrequency: text("cost_frequency"),
    plannedUnits: real("planned_units"),
    // Pounds a week, from the three above by the one rule (app/care/service-types.ts).
    weeklyCost: real("weekly_cost").notNull(),
    ageAtStart: integer("age_at_start"),
    serviceComponent: text("service_component"),
    deliveryMechanism: text("delivery_mechanism"),
    providerLocation: text("provider_location"),
  },
  (t) => [
    index("care_services_team").on(t.teamId, t.startsOn),
    index("care_services_worker").on(t.workerId, t.startsOn),
    index("care_services_person").on(t.personRef, t.startsOn),
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
  /** The council account (OpenID Connect `sub`) this person signs in with; set at their first sign-in by email. */
  oidcSubject: text("oidc_subject").unique(),
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

/**
 * Signed-in sessions. The cookie carries the id; the table keeps only its
 * SHA-256 hash, so a copy of the database (a backup) holds no usable session.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    idHash: text("id_hash").primaryKey(),
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

/**
 * What each load wrote, by the data version it made: the references of the
 * work items and services it added or changed (JSON arrays), or null when it
 * wrote too many to list. A serving process holding the care book of the
 * version before puts these rows into it instead of reading all 340,000 again
 * (issue 18: at the large council that read kept team pages waiting seconds
 * after each load). Only the latest few loads are kept.
 */
export const dataChanges = sqliteTable("data_changes", {
  seq: integer("seq").primaryKey({ autoIncrement: true }),
  version: text("version").notNull().unique(),
  previous: text("previous").notNull(),
  workItemRefs: text("work_item_refs"),
  serviceRefs: text("service_refs"),
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
    // An action's history is read from the trail.
    index("audit_log_entity_id").on(t.entity, t.entityId, t.at),
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
    // Service rows (care_services): 0 for loads from before services were read.
    servicesAdded: integer("services_added").notNull().default(0),
    servicesUpdated: integer("services_updated").notNull().default(0),
    servicesUnchanged: integer("services_unchanged").notNull().default(0),
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
    /**
     * Which refresh counted the row. A refresh writes its rows in small
     * transactions under a new generation, then makes it the one in
     * app_settings in one short step, so saves never wait behind it.
     */
    generation: integer("generation").notNull(),
    teamId: integer("team_id").notNull(),
    /** 0 for the whole team. */
    workerId: integer("worker_id").notNull(),
    month: text("month").notNull(),
    /** The month's MonthFigures as JSON. */
    figures: text("figures").notNull(),
  },
  (t) => [primaryKey({ columns: [t.generation, t.workerId, t.teamId, t.month] }), index("month_summaries_month").on(t.generation, t.workerId, t.month)],
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

/** Entered: people type or load its values. Counted: Primed counts them from the loaded data each time they are read. */
export const metricKinds = ["entered", "counted"] as const;
export type MetricKind = (typeof metricKinds)[number];

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
  kind: text("kind", { enum: metricKinds }).notNull().default("entered"),
  /** A counted metric's measure: a key of the counted-measures list. Null for an entered metric. */
  countedMeasure: text("counted_measure"),
});

/** A counted metric's scope: the teams it counts. No rows means the whole service. */
export const primedMetricTeams = sqliteTable(
  "primed_metric_teams",
  {
    metricId: integer("metric_id")
      .notNull()
      .references(() => primedMetrics.id),
    teamId: integer("team_id")
      .notNull()
      .references(() => teams.id),
  },
  (t) => [primaryKey({ columns: [t.metricId, t.teamId] })],
);

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

/*
 * The cycle: purpose, the monthly meeting, its pack, and the action log.
 * A team's cycle for a month is the row in team_cycles together with the
 * month's prompt sheet, meeting and actions.
 */

/** An objective at service level (no team), team level (a team, no worker) or individual level (a worker). */
export const objectives = sqliteTable(
  "objectives",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    teamId: integer("team_id").references(() => teams.id),
    workerId: integer("worker_id").references(() => workers.id),
    statement: text("statement").notNull(),
    ownerUserId: integer("owner_user_id")
      .notNull()
      .references(() => users.id),
    /** The measure it is judged by, if any: a report series key ("overdue") or a Primed Metric. */
    series: text("series"),
    primedMetricId: integer("primed_metric_id").references(() => primedMetrics.id),
    periodFrom: text("period_from").notNull(),
    periodTo: text("period_to").notNull(),
    createdByUserId: integer("created_by_user_id")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    /** Set when an objective is withdrawn: kept for the record of earlier cycles. */
    retiredAt: text("retired_at"),
  },
  (t) => [index("objectives_team").on(t.teamId), index("objectives_worker").on(t.workerId)],
);

/** A team's co-written ground rules: each save is a new version, so earlier ones stay on record. */
export const groundRules = sqliteTable(
  "ground_rules",
  {
    teamId: integer("team_id")
      .notNull()
      .references(() => teams.id),
    version: integer("version").notNull(),
    /** JSON: a list of rules. */
    rules: text("rules").notNull(),
    writtenByUserId: integer("written_by_user_id")
      .notNull()
      .references(() => users.id),
    writtenAt: text("written_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.version] })],
);

/** The terms of reference of a team type's monthly meeting, kept by admins. */
export const meetingTemplates = sqliteTable("meeting_templates", {
  teamType: text("team_type", { enum: teamTypes }).primaryKey(),
  purpose: text("purpose").notNull(),
  chair: text("chair").notNull(),
  decisions: text("decisions").notNull(),
  escalates: text("escalates").notNull(),
  /** JSON: the standing agenda items after the follow-up of actions, which always comes first. */
  standingItems: text("standing_items").notNull(),
  updatedByUserId: integer("updated_by_user_id").references(() => users.id),
  updatedAt: text("updated_at").notNull(),
});

/** A team's cycle for one month: the purpose confirmed, and the pack as issued (frozen). */
export const teamCycles = sqliteTable(
  "team_cycles",
  {
    teamId: integer("team_id")
      .notNull()
      .references(() => teams.id),
    month: text("month").notNull(),
    purposeConfirmedAt: text("purpose_confirmed_at"),
    purposeConfirmedByUserId: integer("purpose_confirmed_by_user_id").references(() => users.id),
    /** What changed in the objectives this month, in the manager's words; empty when they stand as they were. */
    purposeNote: text("purpose_note").notNull().default(""),
    packIssuedAt: text("pack_issued_at"),
    packIssuedByUserId: integer("pack_issued_by_user_id").references(() => users.id),
    /** JSON: everything the pack showed, as it was when issued. */
    packSnapshot: text("pack_snapshot"),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.month] })],
);

export const meetingStatuses = ["planned", "held"] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

/** A team's monthly meeting. */
export const meetings = sqliteTable(
  "meetings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    teamId: integer("team_id")
      .notNull()
      .references(() => teams.id),
    month: text("month").notNull(),
    heldOn: text("held_on").notNull(),
    chair: text("chair").notNull().default(""),
    /** JSON: { present, apologies }, the ids of the team's workers who attended and who sent apologies (a plain list of who attended in meetings recorded before apologies were kept). */
    attendees: text("attendees").notNull().default("[]"),
    /** JSON: guests' names and roles, as written. */
    guests: text("guests").notNull().default("[]"),
    /** JSON: [{ title, notes }], the standing items of the terms of reference when the meeting was set up. */
    agenda: text("agenda").notNull(),
    keyMessages: text("key_messages").notNull().default(""),
    decisions: text("decisions").notNull().default(""),
    status: text("status", { enum: meetingStatuses }).notNull().default("planned"),
    createdByUserId: integer("created_by_user_id")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [uniqueIndex("meetings_team_month").on(t.teamId, t.month)],
);

export const actionStatuses = ["open", "in_progress", "done", "dropped"] as const;
export type ActionStatus = (typeof actionStatuses)[number];

/** An action: one owner, a deadline, followed up until done or dropped. Its history is in the audit trail. */
export const actions = sqliteTable(
  "actions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    teamId: integer("team_id")
      .notNull()
      .references(() => teams.id),
    title: text("title").notNull(),
    detail: text("detail").notNull().default(""),
    ownerUserId: integer("owner_user_id")
      .notNull()
      .references(() => users.id),
    deadline: text("deadline").notNull(),
    status: text("status", { enum: actionStatuses }).notNull().default("open"),
    /** The month whose cycle it came from, and its meeting if it was agreed in one. */
    month: text("month").notNull(),
    meetingId: integer("meeting_id").references(() => meetings.id),
    objectiveId: integer("objective_id").references(() => objectives.id),
    /** The measure it is meant to move: a report series key of its team, or a Primed Metric. */
    series: text("series"),
    primedMetricId: integer("primed_metric_id").references(() => primedMetrics.id),
    /** The day it was marked done. */
    completedOn: text("completed_on"),
    escalatedAt: text("escalated_at"),
    /** Null with escalated_at set: escalated automatically, for being overdue too long. */
    escalatedByUserId: integer("escalated_by_user_id").references(() => users.id),
    escalationReason: text("escalation_reason"),
    createdByUserId: integer("created_by_user_id")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("actions_team").on(t.teamId, t.status, t.deadline),
    index("actions_owner").on(t.ownerUserId, t.status, t.deadline),
    index("actions_metric").on(t.primedMetricId),
    index("actions_meeting").on(t.meetingId),
  ],
);

export const followUpOutcomes = ["done", "carried_forward", "no_longer_needed"] as const;
export type FollowUpOutcome = (typeof followUpOutcomes)[number];

/** A meeting's follow-up of an action open from an earlier meeting. */
export const actionFollowUps = sqliteTable(
  "action_follow_ups",
  {
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id),
    actionId: integer("action_id")
      .notNull()
      .references(() => actions.id),
    outcome: text("outcome", { enum: followUpOutcomes }).notNull(),
    /** For carried forward: the new deadline. */
    newDeadline: text("new_deadline"),
    reason: text("reason").notNull().default(""),
    recordedByUserId: integer("recorded_by_user_id")
      .notNull()
      .references(() => users.id),
    recordedAt: text("recorded_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.actionId] })],
);

/** A user's calendar feed of their action deadlines: only the secret's hash is kept. */
export const calendarFeeds = sqliteTable("calendar_feeds", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: text("created_at").notNull(),
});

/**
 * The council's adult population by age group, one row a year (the ONS
 * mid-year estimates), with where the figures came from: admissions per
 * 100,000 adults (ASCOF 2B and 2C) are counted against the year a month
 * falls in. Kept by administrators; the demo council has its own.
 */
export const populationEstimates = sqliteTable("population_estimates", {
  year: integer("year").primaryKey(),
  adults18To64: integer("adults_18_to_64").notNull(),
  adults65AndOver: integer("adults_65_and_over").notNull(),
  source: text("source").notNull(),
  /** Who changed it is on the audit trail, which outlives people's accounts. */
  updatedAt: text("updated_at").notNull(),
});

/**
 * The keys a care system's scheduled job loads the extract with (POST
 * /api/extracts): each allowed only to load extracts and read its own loads.
 * Only the SHA-256 hash of the secret is kept, as for calendar feeds. A token
 * works up to the end of its expiry date (a calendar date), unless revoked.
 */
export const integrationTokens = sqliteTable("integration_tokens", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  /** The last day it works (YYYY-MM-DD). */
  expiresOn: text("expires_on").notNull(),
  createdAt: text("created_at").notNull(),
  createdByUserId: integer("created_by_user_id")
    .notNull()
    .references(() => users.id),
  revokedAt: text("revoked_at"),
  revokedByUserId: integer("revoked_by_user_id").references(() => users.id),
  lastUsedAt: text("last_used_at"),
  /** Uses refused because the token was revoked or had expired (each one audited too). */
  refusedUses: integer("refused_uses").notNull().default(0),
});

export const mailKinds = ["action_given", "due_soon", "overdue", "escalated", "pack_issued", "weekly_digest"] as const;
export type MailKind = (typeof mailKinds)[number];

export const mailStatuses = ["queued", "sending", "sent", "failed"] as const;
export type MailStatus = (typeof mailStatuses)[number];

/**
 * The outbox of reminders by email. A message is queued where its event
 * happens (in the same transaction) or by the reminders job's daily scan;
 * the dedupe key is unique, so queuing the same reminder twice (a restart,
 * a second process, a repeated scan) adds nothing: each is sent at most once.
 * The job claims a row (status sending, claimed until) before sending it.
 */
export const mailMessages = sqliteTable(
  "mail_messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: mailKinds }).notNull(),
    dedupeKey: text("dedupe_key").notNull().unique(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    bodyText: text("body_text").notNull(),
    /** A meeting pack's PDF, made when the message is sent: "pack:<team id>:<month>". */
    attachment: text("attachment"),
    status: text("status", { enum: mailStatuses }).notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: text("next_attempt_at").notNull(),
    /** While sending: the moment after which another process may take the message back (its sender died). */
    claimedUntil: text("claimed_until"),
    lastError: text("last_error"),
    createdAt: text("created_at").notNull(),
    sentAt: text("sent_at"),
  },
  (t) => [index("mail_messages_due").on(t.status, t.nextAttemptAt), index("mail_messages_recent").on(t.createdAt)],
);

/** A person's choice not to receive one kind of reminder; no row means they receive it. */
export const mailChoices = sqliteTable(
  "mail_choices",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind", { enum: mailKinds }).notNull(),
    enabled: integer("enabled", { mode: "boolean" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

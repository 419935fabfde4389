/*
 * What each Primed Metrics page needs, read from the database and worked out
 * by the pure modules, ready to send to the browser.
 */
import type { Db } from "../../db/connection";
import { addMonths, monthOf, type IsoDate, type IsoMonth } from "~/dates";
import { mayEnterValues, mayManageMetrics } from "./access";
import { directionLabels, measureLabels } from "./forms";
import { listMetrics, metricTrajectory, metricValues, ownerChoices, type Metric } from "./metrics.server";
import { asc } from "drizzle-orm";
import { teams } from "../../db/schema";
import { countedMeasureGroups, scopeInWords } from "./counted-measures";
import { countedValues, metricTeams, teamsOfMetrics, valuesOfMetric, type CountedValues } from "./counted-values.server";
import { careListHref } from "~/reports/care-query";
import { figureItemsHref } from "~/reports/figure-query";
import { formatMonthLong } from "~/dates";
import { careFigureLabels } from "~/care/care-lists";
import { figures as workFigures } from "~/work-figures/definitions";
import type { SignedInUser } from "~/people/users.server";
import { metricListEntry, metricView } from "./view";
import { actionListItem } from "~/actions/action-view";
import { listActions } from "~/actions/queries.server";
import { can } from "~/people/permissions";

/** What the metric form offers: owners, the measures a counted metric may count, and the teams. */
export function metricFormChoices(db: Db) {
  return {
    owners: ownerChoices(db),
    measures: countedMeasureGroups().map(({ group, measures }) => ({ group, measures: measures.map((m) => ({ key: m.key, label: m.label })) })),
    teams: db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(asc(teams.name)).all(),
  };
}

/** A metric's form values as stored, to change it. */
export function metricFormValues(db: Db, metric: Metric) {
  const scope = metricTeams(db, metric.id);
  return {
    name: metric.name,
    description: metric.description,
    unit: metric.unit,
    measure: metric.measure,
    direction: metric.direction,
    ownerUserId: metric.ownerUserId,
    baselineFrom: metric.baselineFrom,
    baselineTo: metric.baselineTo,
    kind: metric.kind,
    countedMeasure: metric.countedMeasure,
    scope: scope.length > 0 ? "teams" : "service",
    teamIds: scope.map((t) => t.id),
  };
}

export function metricsListPage(db: Db, user: SignedInUser, today: IsoDate) {
  const metrics = listMetrics(db);
  const scopes = teamsOfMetrics(
    db,
    metrics.filter((m) => m.kind === "counted").map((m) => m.id),
  );
  return {
    metrics: metrics.map((metric) => ({
      id: metric.id,
      name: metric.name,
      owner: metric.ownerName,
      yours: metric.ownerUserId === user.id,
      source: metric.kind === "counted" ? `Counted from the data, for ${scopeInWords((scopes.get(metric.id) ?? []).map((t) => t.name))}` : "Entered by people",
      ...metricListEntry(metric, valuesOfMetric(db, metric, today), metricTrajectory(db, metric.id)),
    })),
    canManage: mayManageMetrics(user),
    canUpload: mayManageMetrics(user) || metrics.some((m) => m.ownerUserId === user.id),
  };
}

/** The month the value form offers first: the one after the latest value, unless that is still to come. */
function nextMonthToEnter(latest: IsoMonth | null, currentMonth: IsoMonth): IsoMonth {
  if (!latest) return addMonths(currentMonth, -1);
  const next = addMonths(latest, 1);
  return next > currentMonth ? latest : next;
}

/** `listMonth`: the month whose lists a counted metric's page links to (by default its latest value's). */
export function metricPage(db: Db, metric: Metric, user: SignedInUser, today: IsoDate, listMonth: string | null = null) {
  const currentMonth = monthOf(today);
  const counted = metric.kind === "counted" ? countedValues(db, metric, today) : null;
  const values = counted ? counted.values : metric.kind === "counted" ? [] : metricValues(db, metric.id);
  const trajectory = metricTrajectory(db, metric.id);
  // Only the actions of teams whose log the user may see: their titles are on the chart too.
  const linked = listActions(db, { primedMetricId: metric.id }, today).filter((a) => can(user, "view", "actions", { teamId: a.teamId }));
  const view = metricView(metric, values, trajectory, linked);
  return {
    metric: {
      id: metric.id,
      name: metric.name,
      description: metric.description,
      unit: metric.unit,
      measure: measureLabels[metric.measure],
      direction: directionLabels[metric.direction],
      owner: metric.ownerName,
      baselineFrom: metric.baselineFrom,
      baselineTo: metric.baselineTo,
    },
    view,
    trajectoryText: trajectory.map((t) => `${t.month} ${t.value}`).join("\n"),
    valueMonth: nextMonthToEnter(view.latest?.month ?? null, currentMonth),
    currentMonth,
    counted: metric.kind === "counted" ? countedSource(db, counted, metric.countedMeasure, user, today, listMonth) : null,
    canEnterValues: metric.kind === "entered" && mayEnterValues(user, metric),
    canManage: mayManageMetrics(user),
    linkedActions: linked.map((a) => actionListItem(a, today)),
  };
}

const savedMessages: Record<string, string> = {
  created: "Saved: the new metric is in place. Enter its values and trajectory below.",
  "created-counted": "Saved: the new metric is in place. Primed counts its values from the data; set its trajectory below.",
  updated: "Saved: your changes to the metric are in place.",
  added: "Saved: the value is added.",
  changed: "Saved: the value is changed. The audit trail keeps the old one.",
  unchanged: "Nothing to change: that month already had this value.",
  trajectory: "Saved: the trajectory is replaced.",
};

/** The success banner named in the address; unknown names show nothing. */
export function savedMessage(url: URL): string | null {
  return savedMessages[url.searchParams.get("saved") ?? ""] ?? null;
}

/** Where a counted metric's values come from, and the lists behind a month's value (the latest, or the one asked for) that the viewer may open. */
function countedSource(db: Db, counted: CountedValues | null, measureKey: string | null, user: SignedInUser, today: IsoDate, listMonth: string | null) {
  if (!counted)
    return {
      measure: measureKey ?? "",
      source: "Primed no longer knows this measure: choose another on the metric's Change page.",
      scope: "",
      through: null,
      gaps: [],
      lists: [],
      months: [],
      listMonth: null,
      listMonthNote: null,
    };
  const { measure, teams: scopeTeams } = counted;
  const months = counted.values.map((v) => v.month);
  const asked = listMonth !== null && listMonth !== "" ? listMonth : null;
  const latest = asked !== null && months.includes(asked) ? asked : (months.at(-1) ?? null);
  // An address naming a month without a value shows the latest, and says so.
  const listMonthNote =
    asked !== null && latest !== asked ? `There is no value for "${asked.slice(0, 20)}", so these are the lists behind the latest month. Choose a month from the list.` : null;
  const inScope = scopeTeams.length > 0 ? scopeTeams : db.select({ id: teams.id, name: teams.name, slug: teams.slug }).from(teams).orderBy(asc(teams.name)).all();
  const visible = inScope.filter((t) => can(user, "view", "team-figures", { teamId: t.id }));
  const report = { asOf: today, asOfChosen: false, from: latest ?? counted.through, to: latest ?? counted.through, monthsChosen: false } as const;
  const lists =
    latest === null
      ? []
      : visible.map((team) => ({
          team: team.name,
          links:
            measure.from === "care"
              ? measure.lists.map((figure) => ({ label: careFigureLabels[figure].title, href: careListHref(team.slug, { figure, month: latest }, report) }))
              : measure.figure
                ? [{ label: workFigures[measure.figure].label, href: figureItemsHref(team.slug, { figure: measure.figure, month: latest }, report) }]
                : [],
        }));
  return {
    measure: measure.label,
    source: measure.source,
    scope: scopeInWords(scopeTeams.map((t) => t.name)),
    wholeService: scopeTeams.length === 0,
    through: formatMonthLong(counted.through),
    latest: latest ? formatMonthLong(latest) : null,
    gaps: counted.gaps,
    lists,
    /** The months with a value, newest first, for choosing whose lists to open. */
    months: [...months].reverse().map((month) => ({ value: month, label: formatMonthLong(month) })),
    listMonth: latest,
    listMonthNote,
  };
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { ErrorSummary } from "~/components/ui/form-errors";
import { SeriesSection } from "~/components/signals/series-section";
import { SeriesSettings } from "~/components/signals/series-settings";
import { LinkedActions } from "~/components/actions/linked-actions";
import { actionListItem } from "~/actions/action-view";
import { listActions } from "~/actions/queries.server";
import { clockToday } from "~/platform/clock.server";
import { formatDate, formatMonthShort } from "~/dates";
import { fieldErrors, seriesFormRefusal, seriesFormSchema } from "~/interpretation/series-forms";
import { recordRecalculation, removeRecalculation, SeriesSettingError, setDirection, setTarget, WHOLE_SERVICE, WHOLE_TEAM } from "~/interpretation/series-settings.server";
import { signalView } from "~/interpretation/signals-view.server";
import { seriesReading, seriesReadings, signalMonths } from "~/interpretation/team-signals.server";
import { can } from "~/people/permissions";
import { requireAllowed, safeRedirectPath } from "~/people/guard.server";
import { teamContext } from "~/reports/team-context.server";
import { signalsHref } from "~/interpretation/signals-href";
import { SIGNAL_MONTHS } from "~/interpretation/report-series";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Signal or noise: ${data.worker ? `${data.worker.name}, ` : ""}${data.team.name} – Primed` : "Signal or noise – Primed" },
];

async function signalsContext(request: Request, slug: string | undefined) {
  const context = await teamContext(request, slug);
  const key = new URL(request.url).searchParams.get("series");
  const scope = { teamId: context.team.id, workerId: context.worker?.id };
  const focused = key === null ? undefined : seriesReading(context.db, scope, context.query.asOf, key);
  if (key !== null && !focused) throw data(`This report has no series called "${key}".`, { status: 404 });
  return { ...context, key, scope, focused };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, db, team, worker, query, scope, focused } = await signalsContext(request, params.slug);
  const readings = focused ? [focused] : seriesReadings(db, scope, query.asOf);
  const months = signalMonths(query.asOf);
  // A team's actions are meant to move the team's figures: a worker's chart does not show them.
  const today = clockToday();
  const linked = focused && !worker && can(user, "view", "actions", { teamId: team.id }) ? listActions(db, { teamIds: [team.id], series: focused.series.key }, today) : null;
  return {
    team: { name: team.name, slug: team.slug },
    worker,
    asOf: query.asOf,
    period: `${formatMonthShort(months[0]!)} to ${formatMonthShort(months.at(-1)!)}`,
    focused: Boolean(focused),
    signals: readings.map((reading) => signalView(reading, linked ?? [])),
    linkedActions: linked && linked.map((a) => actionListItem(a, today)),
    canManage: can(user, "manage", "interpretation", { teamId: team.id }),
    canManageService: can(user, "manage", "interpretation"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db, team, worker, focused, scope } = await signalsContext(request, params.slug);
  requireAllowed(user, "manage", "interpretation", { teamId: team.id });
  if (!focused) throw data("Choose a series first: its settings are on its own chart.", { status: 400 });
  const parsed = seriesFormSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error.issues) }, { status: 400 });
  const form = parsed.data;
  const series = focused.series.key;
  const serviceWide = form.intent === "direction" || form.intent === "target" ? form.level === "service" : false;
  const refusal = seriesFormRefusal(form, {
    mayManageService: can(user, "manage", "interpretation"),
    workerOpen: Boolean(worker),
    months: focused.months,
    unit: focused.series.unit,
  });
  if (refusal) return data({ errors: refusal.errors }, { status: refusal.status });
  try {
    switch (form.intent) {
      case "recalculate": {
        recordRecalculation(db, user, { series, teamId: team.id, month: form.month, reason: form.reason });
        break;
      }
      case "remove-recalculation":
        removeRecalculation(db, user, form.id, team.id);
        break;
      case "direction":
        setDirection(db, user, { series, teamId: serviceWide ? WHOLE_SERVICE : team.id, direction: form.direction });
        break;
      case "target": {
        setTarget(db, user, {
          series,
          teamId: serviceWide ? WHOLE_SERVICE : team.id,
          workerId: form.level === "worker" ? scope.workerId! : WHOLE_TEAM,
          startMonth: form.startMonth,
          value: form.value,
        });
        break;
      }
    }
  } catch (error) {
    if (error instanceof SeriesSettingError) return data({ errors: { form: error.message } }, { status: 400 });
    throw error;
  }
  // Back to the page as it was asked for: its address is the request's, so through the one redirect check too.
  const url = new URL(request.url);
  return redirect(safeRedirectPath(url.pathname + url.search, `/teams/${team.slug}/signals`));
}

export default function Signals() {
  const { team, worker, asOf, period, focused, signals, canManage, canManageService, linkedActions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors as Record<string, string> | undefined;
  const who = worker ? `${worker.name}, ${team.name}` : team.name;
  const reportHref = `/teams/${team.slug}${worker ? `?worker=${worker.id}` : ""}`;
  const signal = focused ? signals[0]! : undefined;
  const allHref = `/teams/${team.slug}/signals${worker ? `?worker=${worker.id}` : ""}`;
  return (
    <>
      <Breadcrumbs
        trail={[
          { label: "Teams", to: "/teams" },
          { label: who, to: reportHref },
          ...(signal ? [{ label: "Signal or noise", to: allHref }, { label: signal.label }] : [{ label: "Signal or noise" }]),
        ]}
      />
      <ErrorSummary errors={errors} />
      <span className="govuk-caption-l">{who}</span>
      <h1 className="govuk-heading-xl" id="page-heading">
        {signal ? signal.label : "Signal or noise"}
      </h1>
      <p className="govuk-body">
        The {SIGNAL_MONTHS} finished months {period} (data as of {formatDate(asOf)}), read the Making Data Count way: the mean and process limits show the month-to-month variation
        to expect, and coloured points mark a special cause (blue an improvement, orange a concern, purple a change that is neither). The month in progress is left out until it
        ends.
      </p>
      {signal ? (
        <>
          <SeriesSection signal={signal} ownHeading={false} />
          {linkedActions && <LinkedActions actions={linkedActions} headingLevel={2} />}
          {canManage && <SeriesSettings signal={signal} worker={worker} canManageService={canManageService} errors={errors} />}
        </>
      ) : (
        signals.map((s) => (
          <div key={s.key}>
            <SeriesSection signal={s} ownHeading />
            <p className="govuk-body">
              <a className="govuk-link" href={signalsHref(team.slug, s.key, worker, asOf)}>
                {canManage ? "Target, direction and recalculation" : "This chart on its own"}
                <span className="govuk-visually-hidden">: {s.label}</span>
              </a>
            </p>
          </div>
        ))
      )}
    </>
  );
}

import { BarChart } from "./bar-chart.client";
import type { ChartSpec } from "./chart-spec";
import { ClientOnly } from "./client-only";

/**
 * A chart drawn in the browser only (chart.js needs a canvas); the server and
 * a browser without JavaScript get a pointer to the table with the same figures.
 */
export function ReportChart({ spec, tableId }: { spec: ChartSpec; tableId: string }) {
  return (
    <div className="app-chart">
      <ClientOnly
        fallback={
          <p className="app-chart-fallback">
            {spec.summary} The chart appears once the page has loaded; the{" "}
            <a className="govuk-link" href={`#${tableId}`}>
              table below
            </a>{" "}
            has the same figures.
          </p>
        }
      >
        {() => <BarChart spec={spec} describedBy={tableId} />}
      </ClientOnly>
    </div>
  );
}

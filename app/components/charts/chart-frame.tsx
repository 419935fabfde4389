import type { ReactNode } from "react";
import { ClientOnly } from "../ui/client-only";

/**
 * Where a chart goes: drawn in the browser only (chart.js needs a canvas);
 * the server and a browser without JavaScript get the chart's summary and a
 * pointer to the table with the same figures.
 */
export function ChartFrame({ summary, tableId, children }: { summary: string; tableId: string; children: () => ReactNode }) {
  return (
    <div className="app-chart">
      <ClientOnly
        fallback={
          <p className="app-chart-fallback">
            {summary} The chart appears once the page has loaded; the{" "}
            <a className="govuk-link" href={`#${tableId}`}>
              table below
            </a>{" "}
            has the same figures.
          </p>
        }
      >
        {children}
      </ClientOnly>
    </div>
  );
}

import { BarChart } from "../charts/bar-chart.client";
import type { ChartSpec } from "~/reports/chart-spec";
import { ChartFrame } from "../charts/chart-frame";

/** A report's bar chart; the table with the same figures is the page's to place. */
export function ReportChart({ spec, tableId }: { spec: ChartSpec; tableId: string }) {
  return (
    <ChartFrame summary={spec.summary} tableId={tableId}>
      {() => <BarChart spec={spec} describedBy={tableId} />}
    </ChartFrame>
  );
}

/** What a chart shows, independent of the charting library. */
export interface ChartSeries {
  label: string;
  data: (number | null)[];
  colour: string;
  kind?: "bar" | "line";
  /** Bars with the same stack id are stacked on each other. */
  stack?: string;
  /** Where each bar opens to (its work items), if anywhere. */
  links?: (string | null)[];
}

export interface ChartSpec {
  labels: string[];
  series: ChartSeries[];
  yTitle: string;
  /** The values are pounds: the axis and tooltips say so (£1,234). */
  money?: boolean;
  /** A one-sentence description read out by screen readers; the table beside the chart has the figures. */
  summary: string;
}

// GOV.UK colours, chosen to stay distinct in greyscale as well as colour.
export const colours = {
  blue: "#1d70b8",
  darkBlue: "#003078",
  orange: "#f47738",
  red: "#d4351c",
  green: "#00703c",
  purple: "#4c2c92",
  turquoise: "#28a197",
  pink: "#d53880",
  brown: "#b58840",
  grey: "#505a5f",
  lightPurple: "#6f72af",
  black: "#0b0c0c",
};

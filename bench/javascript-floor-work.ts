/*
 * The work the JavaScript floor times (bench/javascript-floor.ts), run in a
 * process of its own so that its heap is fresh: what a page's processor goes
 * to, without HTTP, SQLite or Primed's own code. Each round draws a table of
 * 15 months by 40 rows with React's server renderer (about as many elements as
 * a team page draws outside its kept parts, and then some), and sends a
 * page's worth of figures (about 20 KB) to JSON and back. Prints one number:
 * the median processor milliseconds of a round.
 */
import { createElement as h } from "react";
import { renderToString } from "react-dom/server";

const WARM_UP_ROUNDS = 100;
const ROUNDS = 400;
const MONTHS = 15;
const ROWS = 40;

const months = Array.from({ length: MONTHS }, (_, i) => `2026-${String((i % 12) + 1).padStart(2, "0")}`);
const rows = Array.from({ length: ROWS }, (_, r) => ({
  label: `Figure ${r + 1}`,
  values: months.map((month, m) => ({ month, value: (r * 31 + m * 7) % 97, href: `/teams/front-door?figure=${r}&month=${month}` })),
}));

function table(round: number) {
  return h(
    "table",
    { className: "govuk-table" },
    h("caption", { className: "govuk-table__caption" }, `Round ${round}`),
    h("thead", null, h("tr", null, h("th", null, "Figure"), ...months.map((month) => h("th", { key: month, scope: "col" }, month)))),
    h(
      "tbody",
      null,
      rows.map((row) =>
        h(
          "tr",
          { key: row.label },
          h("th", { scope: "row" }, row.label),
          row.values.map((cell) => h("td", { key: cell.month, className: "govuk-table__cell--numeric" }, h("a", { href: cell.href }, cell.value + round))),
        ),
      ),
    ),
  );
}

function round(index: number): number {
  const html = renderToString(table(index));
  const data = JSON.parse(JSON.stringify({ index, rows })) as { rows: unknown[] };
  return html.length + data.rows.length;
}

let sink = 0;
for (let i = 0; i < WARM_UP_ROUNDS; i++) sink += round(i);
const times: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const before = process.cpuUsage();
  sink += round(i);
  const used = process.cpuUsage(before);
  times.push((used.user + used.system) / 1000);
}
times.sort((a, b) => a - b);
// The sink is printed to stderr so the work cannot be left out as unused.
console.error(`(${sink})`);
console.log(times[Math.floor(times.length / 2)]!.toFixed(3));

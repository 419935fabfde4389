import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ColumnHeads } from "~/components/ui/column-heads";

const html = (columns: Parameters<typeof ColumnHeads>[0]["columns"]) => renderToStaticMarkup(h(ColumnHeads, { columns }));

// The markup every table wrote out for itself before there was one component: the tables must not change.
describe("ColumnHeads", () => {
  it("writes a GOV.UK head row, figures right-aligned, and leaves out the columns switched off", () => {
    const showTeam = false;
    expect(html(["Action", showTeam && "Team", { label: "Open", numeric: true }, null, { label: "Status", className: "app-nowrap" }])).toBe(
      '<thead class="govuk-table__head"><tr class="govuk-table__row">' +
        '<th scope="col" class="govuk-table__header">Action</th>' +
        '<th scope="col" class="govuk-table__header app-numeric">Open</th>' +
        '<th scope="col" class="govuk-table__header app-nowrap">Status</th>' +
        "</tr></thead>",
    );
  });

  it("takes a ready-made heading cell (a sortable column) as it is", () => {
    const cell = h("th", { key: "team", scope: "col", className: "govuk-table__header", "aria-sort": "none" }, "Team");
    expect(html([cell, "Month"])).toBe(
      '<thead class="govuk-table__head"><tr class="govuk-table__row">' +
        '<th scope="col" class="govuk-table__header" aria-sort="none">Team</th>' +
        '<th scope="col" class="govuk-table__header">Month</th>' +
        "</tr></thead>",
    );
  });
});

import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { MemoryRouter } from "react-router-dom";
import { describe, expect, it } from "vitest";
import { Pagination } from "~/components/ui/pagination";

// Without react-router's own marker on links, which every Link carries alike.
const html = (props: Parameters<typeof Pagination>[0]) => renderToStaticMarkup(h(MemoryRouter, null, h(Pagination, props))).replaceAll(' data-discover="true"', "");

// The markup each list wrote out for itself before there was one component: the pages must not change.
describe("Pagination", () => {
  it("numbered pages with the page between the links (a team's work items)", () => {
    expect(
      html({
        label: "Pages of the list",
        noPrint: true,
        previous: { to: "/items?page=1", title: ["Previous", h("span", { key: "p", className: "govuk-visually-hidden" }, " page")] },
        between: h("p", { className: "govuk-body govuk-!-margin-bottom-0" }, "Page ", 2, " of ", 3),
        next: { to: "/items?page=3", title: ["Next", h("span", { key: "p", className: "govuk-visually-hidden" }, " page")] },
      }),
    ).toBe(
      '<nav class="govuk-pagination app-no-print" aria-label="Pages of the list">' +
        '<div class="govuk-pagination__prev"><a class="govuk-link govuk-pagination__link" rel="prev" href="/items?page=1"><span class="govuk-pagination__link-title">Previous<span class="govuk-visually-hidden"> page</span></span></a></div>' +
        '<p class="govuk-body govuk-!-margin-bottom-0">Page 2 of 3</p>' +
        '<div class="govuk-pagination__next"><a class="govuk-link govuk-pagination__link" rel="next" href="/items?page=3"><span class="govuk-pagination__link-title">Next<span class="govuk-visually-hidden"> page</span></span></a></div>' +
        "</nav>",
    );
  });

  it("the block style with arrows and a hidden colon (a team's monthly sheets)", () => {
    expect(
      html({ label: "Other months' sheets", block: true, arrows: true, noPrint: true, previous: { to: "/a", title: "Previous month", label: "October 2026" }, next: null }),
    ).toBe(
      '<nav class="govuk-pagination govuk-pagination--block app-no-print" aria-label="Other months&#x27; sheets">' +
        '<div class="govuk-pagination__prev"><a class="govuk-link govuk-pagination__link" rel="prev" href="/a">' +
        '<svg class="govuk-pagination__icon govuk-pagination__icon--prev" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13"><path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"></path></svg>' +
        '<span class="govuk-pagination__link-title">Previous month</span><span class="govuk-visually-hidden">:</span><span class="govuk-pagination__link-label">October 2026</span></a></div>' +
        "</nav>",
    );
  });

  it("the block style without arrows (the audit trail)", () => {
    expect(html({ label: "Pages of the audit trail", block: true, next: { to: "/b", title: "Older entries", label: ["Page ", 3, " of ", 4] } })).toBe(
      '<nav class="govuk-pagination govuk-pagination--block" aria-label="Pages of the audit trail">' +
        '<div class="govuk-pagination__next"><a class="govuk-link govuk-pagination__link" rel="next" href="/b"><span class="govuk-pagination__link-title">Older entries</span><span class="govuk-pagination__link-label">Page 3 of 4</span></a></div>' +
        "</nav>",
    );
  });
});

import type { Locator, Page } from "playwright-core";

/**
 * Types a calendar date (YYYY-MM-DD) into GOV.UK's Day, Month and Year boxes
 * (app/components/ui/date-input.tsx): the day box has the field's id, the others
 * add -month and -year. `within` is the page or a part of it, such as a row.
 */
export async function fillDate(within: Page | Locator, id: string, date: string): Promise<void> {
  const [year, month, day] = date.split("-") as [string, string, string];
  await within.locator(`#${id}`).fill(String(Number(day)));
  await within.locator(`#${id}-month`).fill(String(Number(month)));
  await within.locator(`#${id}-year`).fill(year);
}

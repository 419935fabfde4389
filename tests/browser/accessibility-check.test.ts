/*
 * The accessibility check every browser test relies on finds what it should:
 * a serious finding, a moderate one and a best practice, each by name. Without
 * this, a check that quietly ran no rules would pass every page.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { accessibilityProblems, launchBrowser } from "../helpers/browser";

let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.cleanup();
});

it("reports a missing text alternative, a skipped heading level and content outside landmarks", async () => {
  const page = await browser.newPage();
  await page.setContent(`<!doctype html><html lang="en"><head><title>A page with problems</title></head>
    <body><main><h1>Figures</h1><h3>Skipped a level</h3><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="10" height="10"></main>
    <p>Outside every landmark</p></body></html>`);
  const problems = await accessibilityProblems(page);
  expect(problems.map((p) => p.split(" ")[0])).toEqual(expect.arrayContaining(["image-alt", "heading-order", "region"]));
  expect(problems.find((p) => p.startsWith("heading-order"))).toMatch(/\(moderate\)/);
  await page.close();
});

it("reports nothing for a page without problems", async () => {
  const page = await browser.newPage();
  await page.setContent(`<!doctype html><html lang="en"><head><title>A tidy page</title></head>
    <body><main><h1>Figures</h1><p>Nothing to find.</p></main></body></html>`);
  expect(await accessibilityProblems(page)).toEqual([]);
  await page.close();
});

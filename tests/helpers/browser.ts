import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { scaledWait } from "./machine-load";

export { scaledWait };

export const CHROMIUM = "/usr/bin/chromium";

/** Debian's Chromium, headless, with a fresh profile. Fails, never skips, when it is missing. */
export async function launchBrowser(): Promise<BrowserContext & { cleanup(): Promise<void> }> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Debian's chromium is not installed at ${CHROMIUM}: apt-get install -y chromium`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "primed-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  context.setDefaultTimeout(scaledWait(30_000));
  context.setDefaultNavigationTimeout(scaledWait(30_000));
  return Object.assign(context, {
    async cleanup() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  });
}

let minifiedAxe: string | undefined;
/**
 * axe-core's minified build (the same release as its `source`): the page parses 0.65 MB instead of 1.5 MB at every
 * check, about 70 ms less of Chromium's processor a check, over a hundred checks a run (2026-12-04).
 */
function axeSource(): string {
  minifiedAxe ??= fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  return minifiedAxe;
}

/**
 * Every axe finding against WCAG 2.2 AA and axe's best practices (landmarks,
 * heading order), moderate and minor included, as readable lines: "axe finds
 * nothing" means nothing, not only nothing serious.
 *
 * Run with our own axe-core (4.14), in legacy mode (one `axe.run` in the
 * page), reporting violations only. @axe-core/playwright 4.13 brings
 * axe-core 4.13.0, which took 9.4 s on the signals page (3,557 elements)
 * where 4.14.1 takes 3.4 s; its 4.14 release wants Node 22, and Primed runs
 * on Node 20. Its default mode runs axe in parts and finishes the run in a
 * second, blank page: 11.9 s against 3.3 s there, for the same findings.
 * Legacy mode only loses axe's reach into cross-origin frames, and Primed's
 * pages have no frames.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page, axeSource: axeSource() })
    .options({ runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] }, resultTypes: ["violations"] })
    .setLegacyMode(true)
    .analyze();
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Whether this run keeps pictures of the pages to look at: `npm run test:screenshots` sets it. */
export const takingScreenshots = () => process.env.PRIMED_TEST_SCREENSHOTS === "on";

/**
 * A full-page picture in test-results/, to look at, when the run takes them
 * (`npm run test:screenshots`, PRIMED_TEST_SCREENSHOTS=on). No test reads
 * them, and one costs Chromium up to 2 s of processor on a long page (the
 * team report: 1.9 s, 2026-12-04), about a tenth of the browser tests' work,
 * so `npm test` leaves them out. `always` takes one whatever the setting: a
 * picture of what a failing check saw.
 */
export async function screenshot(page: Page, name: string, { always = false } = {}) {
  if (!always && !takingScreenshots()) return;
  fs.mkdirSync("test-results", { recursive: true });
  await page.screenshot({ path: `test-results/${name}.png`, fullPage: true });
}

/** Signs in through the sign-in page and waits to land on the role's start page. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.fill("#email", email);
  await page.fill("#password", password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  // The address changes before the new page has rendered.
  await page.locator("h1", { hasNotText: "Sign in to Primed" }).waitFor();
}

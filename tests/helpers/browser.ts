import fs from "node:fs";
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

/**
 * Every axe finding against WCAG 2.2 AA and axe's best practices (landmarks,
 * heading order), moderate and minor included, as readable lines: "axe finds
 * nothing" means nothing, not only nothing serious.
 *
 * Legacy mode (one `axe.run` in the page) and violations only: the default
 * mode runs axe in parts and then finishes the run in a second, blank page
 * from every node's partial result, which on the signals page (3,557
 * elements) took 11.9 s against 3.3 s for the same rules and the same
 * findings. Legacy mode only loses axe's reach into cross-origin frames, and
 * Primed's pages have no frames. Passed checks are reported with one node
 * each, as nothing reads them.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .options({ runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] }, resultTypes: ["violations"] })
    .setLegacyMode(true)
    .analyze();
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync("test-results", { recursive: true });
  await page.screenshot({ path: `test-results/${name}.png`, fullPage: true });
}

/** Signs in through the sign-in page and waits to land on the role's start page. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.fill("#email", email);
  await page.fill("#password", password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  // The address changes before the new page has rendered.
  await page.locator("h1", { hasNotText: "Sign in to Primed" }).waitFor();
}

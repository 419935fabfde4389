import type { Page } from "playwright-core";
import { openDatabase, type Connection } from "../../db/connection";
import { startApp, type RunningApp } from "./app-server";
import { launchBrowser, signIn } from "./browser";

export interface SignedInApp {
  app: RunningApp;
  browser: Awaited<ReturnType<typeof launchBrowser>>;
  page: Page;
  /** The app's own database, to compare pages with. */
  database: Connection;
  /** Errors the page logged in the browser's console, for the CSP checks. */
  consoleErrors: string[];
  stop(): Promise<void>;
}

/** The built app on a fresh demo database, with a browser page signed in as `email`. */
export async function signedInApp(email: string, password: string): Promise<SignedInApp> {
  const app = await startApp();
  const browser = await launchBrowser();
  const page = await browser.newPage();
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  const database = openDatabase(app.databasePath);
  await signIn(page, app.url, email, password);
  return {
    app,
    browser,
    page,
    database,
    consoleErrors,
    async stop() {
      database.close();
      await browser.cleanup();
      await app.stop();
    },
  };
}

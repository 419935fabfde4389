/*
 * PDFs made by headless Chromium (docs/decisions/2026-11-23-meeting-pack-pdf.md):
 * the page the browser shows, with the app's own stylesheet, printed to A4
 * with a header and page numbers on every page. Chromium starts on the first
 * PDF a process makes and is reused after (it takes a second or two to
 * start); each PDF gets a fresh context, closed when it is done. Playwright
 * kills the browser when the process exits.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { getEnv } from "~/platform/env-cache.server";

/** Why no PDF could be made, in words for the page that says so. */
export class PdfUnavailable extends Error {}

/** Longer than any pack takes (about a second); a hung Chromium must not hold a request for ever. */
const TIME_LIMIT_MS = 30_000;

let browser: Promise<Browser> | null = null;

function sharedBrowser(): Promise<Browser> {
  if (browser) return browser;
  const executablePath = getEnv().PRIMED_CHROMIUM;
  if (!fs.existsSync(executablePath)) {
    return Promise.reject(new PdfUnavailable(`Chromium is not installed at ${executablePath} (PRIMED_CHROMIUM).`));
  }
  // Loaded on the first PDF, not when the server starts: Playwright is about a tenth of a serving process's start
  // (0.13 of 1.6 s of processor, 2026-12-04), in every process, and most never make a PDF.
  const launching = import("playwright-core")
    .then(({ chromium }) =>
      chromium.launch({
        executablePath,
        headless: true,
        // The server's own shutdown ends the process; Playwright's exit handler then kills Chromium.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
      }),
    )
    .then((launched) => {
      // A crashed browser is started again on the next PDF.
      launched.on("disconnected", () => {
        if (browser === launching) browser = null;
      });
      return launched;
    });
  browser = launching;
  launching.catch(() => {
    if (browser === launching) browser = null;
  });
  return launching;
}

let stylesheet: string | undefined;

/** The compiled stylesheet, inlined: the page is set from a string and loads nothing. */
function appStylesheet(): string {
  if (stylesheet === undefined) {
    const file = path.resolve("public/styles/app.css");
    if (!fs.existsSync(file)) throw new PdfUnavailable("The stylesheet has not been built (npm run build:css).");
    stylesheet = fs.readFileSync(file, "utf8");
  }
  return stylesheet;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface PdfDocument {
  title: string;
  /** The rendered body: static HTML, no scripts. */
  bodyHtml: string;
  /** The line at the top of every page. */
  header: string;
}

// Chromium draws the header and footer in the margins at its own tiny default size: they set theirs.
const marginText = "font-family: Arial, sans-serif; font-size: 8pt; color: #0b0c0c; width: 100%; margin: 0 12mm;";

/** The document as an A4 PDF with the header on every page and "Page N of M" at the foot. */
export async function renderPdf(document: PdfDocument): Promise<Uint8Array<ArrayBuffer>> {
  const html = `<!DOCTYPE html><html lang="en-GB" class="govuk-template"><head><meta charset="utf-8"><title>${escapeHtml(document.title)}</title><style>${appStylesheet()}</style></head><body class="govuk-template__body"><div class="govuk-width-container"><main class="govuk-main-wrapper">${document.bodyHtml}</main></div></body></html>`;
  let context;
  try {
    context = await (await sharedBrowser()).newContext({ javaScriptEnabled: false });
  } catch (error) {
    if (error instanceof PdfUnavailable) throw error;
    throw new PdfUnavailable(`Chromium could not be started: ${(error as Error).message.split("\n")[0]}`);
  }
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void context.close();
  }, TIME_LIMIT_MS);
  try {
    const page = await context.newPage();
    // Everything is in the document; nothing it names is fetched.
    await page.route("**/*", (route) => route.abort());
    await page.setContent(html, { waitUntil: "load", timeout: TIME_LIMIT_MS });
    const pdf = await page.pdf({
      format: "A4",
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: `<div style="${marginText}">${escapeHtml(document.header)}</div>`,
      footerTemplate: `<div style="${marginText} text-align: right;">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`,
      margin: { top: "18mm", bottom: "16mm", left: "12mm", right: "12mm" },
    });
    return new Uint8Array(pdf);
  } catch (error) {
    if (timedOut) throw new PdfUnavailable(`Chromium took longer than ${TIME_LIMIT_MS / 1000} seconds.`);
    throw new PdfUnavailable(`Chromium could not make the PDF: ${(error as Error).message.split("\n")[0]}`);
  } finally {
    clearTimeout(timer);
    await context.close().catch(() => undefined);
  }
}

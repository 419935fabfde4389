import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderToStaticMarkup } from "react-dom/server";
import { standalonePage } from "~/http/standalone-page.server";
import { MeetingPack, packRunningHead } from "~/components/cycle/meeting-pack";
import { careBookReady } from "~/care/care-book.server";
import { cycleContext } from "~/cycle/cycle-context.server";
import { cycleHref } from "~/cycle/cycle-href";
import { liveReportHref, packToShow } from "~/cycle/pack.server";
import { PdfUnavailable, renderPdf } from "~/cycle/pdf.server";
import { formatMonthLong } from "~/dates";
import { downloadLoader } from "~/http/download-loader.server";

/** The meeting pack as an A4 PDF: the issued pack, or the draft while there is none. */
export const loader = downloadLoader(async ({ request, params }: LoaderFunctionArgs) => {
  const { db, today, month, team } = await cycleContext(request, params);
  await careBookReady(db);
  const { contents, issue, minutes } = packToShow(db, team, month, today);
  const title = `${team.name}: meeting pack for ${formatMonthLong(month)}`;
  // The PDF travels on its own: its link to the live report is a whole address.
  const live = new URL(liveReportHref(team.slug, month), request.url).href;
  try {
    const pdf = await renderPdf({
      title,
      bodyHtml: renderToStaticMarkup(<MeetingPack pack={contents} issue={issue} minutes={minutes} liveReportHref={live} />),
      header: packRunningHead(contents, issue === null),
    });
    return new Response(pdf, {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="meeting-pack-${team.slug}-${month}${issue ? "" : "-draft"}.pdf"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (!(error instanceof PdfUnavailable)) throw error;
    console.error(`The meeting pack PDF could not be made: ${error.message}`);
    return new Response(unavailablePage(error.message, cycleHref(team.slug, month, "pack")), { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
  }
});

/** A page of its own: this route has no page component for the app's error page to sit in. */
function unavailablePage(reason: string, packHref: string): string {
  return standalonePage(
    "The PDF cannot be made just now",
    <>
      <p className="govuk-body">Primed makes the meeting pack's PDF with Chromium, and it is not working on this server: {reason}</p>
      <p className="govuk-body">
        You can still make one: open{" "}
        <a className="govuk-link" href={packHref}>
          the meeting pack
        </a>
        , press Print, and choose "Save as PDF" as the printer.
      </p>
      <p className="govuk-body">If this keeps happening, tell your Primed administrator.</p>
    </>,
  );
}

/*
 * The meeting pack's PDF for a reminder, made when the message is sent (the
 * outbox keeps only "pack:<team id>:<month>"), as the pack's PDF page makes it.
 * Here, not in app/reminders/: it renders a page part, which no domain module may import.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { Db } from "../db/connection";
import { MeetingPack, packRunningHead } from "../app/components/cycle/meeting-pack";
import { careBookReady } from "../app/care/care-book.server";
import { liveReportHref, packToShow } from "../app/cycle/pack.server";
import { PdfUnavailable, renderPdf } from "../app/cycle/pdf.server";
import { formatMonthLong, isIsoMonth } from "../app/dates";
import { teamTypeLabels } from "../app/reference-data/reference-data";
import type { AttachmentMaker } from "../app/reminders/mail-job.server";
import { findTeamById } from "../app/teams/teams.server";

/** Makes the PDF, or nothing when Chromium cannot (the mail says the pack is in Primed, with its link). */
export function packAttachment(db: Db, publicUrl: string, today: () => string, log: (line: string) => void): AttachmentMaker {
  return async (reference) => {
    const [kind, teamId, month] = reference.split(":");
    if (kind !== "pack" || !month || !isIsoMonth(month)) return null;
    const team = findTeamById(db, Number(teamId));
    if (!team) return null;
    await careBookReady(db);
    const packTeam = { id: team.id, name: team.name, slug: team.slug, typeLabel: teamTypeLabels[team.type] };
    const { contents, issue, minutes } = packToShow(db, packTeam, month, today());
    try {
      const content = await renderPdf({
        title: `${team.name}: meeting pack for ${formatMonthLong(month)}`,
        bodyHtml: renderToStaticMarkup(createElement(MeetingPack, { pack: contents, issue, minutes, liveReportHref: `${publicUrl}${liveReportHref(team.slug, month)}` })),
        header: packRunningHead(contents, issue === null),
      });
      return { filename: `meeting-pack-${team.slug}-${month}.pdf`, content };
    } catch (error) {
      if (!(error instanceof PdfUnavailable)) throw error;
      log(`A meeting pack reminder goes without its PDF: ${error.message}`);
      return null;
    }
  };
}

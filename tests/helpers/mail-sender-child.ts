/*
 * One process sending the outbox, as a second server's job would: the test
 * starts two on the same database file at once. argv: database, SMTP address.
 * It sends until nothing is left to claim, then exits.
 */
import { openDatabase } from "../../db/connection";
import { mailTick } from "~/reminders/mail-job.server";

const [databasePath, smtpUrl] = process.argv.slice(2) as [string, string];
const connection = openDatabase(databasePath);
const settings = { smtpUrl, from: "primed@council.example", publicUrl: "https://primed.council.example", daysBefore: 3 };
let sent = 0;
for (;;) {
  // perTick 1: the two processes take turns message by message, as closely as they can.
  const tried = await mailTick({ db: connection.db, settings, today: () => "2026-11-23", log: () => {}, perTick: 1 });
  if (tried === 0) break;
  sent += tried;
}
connection.close();
console.log(JSON.stringify({ sent }));

/*
 * One process watching a drop folder, as a second server would: the test starts
 * two of these on the same folder and database. argv: database, folder.
 */
import { openDatabase } from "../../db/connection";
import { watchDropFolder } from "~/import/drop-folder.server";

const [databasePath, dir] = process.argv.slice(2) as [string, string];
const connection = openDatabase(databasePath);
const watcher = watchDropFolder(
  { db: connection.db, databasePath, dir, settleMs: 60_000, choices: { skipInvalid: false, createMissing: false }, log: (line) => console.log(line) },
  50,
);
// The watcher's timer does not keep a process alive (a server has its listener for that): this does.
const alive = setInterval(() => {}, 60_000);
process.on("SIGTERM", () => {
  clearInterval(alive);
  void watcher.stop().then(() => {
    connection.close();
    process.exit(0);
  });
});

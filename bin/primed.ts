/*
 * The operator's command line: `npm run primed -- <command>`. It runs on the
 * server as the system, against the database at DATABASE_PATH.
 */
import { runCli } from "../app/cli/run";

process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});

import { parseArgs } from "node:util";
import { z } from "zod";
import { openDatabase, type Connection } from "../../db/connection";
import { EnvError, readEnv } from "~/platform/env.server";
import { listTeams } from "~/teams/teams.server";
import { teamTypeLabels } from "~/reference-data/reference-data";
import { formatBackup, runBackup } from "./backup-command";
import { formatCare, runCare } from "./care-command";
import { formatMetrics, runMetrics } from "./metrics-command";
import { CliError } from "./cli-error";
import { formatImportReport, formatRefresh, runImportCommand } from "./import-command";
import { refreshMonthSummariesOf } from "~/work-figures/month-summaries.server";
import { formatReport, reportOptionsSchema, runReport } from "./report-command";
import { formatRestore, runRestore } from "./restore-command";
import { readStandardInput, runSpcCommand } from "./spc-command";
import { clockToday } from "~/platform/clock.server";

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** All of standard input; tests pass their own. */
  readInput?: () => Promise<string>;
}

const usage = `Usage: npm run primed -- <command> [options]

Commands:
  report --team <name or slug> --from YYYY-MM --to YYYY-MM [--worker <name>] [--as-of YYYY-MM-DD] [--json]
                 a team's (or one worker's) monthly figures
  care --team <name or slug> --from YYYY-MM --to YYYY-MM [--worker <name>] [--as-of YYYY-MM-DD] [--json]
                 a team's (or one worker's) care and support, and what it costs, month by month
  teams          list the teams
  metrics [--metric <name or id>] [--json]
                 every Primed Metric (or one): its kind, unit and scope, each month's value,
                 trajectory and baseline projection, and the latest differences in words
  import <file.csv> [--dry-run] [--skip-invalid] [--create-missing] [--rejects FILE]
                 load a monthly extract (CLD shape); nothing changes if any row is invalid,
                 unless --skip-invalid (valid rows load, the others go to the rejects file)
  refresh-summaries
                 count every finished month's figures again (done after each load and
                 at start-up when a month has ended; reports count live until then)
  generate-extract --rows N --out FILE [--scale demo|large] [--seed N]
                 write a realistic CLD-shaped extract: the demo council's most recent work,
                 or the large council of 120 teams and 1,500 workers (N work rows), with the
                 Service rows of the care and support going on meanwhile
  demo [--reset] [--seed N]
                 load the demo council into an empty database (--reset replaces everything)
  spc            read one series as JSON on standard input and print its SPC chart (limits,
                 special causes, icons) as one line of JSON; the fields are values, direction,
                 target, recalculateAt, baselineEnd and settings, e.g.
                 echo '{"values": [12, 15, 11], "direction": "up"}' | npm run primed -- spc
  backup <file> [--force]
                 copy the database to a file while Primed runs, and check the copy
                 (--force replaces an existing file)
  restore <file> with Primed stopped, replace the database with a checked backup; the
                 database it replaces is kept beside it

Environment: DATABASE_PATH (default data/primed.db)`;

/** The options of `report` and `care`: a team's months, as of a date, as JSON or a table. */
const reportArgs = {
  team: { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  worker: { type: "string" },
  "as-of": { type: "string" },
  json: { type: "boolean" },
} as const;

function withDatabase<T>(path: string, work: (connection: Connection) => T): T {
  const connection = openDatabase(path);
  try {
    return work(connection);
  } finally {
    connection.close();
  }
}

function parseOrExplain<T>(schema: z.ZodType<T>, values: unknown): T {
  const parsed = schema.safeParse(values);
  if (!parsed.success) throw new CliError(parsed.error.issues[0]?.message ?? "the options are not valid");
  return parsed.data;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help") {
    io.out(usage);
    return command ? 0 : 1;
  }
  try {
    const env = readEnv();
    switch (command) {
      case "report": {
        const { values } = parseArgs({
          args: rest,
          options: reportArgs,
        });
        const options = parseOrExplain(reportOptionsSchema, values);
        const report = withDatabase(env.DATABASE_PATH, ({ db }) => runReport(db, options));
        io.out(options.json ? JSON.stringify(report) : formatReport(report));
        return 0;
      }
      case "care": {
        const { values } = parseArgs({
          args: rest,
          options: reportArgs,
        });
        const options = parseOrExplain(reportOptionsSchema, values);
        const care = withDatabase(env.DATABASE_PATH, ({ db }) => runCare(db, options));
        io.out(options.json ? JSON.stringify(care) : formatCare(care));
        return 0;
      }
      case "metrics": {
        const { values } = parseArgs({ args: rest, options: { metric: { type: "string" }, json: { type: "boolean" } } });
        const metrics = withDatabase(env.DATABASE_PATH, ({ db }) => runMetrics(db, clockToday(), { metric: values.metric }));
        io.out(values.json ? JSON.stringify(metrics) : formatMetrics(metrics));
        return 0;
      }
      case "teams": {
        parseArgs({ args: rest, options: {} });
        const teams = withDatabase(env.DATABASE_PATH, ({ db }) => listTeams(db));
        for (const team of teams) {
          io.out(`${team.slug.padEnd(28)} ${team.name} (${teamTypeLabels[team.type]})`);
        }
        return 0;
      }
      case "import": {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: {
            "dry-run": { type: "boolean" },
            "skip-invalid": { type: "boolean" },
            "create-missing": { type: "boolean" },
            rejects: { type: "string" },
          },
        });
        if (positionals.length !== 1) throw new CliError("Name one CSV file to import: npm run primed -- import <file.csv>");
        const { report, summaries } = await runImportCommand(env.DATABASE_PATH, {
          file: positionals[0]!,
          dryRun: Boolean(values["dry-run"]),
          skipInvalid: Boolean(values["skip-invalid"]),
          createMissing: Boolean(values["create-missing"]),
          rejects: values.rejects,
        });
        (report.status === "refused" ? io.err : io.out)(formatImportReport(report, summaries));
        return report.status === "refused" ? 1 : 0;
      }
      case "refresh-summaries": {
        io.out(formatRefresh(refreshMonthSummariesOf(env.DATABASE_PATH, clockToday())));
        return 0;
      }
      case "generate-extract": {
        const { values } = parseArgs({
          args: rest,
          options: { rows: { type: "string" }, out: { type: "string" }, scale: { type: "string" }, seed: { type: "string" } },
        });
        const options = parseOrExplain(
          z.object({
            rows: z.coerce
              .number({ message: "--rows must be a whole number" })
              .int("--rows must be a whole number")
              .min(1, "--rows must be at least 1")
              .max(2_000_000, "--rows must be at most 2,000,000"),
            out: z.string({ message: "--out is required: the CSV file to write" }).min(1, "--out is required: the CSV file to write"),
            scale: z.enum(["demo", "large"], { message: '--scale must be "demo" or "large"' }).default("demo"),
            seed: z.coerce.number({ message: "--seed must be a whole number" }).int("--seed must be a whole number").default(env.PRIMED_DEMO_SEED),
          }),
          { ...values, rows: values.rows ?? "" },
        );
        const started = Date.now();
        // Loaded only here, as the demo command's loader is: the generator brings in faker's name lists.
        const { generateExtract } = await import("./generate-extract-command");
        const { written, note } = await generateExtract(options);
        io.out(`Wrote ${written} rows to ${options.out} (${note}) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
        return 0;
      }
      case "demo": {
        const { values } = parseArgs({
          args: rest,
          options: { reset: { type: "boolean" }, seed: { type: "string" } },
        });
        const seed = parseOrExplain(z.coerce.number({ message: "--seed must be a whole number" }).int("--seed must be a whole number"), values.seed ?? env.PRIMED_DEMO_SEED);
        // Loaded only here: the generator brings in faker's name lists.
        const { isServiceEmpty, loadDemoCouncil } = await import("~/demo/load.server");
        const started = Date.now();
        const connection = openDatabase(env.DATABASE_PATH);
        let summary;
        try {
          if (!values.reset && !isServiceEmpty(connection.db)) {
            throw new CliError("The database already holds a service. Add --reset to replace everything in it with the demo council.");
          }
          summary = await loadDemoCouncil(connection.db, seed, clockToday());
        } finally {
          connection.close();
        }
        io.out(
          `Loaded the demo council into ${env.DATABASE_PATH}: ${summary.teams} teams, ${summary.workers} workers, ${summary.workItems} work items, ${summary.services} services, ${summary.users} demo sign-ins (${((Date.now() - started) / 1000).toFixed(1)} s).`,
        );
        return 0;
      }
      case "backup": {
        const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { force: { type: "boolean" } } });
        if (positionals.length !== 1) throw new CliError("Name one file to write the backup to: npm run primed -- backup <file>");
        io.out(formatBackup(await runBackup(env.DATABASE_PATH, { file: positionals[0]!, force: Boolean(values.force) })));
        return 0;
      }
      case "restore": {
        const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} });
        if (positionals.length !== 1) throw new CliError("Name one backup file to restore: npm run primed -- restore <file>");
        io.out(formatRestore(await runRestore(env.DATABASE_PATH, positionals[0]!)));
        return 0;
      }
      case "spc": {
        parseArgs({ args: rest, options: {} });
        io.out(await runSpcCommand(io.readInput ?? readStandardInput));
        return 0;
      }
      default:
        throw new CliError(`Unknown command "${command}".\n\n${usage}`);
    }
  } catch (error) {
    if (error instanceof CliError || error instanceof EnvError) {
      io.err(`Error: ${error.message}`);
      return 1;
    }
    // node:util parseArgs explains unknown or malformed options itself.
    if (error instanceof TypeError && String((error as { code?: unknown }).code).startsWith("ERR_PARSE_ARGS")) {
      io.err(`Error: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

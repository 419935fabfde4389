import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { CliError } from "./cli-error";
import { checkPrimedDatabase, copyDatabase, formatSize, type DatabaseFacts } from "./database-file";

export interface BackupReport extends DatabaseFacts {
  databasePath: string;
  file: string;
  copyMs: number;
  checkMs: number;
}

/**
 * Takes a consistent copy of the database while Primed serves, then checks
 * the copy as a restore would. The copy is written under a temporary name and
 * renamed when whole and checked, so a backup cut short never looks complete.
 */
export async function runBackup(databasePath: string, options: { file: string; force: boolean }): Promise<BackupReport> {
  if (!fs.existsSync(databasePath)) throw new CliError(`There is no database at ${databasePath} to back up (set DATABASE_PATH to the one Primed uses).`);
  const file = path.resolve(options.file);
  if (file === path.resolve(databasePath)) throw new CliError("The backup must be a file other than the database itself.");
  if (fs.existsSync(file) && !options.force) throw new CliError(`${options.file} already exists. Name a new file, or add --force to replace it.`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });

  const started = performance.now();
  // Opened without migrating: during an upgrade the running (older) server still uses this database.
  const source = new Database(databasePath, { fileMustExist: true });
  try {
    source.pragma("busy_timeout = 5000");
    await copyDatabase(source, partial);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  } finally {
    source.close();
  }
  const copied = performance.now();
  let facts: DatabaseFacts;
  try {
    facts = checkPrimedDatabase(partial);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    if (error instanceof CliError) throw new CliError(`The copy of ${databasePath} failed its check, so no backup was written. ${error.message}`);
    throw error;
  }
  fs.renameSync(partial, file);
  return { ...facts, databasePath, file: options.file, copyMs: copied - started, checkMs: performance.now() - copied };
}

export function formatBackup(report: BackupReport): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return [
    `Backed up ${report.databasePath} to ${report.file}: ${formatSize(report.bytes)}, schema ${report.schema} (${report.teams} teams, ${report.workItems.toLocaleString("en-GB")} work items).`,
    `Copied in ${seconds(report.copyMs)}; checked in ${seconds(report.checkMs)} (integrity check passed).`,
  ].join("\n");
}

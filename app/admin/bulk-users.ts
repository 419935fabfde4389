/*
 * A CSV of people to add or change (name, email, role, teams, worker), read
 * and checked whole before anything is stored: each row exactly as the user
 * forms check a person (the same zod fields, `userFieldProblems`), and every
 * problem reported with its row as a spreadsheet numbers it (the header is
 * row 1), its column, the value and what is wrong or accepted. Pure: the
 * stored teams, workers and users come in as `UsersCsvContext`
 * (app/admin/bulk-users.server.ts reads them and stores the result).
 *
 * A row whose email is a stored user's changes that user's name, role, teams
 * and worker, as their page would; their password and whether they are active
 * stay as they are.
 */
import Papa from "papaparse";
import { userRoles, type UserRole } from "../../db/schema";
import { roleLabels } from "~/people/permissions";
import { emailField, userFields } from "./forms";
import { MAX_USER_ROWS, USER_COLUMNS, type UserColumn, type UserCsvProblem } from "./bulk-users-format";
import { OWN_ADMIN_ROLE, userFieldProblems, type UserFields } from "./user-rules";

const REQUIRED: readonly UserColumn[] = ["Name", "Email", "Role"];

/** A header as written, in any case or spacing, to its column. */
const HEADER_NAMES: Record<string, UserColumn> = {
  name: "Name",
  fullname: "Name",
  email: "Email",
  emailaddress: "Email",
  role: "Role",
  team: "Teams",
  teams: "Teams",
  teamorteams: "Teams",
  worker: "Worker",
  workername: "Worker",
  workerrecord: "Worker",
};

export interface CsvTeam {
  id: number;
  name: string;
  slug: string;
}
export interface CsvWorker {
  id: number;
  name: string;
  teamId: number | null;
}
export interface CsvStoredUser {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  workerId: number | null;
  /** The teams they manage. */
  teamIds: readonly number[];
}

export interface UsersCsvContext {
  teams: readonly CsvTeam[];
  workers: readonly CsvWorker[];
  users: readonly CsvStoredUser[];
  /** The administrator loading the file: they may not take away their own administrator role. */
  loadedBy?: number;
}

export interface UserCsvRow {
  row: number;
  email: string;
  fields: UserFields;
  /** add: a new person; update: a stored user changes; same: a stored user as they are. */
  change: "add" | "update" | "same";
  /** The stored user a row changes (update or same). */
  userId?: number;
}

export type UsersCsvReading = { ok: true; rows: UserCsvRow[]; notes: string[] } | { ok: false; problems: UserCsvProblem[]; notes: string[] };

const key = (text: string) => text.trim().replace(/\s+/g, " ").toLowerCase();
const headerKey = (text: string) => text.toLowerCase().replace(/[\s_\-()]+/g, "");

const roleList = userRoles.map((role) => roleLabels[role]).join(", ");
const roleByWord = new Map<string, UserRole>(userRoles.flatMap((role) => [[key(role), role] as const, [key(roleLabels[role]), role] as const]));

const sameSet = (a: readonly number[], b: readonly number[]) => a.length === b.length && [...a].sort().join(",") === [...b].sort().join(",");

export function readUsersCsv(text: string, context: UsersCsvContext): UsersCsvReading {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: false });
  const records = parsed.data;
  // A file that ends with a line break has an empty last record: not a row.
  while (records.length > 0 && records[records.length - 1]!.every((cell) => cell.trim() === "")) records.pop();
  const problems: UserCsvProblem[] = [];
  const notes: string[] = [];
  const refuse = (row: number, column: UserColumn | "", value: string, message: string) => problems.push({ row, column, value, message });
  const failed = (): UsersCsvReading => ({ ok: false, problems: problems.sort((a, b) => a.row - b.row), notes });

  for (const error of parsed.errors) {
    if (error.type === "Quotes") refuse((error.row ?? 0) + 1, "", "", 'A quoted value is never closed: check the quote marks (")');
  }
  if (records.length === 0) {
    refuse(1, "", "", `The file is empty: row 1 must name the columns ${USER_COLUMNS.join(", ")}`);
    return failed();
  }

  const column = new Map<UserColumn, number>();
  const ignored: string[] = [];
  records[0]!.forEach((cell, index) => {
    const name = HEADER_NAMES[headerKey(cell)];
    if (name && !column.has(name)) column.set(name, index);
    else if (name) refuse(1, name, cell, `The ${name} column is named twice: keep one`);
    else if (cell.trim() !== "") ignored.push(cell.trim());
  });
  if (ignored.length > 0) {
    notes.push(
      `${ignored.map((c) => `"${c}"`).join(", ")} ${ignored.length === 1 ? "is not a column" : "are not columns"} Primed reads, so ${ignored.length === 1 ? "it was" : "they were"} left out.`,
    );
  }
  const missing = REQUIRED.filter((name) => !column.has(name));
  if (missing.length > 0) {
    const has = records[0]!.filter((c) => c.trim()).join(", ");
    refuse(
      1,
      "",
      has,
      `Row 1 must name the columns Name, Email and Role (and Teams and Worker when people have them); ${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} missing`,
    );
  }
  if (problems.length > 0) return failed();
  if (records.length - 1 > MAX_USER_ROWS) {
    refuse(MAX_USER_ROWS + 2, "", "", `The file has more than ${MAX_USER_ROWS.toLocaleString("en-GB")} people: load it in parts`);
    return failed();
  }

  const teamByWord = new Map<string, CsvTeam>();
  for (const team of context.teams) {
    teamByWord.set(key(team.slug), team);
    teamByWord.set(key(team.name), team);
  }
  const teamName = new Map(context.teams.map((t) => [t.id, t.name]));
  const workerIds = new Set(context.workers.map((w) => w.id));
  const storedByEmail = new Map(context.users.map((u) => [u.email.toLowerCase(), u]));
  const seen = new Map<string, number>();
  const rows: UserCsvRow[] = [];

  records.slice(1).forEach((record, index) => {
    const row = index + 2;
    if (record.every((cell) => cell.trim() === "")) return;
    const cell = (name: UserColumn) => {
      const at = column.get(name);
      return at === undefined ? "" : (record[at] ?? "").trim();
    };
    const before = problems.length;

    const name = userFields.shape.name.safeParse(cell("Name"));
    if (!name.success) refuse(row, "Name", cell("Name"), name.error.issues[0]!.message);

    const email = emailField.safeParse(cell("Email"));
    if (!email.success) refuse(row, "Email", cell("Email"), email.error.issues[0]!.message);
    else {
      const earlier = seen.get(email.data);
      if (earlier !== undefined) refuse(row, "Email", cell("Email"), `This email address is already on row ${earlier}: one row a person`);
      else seen.set(email.data, row);
    }

    const roleText = cell("Role");
    const role = roleByWord.get(key(roleText));
    if (roleText === "") refuse(row, "Role", roleText, `Enter a role: one of ${roleList}`);
    else if (!role) refuse(row, "Role", roleText, `This is not a role: use one of ${roleList}`);

    const teamsText = cell("Teams");
    const teamIds: number[] = [];
    let teamsKnown = true;
    for (const word of teamsText.split(";").map((t) => t.trim())) {
      if (word === "") continue;
      const team = teamByWord.get(key(word));
      if (!team) {
        teamsKnown = false;
        refuse(row, "Teams", teamsText, `There is no team called "${word}": write each team's name as the teams page shows it, separated by ";"`);
      } else if (!teamIds.includes(team.id)) teamIds.push(team.id);
    }
    if (role && role !== "team_manager" && teamsKnown) {
      if (teamIds.length > 1) {
        refuse(row, "Teams", teamsText, `Only a team manager manages teams: for a ${roleLabels[role].toLowerCase()}, give one team, the one their worker record is in`);
      } else if (teamIds.length === 1 && cell("Worker") === "") {
        refuse(
          row,
          "Teams",
          teamsText,
          `Only a team manager manages teams: for a ${roleLabels[role].toLowerCase()}, the team says where their worker record is, so name the worker too, or leave the team blank`,
        );
      }
    }

    const workerText = cell("Worker");
    let workerId: number | undefined;
    if (workerText !== "" && teamsKnown) {
      const inTeam = teamIds[0];
      const matches = context.workers.filter((w) => key(w.name) === key(workerText) && (inTeam === undefined || w.teamId === inTeam));
      if (matches.length === 1) workerId = matches[0]!.id;
      else if (matches.length > 1) refuse(row, "Worker", workerText, `${matches.length} workers have this name: give their team in the Teams column to say which`);
      else if (inTeam !== undefined)
        refuse(row, "Worker", workerText, `There is no worker of this name in ${teamName.get(inTeam)}: write their name as the team's list of workers shows it`);
      else refuse(row, "Worker", workerText, "There is no worker of this name: write their name as the team's list of workers shows it");
    }

    if (!name.success || !email.success || !role || problems.length > before) return;
    const fields: UserFields = { name: name.data, role, workerId, teamIds };
    // The forms' own rules: a practitioner needs their worker record, a team manager their teams.
    const ruleProblems = userFieldProblems(fields, { hasWorker: (id) => workerIds.has(id), hasTeam: (id) => teamName.has(id) });
    if (ruleProblems.workerId) refuse(row, "Worker", workerText, ruleProblems.workerId);
    if (ruleProblems.teamIds) {
      refuse(
        row,
        "Teams",
        teamsText,
        role === "team_manager" && teamIds.length === 0 ? 'A team manager needs the team or teams they manage, separated by ";"' : ruleProblems.teamIds,
      );
    }
    const stored = storedByEmail.get(email.data);
    if (stored && stored.id === context.loadedBy && stored.role === "admin" && role !== "admin") refuse(row, "Role", roleText, OWN_ADMIN_ROLE);
    if (problems.length > before) return;
    const managed = role === "team_manager" ? teamIds : [];
    const change = !stored
      ? "add"
      : stored.name === fields.name && stored.role === role && stored.workerId === (workerId ?? null) && sameSet(stored.teamIds, managed)
        ? "same"
        : "update";
    rows.push({ row, email: email.data, fields, change, userId: stored?.id });
  });

  if (problems.length > 0) return failed();
  if (rows.length === 0) {
    refuse(2, "", "", "The file has no people: add a row for each person under the header");
    return failed();
  }
  return { ok: true, rows, notes };
}

export { decodeCsvBytes, MAX_USER_ROWS, MAX_USERS_FILE_BYTES, USER_COLUMNS, type UserColumn, type UserCsvProblem } from "./bulk-users-format";

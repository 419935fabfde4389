/*
 * A team's ground rules: a short list the team writes together about how it
 * works (docs/definitions.md#the-approach: "ground rules a team writes itself"). Each save is a new
 * version, so the rules a past meeting worked to stay on record.
 */
import { desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { preparedOnce } from "../../db/prepared";
import { groundRules, users } from "../../db/schema";
import { audit } from "~/audit/audit.server";
import { lastDayOf, todayInLondon, type IsoMonth } from "~/dates";
import { groundRulesSchema } from "./objective-forms";

export interface GroundRulesVersion {
  version: number;
  rules: string[];
  /** The name of the person who wrote this version. */
  writtenBy: string;
  writtenAt: string;
}

const storedRules = z.array(z.string());

/** Every version of the team's ground rules, newest first. One statement. */
export function groundRulesHistory(db: Db, teamId: number): GroundRulesVersion[] {
  return preparedOnce(db, "ground-rules-history", () =>
    db
      .select({ version: groundRules.version, rules: groundRules.rules, writtenBy: users.name, writtenAt: groundRules.writtenAt })
      .from(groundRules)
      .innerJoin(users, eq(users.id, groundRules.writtenByUserId))
      .where(eq(groundRules.teamId, sql.placeholder("teamId")))
      .orderBy(desc(groundRules.version))
      .prepare(),
  )
    .all({ teamId })
    .map((row) => ({ ...row, rules: storedRules.parse(JSON.parse(row.rules)) }));
}

/** The rules in force now, or null when the team has not written any. */
export function currentGroundRules(db: Db, teamId: number): GroundRulesVersion | null {
  return groundRulesHistory(db, teamId)[0] ?? null;
}

/** The rules the team worked to in a month: the latest version written by its last day (in England). */
export function groundRulesAt(db: Db, teamId: number, month: IsoMonth): GroundRulesVersion | null {
  const end = lastDayOf(month);
  return groundRulesHistory(db, teamId).find((v) => todayInLondon(new Date(v.writtenAt)) <= end) ?? null;
}

/**
 * Saves the team's rules as a new version (trimmed, blank lines dropped, 1 to
 * 12 of up to 200 characters), with its audit entry, in one transaction. A
 * list the same as the version in force is refused: it would be a version
 * that changes nothing.
 */
export function saveGroundRules(
  db: Db,
  author: { id: number; email: string },
  teamId: number,
  lines: readonly string[],
  now = new Date(),
): { ok: true; version: number } | { ok: false; error: string } {
  const parsed = groundRulesSchema.safeParse(lines);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]!.message };
  const rules = parsed.data;
  return db.transaction((tx) => {
    const current = currentGroundRules(tx as unknown as Db, teamId);
    if (current && JSON.stringify(current.rules) === JSON.stringify(rules)) {
      return { ok: false as const, error: `These are the ground rules already in force (version ${current.version}): change them before saving` };
    }
    const version = (current?.version ?? 0) + 1;
    tx.insert(groundRules)
      .values({ teamId, version, rules: JSON.stringify(rules), writtenByUserId: author.id, writtenAt: now.toISOString() })
      .run();
    audit(
      tx as unknown as Db,
      { kind: "user", userId: author.id, email: author.email },
      {
        action: "create",
        entity: "ground_rules",
        entityId: `${teamId}:${version}`,
        before: current ? { version: current.version, rules: current.rules } : undefined,
        after: { version, rules },
      },
      now,
    );
    return { ok: true as const, version };
  });
}

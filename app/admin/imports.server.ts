import { desc, eq, getTableColumns } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { importRuns, users } from "../../db/schema";

/**
 * Every load of an extract, newest first, each with who ran it named as
 * every page names a person; a load with no person was run on the server's
 * command line.
 */
export function importHistory(db: Db, limit = 200) {
  return db
    .select({ ...getTableColumns(importRuns), name: users.name })
    .from(importRuns)
    .leftJoin(users, eq(users.id, importRuns.actorUserId))
    .orderBy(desc(importRuns.startedAt), desc(importRuns.id))
    .limit(limit)
    .all()
    .map(({ name, actor, actorUserId: _id, ...run }) => ({ ...run, who: name ?? (actor === "system" ? "Command line, on the server" : actor) }));
}

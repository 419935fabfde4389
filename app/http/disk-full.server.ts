/*
 * A full disk, said once for every save and upload. SQLite answers
 * SQLITE_FULL and rolls the transaction back; a file write answers ENOSPC.
 * Either way nothing was saved, and nothing the person can do fixes it: the
 * page says so in one sentence, with 507 (Insufficient Storage), instead of
 * the generic 500. Used by the Express server in bin/serve.ts.
 */
import { data, type ServerBuild } from "@remix-run/node";
import { refusedDownload } from "./download-loader.server";

export const DISK_FULL = "The server's disk is full: nothing was saved. Tell your administrator.";

export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_FULL" || code === "ENOSPC";
}

/** Runs `work`; a full disk becomes the 507 page: the app's error page, or a page of its own for a route without one (a download). */
async function answeringDiskFull<T>(work: () => Promise<T> | T, hasPage: boolean): Promise<T | Response> {
  try {
    return await work();
  } catch (error) {
    if (!isDiskFull(error)) throw error;
    console.error(`A request met a full disk: ${(error as Error).message}`);
    if (!hasPage) return refusedDownload(507, DISK_FULL);
    throw data(DISK_FULL, { status: 507 });
  }
}

/** The build, with every route's action and loader (a loader may write too: a session's last use) answering a full disk as above. */
export function answerDiskFull(build: ServerBuild): ServerBuild {
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const { action, loader } = route.module;
      const module = { ...route.module };
      const hasPage = Boolean(route.module.default);
      if (action) module.action = (args: Parameters<typeof action>[0]) => answeringDiskFull(() => action(args), hasPage);
      if (loader) module.loader = (args: Parameters<typeof loader>[0]) => answeringDiskFull(() => loader(args), hasPage);
      return [id, { ...route, module }];
    }),
  );
  return { ...build, routes };
}

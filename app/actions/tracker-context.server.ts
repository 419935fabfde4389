import { data } from "@remix-run/node";
import { clockToday } from "~/platform/clock.server";
import { getDb } from "~/db.server";
import { requireAllowed, requireUser } from "~/people/guard.server";
import { trackerFilter } from "./action-forms";
import { actionTracker, UnknownTeamError } from "./tracker.server";

/** The tracker for the address's filters, once the user may see the whole service; or a 403 or 400 page. */
export async function trackerContext(request: Request) {
  const user = await requireUser(request);
  requireAllowed(user, "view", "service");
  const params = new URL(request.url).searchParams;
  const filter = trackerFilter.safeParse({ team: params.get("team") ?? undefined, show: params.get("show") ?? undefined });
  if (!filter.success) throw data(filter.error.issues[0]!.message, { status: 400 });
  const db = getDb();
  const today = clockToday();
  try {
    return { user, db, today, filter: filter.data, tracker: actionTracker(db, filter.data, today) };
  } catch (error) {
    if (error instanceof UnknownTeamError) throw data(error.message, { status: 400 });
    throw error;
  }
}

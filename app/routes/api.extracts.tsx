import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { feedResponse, startFeedLoad, unauthorised, wrongMethod } from "~/extract-feed/feed.server";
import { checkBearer } from "~/extract-feed/tokens.server";
import { clockToday } from "~/platform/clock.server";
import { getEnv } from "~/platform/env-cache.server";

/**
 * The nightly feed: a care system's scheduled job POSTs the extract here as
 * the raw body, with an integration token (never a session), and gets 202
 * and the load's address. See docs/loading-data.md, "A nightly feed".
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return feedResponse(wrongMethod("POST"));
  const db = getDb();
  const today = clockToday();
  const check = checkBearer(db, request.headers.get("authorization"), today);
  if (!check.ok) return feedResponse(unauthorised(check));
  return feedResponse(await startFeedLoad({ db, databasePath: getEnv().DATABASE_PATH, actor: check.actor, request, today }));
}

export const loader = () => feedResponse(wrongMethod("POST"));

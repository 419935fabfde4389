import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { feedLoad, feedResponse, unauthorised, wrongMethod } from "~/extract-feed/feed.server";
import { checkBearer } from "~/extract-feed/tokens.server";
import { clockToday } from "~/platform/clock.server";
import { getEnv } from "~/platform/env-cache.server";

/** A load the token started through the feed: its progress while it runs, then its summary and problems, as JSON. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const check = checkBearer(getDb(), request.headers.get("authorization"), clockToday());
  if (!check.ok) return feedResponse(unauthorised(check));
  return feedResponse(feedLoad(params.jobId, getEnv().DATABASE_PATH, check.actor));
}

export const action = () => feedResponse(wrongMethod("GET"));

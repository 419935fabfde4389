import { getEnv } from "~/platform/env-cache.server";

/**
 * This site's address as people reach it. Behind an HTTPS proxy (PRIMED_HTTPS)
 * Primed itself is spoken to in plain HTTP, but the feed's address and the
 * links in it must be the https ones a calendar can follow.
 */
export function siteOrigin(request: Request): string {
  const url = new URL(request.url);
  if (getEnv().PRIMED_HTTPS === "on") url.protocol = "https:";
  return url.origin;
}

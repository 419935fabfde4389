import { data, redirect } from "@remix-run/node";
import { getDb } from "~/db.server";
import { getEnv } from "~/platform/env-cache.server";
import { can, type Action, type Entity, type Target } from "./permissions";
import { endSession, readSession, type SessionLookup } from "./sessions.server";
import { loadSignedInUser, type SignedInUser } from "./users.server";

const OWN_SITE = new URL("http://primed.invalid");
/** "//host" or "/\\host": a browser reads either as another site. */
const OTHER_SITE = /^\/[/\\]/;

/**
 * A path on this site to send someone to (after signing in, say), or the
 * fallback. Every redirect to an address a request supplied goes through
 * here. The value is read as a browser reads a Location (which drops tabs
 * and newlines, reads "\\" as "/" and resolves "/.."), must stay on this site,
 * and is returned as that reading re-written (percent-encoded, nothing a
 * header cannot carry); control characters and backslashes are refused
 * outright, as are paths that decode to "//" (an encoded slash).
 */
export function safeRedirectPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.length > 2048) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, OWN_SITE);
  } catch {
    return fallback;
  }
  if (url.origin !== OWN_SITE.origin || url.username || url.password) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || OTHER_SITE.test(path)) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return fallback;
  }
  if (OTHER_SITE.test(decoded) || decoded.includes("\\")) return fallback;
  return path;
}

/**
 * Each request's session and person, read once: the root's loader and the page's both ask (a signed cookie and two
 * queries each time). After a save, Remix gives the page's loaders a new request, so they read them afresh.
 */
const signedIn = new WeakMap<Request, Promise<{ session: SessionLookup; user: SignedInUser | null }>>();

function signedInBy(request: Request) {
  let known = signedIn.get(request);
  if (!known) {
    const db = getDb();
    known = readSession(db, getEnv(), request).then((session) => ({ session, user: session.state === "active" ? loadSignedInUser(db, session.userId) : null }));
    signedIn.set(request, known);
  }
  return known;
}

/** The signed-in user, or null. */
export async function optionalUser(request: Request): Promise<SignedInUser | null> {
  return (await signedInBy(request)).user;
}

/** The signed-in user; anyone else is sent to sign in, and comes back here afterwards. */
export async function requireUser(request: Request): Promise<SignedInUser> {
  const { session, user } = await signedInBy(request);
  if (user) return user;
  const db = getDb();
  const env = getEnv();
  const url = new URL(request.url);
  const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` });
  if (session.state === "expired") params.set("expired", session.reason);
  // A session whose user was deactivated ends here too.
  throw redirect(`/sign-in?${params}`, { headers: { "Set-Cookie": await endSession(db, env, request) } });
}

/** Stops the request with a 403 page unless the user may do this. */
export function requireAllowed(user: SignedInUser, action: Action, entity: Entity, target: Target = {}) {
  if (!can(user, action, entity, target)) {
    throw data("Your role does not give you access to this page. If you need it for your work, ask your team manager or Primed administrator.", {
      status: 403,
    });
  }
}

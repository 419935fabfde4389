import { createCookie } from "@remix-run/node";
import * as client from "openid-client";
import type { Db } from "../../db/connection";
import { audit } from "~/audit/audit.server";
import { isLoopbackAddress, type Env } from "~/platform/env.server";
import { matchCouncilPerson, type CouncilPersonMatch } from "./council-account.server";
import { safeRedirectPath } from "./guard.server";
import { sessionSecret, startSession } from "./sessions.server";

/** A sign-in begun at the provider must come back within this time. */
export const ATTEMPT_MINUTES = 10;
const STATE_COOKIE = "__primed_council_sign_in";

export interface CouncilSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
}

/** The council sign-in's settings, or null when it is not set up (env.server.ts checks all four come together). */
export function councilSettings(env: Env): CouncilSettings | null {
  if (!env.PRIMED_OIDC_ISSUER || !env.PRIMED_OIDC_CLIENT_ID || !env.PRIMED_OIDC_CLIENT_SECRET || !env.PRIMED_OIDC_REDIRECT_URL) return null;
  return { issuer: env.PRIMED_OIDC_ISSUER, clientId: env.PRIMED_OIDC_CLIENT_ID, clientSecret: env.PRIMED_OIDC_CLIENT_SECRET, redirectUrl: env.PRIMED_OIDC_REDIRECT_URL };
}

export const passwordSignInAllowed = (env: Env) => env.PRIMED_PASSWORD_SIGN_IN !== "off";

const discovered = new Map<string, Promise<client.Configuration>>();

/**
 * The provider's configuration, found once a process. A failed look-up is
 * forgotten so the next sign-in tries again. Plain http only for a provider
 * on this machine (a test's), never in production.
 */
function providerConfiguration(settings: CouncilSettings): Promise<client.Configuration> {
  const key = `${settings.issuer} ${settings.clientId}`;
  let found = discovered.get(key);
  if (!found) {
    found = client.discovery(
      new URL(settings.issuer),
      settings.clientId,
      settings.clientSecret,
      undefined,
      isLoopbackAddress(settings.issuer) ? { execute: [client.allowInsecureRequests] } : undefined,
    );
    discovered.set(key, found);
    found.catch(() => discovered.delete(key));
  }
  return found;
}

/** What the browser carries between leaving for the provider and coming back: signed, so it cannot be altered. */
interface Attempt {
  state: string;
  nonce: string;
  verifier: string;
  redirectTo: string;
  startedAt: number;
}

function attemptCookie(db: Db, env: Env) {
  return createCookie(STATE_COOKIE, {
    httpOnly: true,
    sameSite: "lax",
    secure: env.PRIMED_HTTPS === "on",
    path: "/sign-in/council",
    maxAge: ATTEMPT_MINUTES * 60,
    secrets: [sessionSecret(db, env)],
  });
}

export type CouncilProblem =
  | { kind: "not_set_up" }
  | { kind: "provider_unreachable" }
  | { kind: "cancelled" }
  | { kind: "provider_error"; error: string }
  | { kind: "attempt_not_valid" }
  | Omit<Extract<CouncilPersonMatch, { ok: false }>, "ok">;

export type StartResult = { ok: true; location: string; setCookie: string } | { ok: false; problem: CouncilProblem };

/** Sends the person to the provider with a fresh state, nonce and PKCE challenge, kept in a signed cookie for the way back. */
export async function startCouncilSignIn(db: Db, env: Env, redirectTo: unknown, now = new Date()): Promise<StartResult> {
  const settings = councilSettings(env);
  if (!settings) return { ok: false, problem: { kind: "not_set_up" } };
  let config: client.Configuration;
  try {
    config = await providerConfiguration(settings);
  } catch {
    return { ok: false, problem: { kind: "provider_unreachable" } };
  }
  const attempt: Attempt = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    verifier: client.randomPKCECodeVerifier(),
    redirectTo: safeRedirectPath(redirectTo, ""),
    startedAt: now.getTime(),
  };
  const location = client.buildAuthorizationUrl(config, {
    redirect_uri: settings.redirectUrl,
    scope: "openid email profile",
    state: attempt.state,
    nonce: attempt.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(attempt.verifier),
    code_challenge_method: "S256",
  });
  return { ok: true, location: location.href, setCookie: await attemptCookie(db, env).serialize(attempt) };
}

export type FinishResult = { ok: true; userId: number; redirectTo: string; setCookies: string[] } | { ok: false; problem: CouncilProblem; setCookies: string[] };

function isAttempt(value: unknown): value is Attempt {
  if (typeof value !== "object" || value === null) return false;
  const a = value as Record<string, unknown>;
  return ["state", "nonce", "verifier", "redirectTo"].every((k) => typeof a[k] === "string") && typeof a.startedAt === "number";
}

/**
 * The provider's answer: the attempt's cookie is cleared whatever happens (so
 * it is used once), the code exchanged with the PKCE verifier, and the ID
 * token checked by openid-client (signature, issuer, audience, expiry, nonce)
 * before the person is matched and a session started.
 */
export async function finishCouncilSignIn(db: Db, env: Env, request: Request, now = new Date()): Promise<FinishResult> {
  const cookie = attemptCookie(db, env);
  const setCookies = [await cookie.serialize("", { maxAge: 0 })];
  const settings = councilSettings(env);
  if (!settings) return { ok: false, problem: { kind: "not_set_up" }, setCookies };
  const callbackUrl = new URL(request.url);
  const error = callbackUrl.searchParams.get("error");
  if (error === "access_denied") return { ok: false, problem: { kind: "cancelled" }, setCookies };
  if (error) return { ok: false, problem: { kind: "provider_error", error: error.slice(0, 100) }, setCookies };
  const attempt: unknown = await cookie.parse(request.headers.get("Cookie"));
  if (!isAttempt(attempt) || now.getTime() - attempt.startedAt > ATTEMPT_MINUTES * 60_000 || now.getTime() < attempt.startedAt)
    return { ok: false, problem: { kind: "attempt_not_valid" }, setCookies };
  // openid-client checks the state too; checked here first so a mismatch reads as a stale attempt, not a provider's error.
  if (callbackUrl.searchParams.get("state") !== attempt.state) return { ok: false, problem: { kind: "attempt_not_valid" }, setCookies };
  let config: client.Configuration;
  try {
    config = await providerConfiguration(settings);
  } catch {
    return { ok: false, problem: { kind: "provider_unreachable" }, setCookies };
  }
  // The address the provider sent the browser to, as registered: behind a proxy the request's own host may differ.
  const registered = new URL(settings.redirectUrl);
  registered.search = callbackUrl.search;
  let claims: client.IDToken | undefined;
  try {
    const tokens = await client.authorizationCodeGrant(config, registered, {
      pkceCodeVerifier: attempt.verifier,
      expectedState: attempt.state,
      expectedNonce: attempt.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
  } catch (e) {
    if (e instanceof client.AuthorizationResponseError || e instanceof client.ResponseBodyError)
      return { ok: false, problem: { kind: "provider_error", error: e.error.slice(0, 100) }, setCookies };
    return { ok: false, problem: { kind: "provider_error", error: "the sign-in could not be checked" }, setCookies };
  }
  if (!claims) return { ok: false, problem: { kind: "provider_error", error: "no ID token" }, setCookies };
  const match = matchCouncilPerson(db, claims, now);
  if (!match.ok) return { ok: false, problem: { kind: match.kind, email: match.email } as CouncilProblem, setCookies };
  setCookies.push(await startSession(db, env, match.userId, now));
  audit(db, { kind: "user", userId: match.userId, email: match.email }, { action: "sign_in", entity: "session", entityId: match.userId, after: { via: "council account" } }, now);
  return { ok: true, userId: match.userId, redirectTo: attempt.redirectTo, setCookies };
}

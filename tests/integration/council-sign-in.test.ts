import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "../../db/schema";
import { matchCouncilPerson } from "~/people/council-account.server";
import { councilAccountLinked, unlinkCouncilAccount } from "~/admin/users.server";
import { finishCouncilSignIn, startCouncilSignIn } from "~/people/council-sign-in.server";
import { EnvError, readEnv } from "~/platform/env.server";
import { startOidcProvider, type RunningProvider } from "../helpers/oidc-provider";
import { tempDatabase } from "../helpers/temp-db";

const council = {
  PRIMED_OIDC_ISSUER: "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0",
  PRIMED_OIDC_CLIENT_ID: "primed",
  PRIMED_OIDC_CLIENT_SECRET: "a secret",
  PRIMED_OIDC_REDIRECT_URL: "https://primed.council.example/sign-in/council/callback",
};

describe("the council sign-in's settings", () => {
  it("takes all four together, or none", () => {
    expect(readEnv(council).PRIMED_OIDC_ISSUER).toBe(council.PRIMED_OIDC_ISSUER);
    expect(readEnv({}).PRIMED_OIDC_ISSUER).toBeUndefined();
    expect(() => readEnv({ PRIMED_OIDC_ISSUER: council.PRIMED_OIDC_ISSUER, PRIMED_OIDC_CLIENT_ID: "primed" })).toThrow(EnvError);
    expect(() => readEnv({ PRIMED_OIDC_ISSUER: council.PRIMED_OIDC_ISSUER })).toThrow(/PRIMED_OIDC_CLIENT_SECRET="": must be set too/);
  });

  it("wants https except on this machine", () => {
    expect(() => readEnv({ ...council, PRIMED_OIDC_ISSUER: "http://login.council.example" })).toThrow(/PRIMED_OIDC_ISSUER="http:\/\/login.council.example": must start https/);
    expect(() => readEnv({ ...council, PRIMED_OIDC_REDIRECT_URL: "http://primed.council.example/sign-in/council/callback" })).toThrow(/PRIMED_OIDC_REDIRECT_URL.*must start https/);
    expect(readEnv({ ...council, PRIMED_OIDC_ISSUER: "http://127.0.0.1:4000" }).PRIMED_OIDC_ISSUER).toBe("http://127.0.0.1:4000");
    expect(() => readEnv({ ...council, PRIMED_OIDC_ISSUER: "not an address" })).toThrow(/must be the provider's issuer address/);
  });

  it("lets passwords be switched off only when the council sign-in is set up", () => {
    expect(readEnv({ ...council, PRIMED_PASSWORD_SIGN_IN: "off" }).PRIMED_PASSWORD_SIGN_IN).toBe("off");
    expect(() => readEnv({ PRIMED_PASSWORD_SIGN_IN: "off" })).toThrow(/PRIMED_PASSWORD_SIGN_IN="off": can only be off when the council sign-in is set up/);
    expect(() => readEnv({ PRIMED_PASSWORD_SIGN_IN: "no" })).toThrow(/must be "on" or "off"/);
  });
});

describe("finding the person behind a council account", () => {
  const db = tempDatabase();
  const add = (email: string, extra: Partial<typeof users.$inferInsert> = {}) =>
    db.db
      .insert(users)
      .values({ email, name: email, role: "practitioner", passwordHash: "x", createdAt: "2026-12-01T00:00:00Z", ...extra })
      .returning()
      .get().id;
  const aisha = add("aisha@council.example");
  const ben = add("ben@council.example", { oidcSubject: "ben-subject" });
  add("gone@council.example", { active: false });
  afterAll(() => db.remove());
  const subjectOf = (id: number) => db.db.select().from(users).where(eq(users.id, id)).get()!.oidcSubject;

  it("matches by email the first time, whatever its case, and stores the subject", () => {
    expect(matchCouncilPerson(db.db, { sub: "aisha-subject", email: "Aisha@Council.example" })).toMatchObject({ ok: true, userId: aisha, linkedNow: true });
    expect(subjectOf(aisha)).toBe("aisha-subject");
  });

  it("matches by subject after that, even when the address has changed", () => {
    expect(matchCouncilPerson(db.db, { sub: "aisha-subject", email: "aisha.new@council.example" })).toMatchObject({ ok: true, userId: aisha, linkedNow: false });
  });

  it("uses preferred_username when there is no email claim (Entra ID)", () => {
    const cara = add("cara@council.example");
    expect(matchCouncilPerson(db.db, { sub: "cara-subject", preferred_username: "cara@council.example" })).toMatchObject({ ok: true, userId: cara });
  });

  it("never hands a linked account to another subject with the same address", () => {
    expect(matchCouncilPerson(db.db, { sub: "someone-else", email: "ben@council.example" })).toEqual({
      ok: false,
      kind: "linked_to_another_account",
      email: "ben@council.example",
    });
    expect(subjectOf(ben)).toBe("ben-subject");
  });

  it("links the next council account by email once an administrator unlinks the old one", () => {
    const admin = { kind: "user" as const, userId: aisha, email: "aisha@council.example" };
    expect(councilAccountLinked(db.db, ben)).toBe(true);
    expect(unlinkCouncilAccount(db.db, admin, ben)).toEqual({ ok: true, value: ben });
    expect(councilAccountLinked(db.db, ben)).toBe(false);
    expect(unlinkCouncilAccount(db.db, admin, ben)).toMatchObject({ ok: false });
    expect(matchCouncilPerson(db.db, { sub: "ben-new-subject", email: "ben@council.example" })).toMatchObject({ ok: true, userId: ben, linkedNow: true });
    expect(subjectOf(ben)).toBe("ben-new-subject");
  });

  it("refuses an unknown or deactivated person", () => {
    expect(matchCouncilPerson(db.db, { sub: "x", email: "nobody@council.example" })).toEqual({ ok: false, kind: "unknown", email: "nobody@council.example" });
    expect(matchCouncilPerson(db.db, { sub: "y" })).toEqual({ ok: false, kind: "unknown", email: null });
    expect(matchCouncilPerson(db.db, { sub: "z", email: "gone@council.example" })).toMatchObject({ ok: false, kind: "deactivated" });
  });
});

describe("the sign-in attempt carried between Primed and the provider", () => {
  const db = tempDatabase();
  const redirectUri = "http://127.0.0.1:9/sign-in/council/callback";
  let provider: RunningProvider;
  let env: ReturnType<typeof readEnv>;
  beforeAll(async () => {
    provider = await startOidcProvider({ clients: [{ clientId: "primed", clientSecret: "secret", redirectUri }], accounts: [] });
    env = readEnv({ ...provider.env({ clientId: "primed", clientSecret: "secret", redirectUri }), SESSION_SECRET: "s".repeat(32) });
  });
  afterAll(async () => {
    await provider?.stop();
    db.remove();
  });

  async function started(redirectTo: string, now = new Date()) {
    const result = await startCouncilSignIn(db.db, env, redirectTo, now);
    if (!result.ok) throw new Error(`did not start: ${JSON.stringify(result)}`);
    const location = new URL(result.location);
    return { location, cookie: result.setCookie.split(";")[0]! };
  }
  const callback = (query: string, cookie?: string) => new Request(`${redirectUri}?${query}`, { headers: cookie ? { Cookie: cookie } : {} });

  it("sends the person to the provider with PKCE, state and nonce", async () => {
    const { location, cookie } = await started("/actions");
    expect(location.origin).toBe(provider.issuer);
    expect(location.searchParams.get("code_challenge_method")).toBe("S256");
    for (const name of ["state", "nonce", "code_challenge"]) expect(location.searchParams.get(name)?.length).toBeGreaterThan(20);
    expect(cookie).toMatch(/^__primed_council_sign_in=/);
  });

  it("refuses a callback without the attempt's cookie, with an altered one, or after ten minutes, and clears it", async () => {
    const now = new Date();
    const { location, cookie } = await started("/actions", now);
    const query = `code=abc&state=${location.searchParams.get("state")}`;
    const tampered = cookie.replace(/=(.)/, (_m, c: string) => `=${c === "e" ? "f" : "e"}`);
    for (const [request, at] of [
      [callback(query), now],
      [callback(query, tampered), now],
      [callback(query, cookie), new Date(now.getTime() + 11 * 60_000)],
    ] as const) {
      const result = await finishCouncilSignIn(db.db, env, request, at);
      expect(result).toMatchObject({ ok: false, problem: { kind: "attempt_not_valid" } });
      expect(result.setCookies[0]).toMatch(/^__primed_council_sign_in=; Max-Age=0/);
    }
  });

  it("refuses a callback whose state is not the attempt's", async () => {
    const { cookie } = await started("/actions");
    const result = await finishCouncilSignIn(db.db, env, callback("code=abc&state=another-state", cookie));
    expect(result).toMatchObject({ ok: false, problem: { kind: "attempt_not_valid" } });
  });

  it("says the provider could not be reached rather than failing", async () => {
    const gone = readEnv({ ...provider.env({ clientId: "other", clientSecret: "secret", redirectUri }), PRIMED_OIDC_ISSUER: "http://127.0.0.1:9" });
    await expect(startCouncilSignIn(db.db, gone, "/")).resolves.toEqual({ ok: false, problem: { kind: "provider_unreachable" } });
  });

  it("tells a cancelled sign-in from the provider's other errors", async () => {
    await expect(finishCouncilSignIn(db.db, env, callback("error=access_denied"))).resolves.toMatchObject({ problem: { kind: "cancelled" } });
    await expect(finishCouncilSignIn(db.db, env, callback("error=server_error"))).resolves.toMatchObject({ problem: { kind: "provider_error", error: "server_error" } });
  });
});

import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, isCrossSiteWrite, isTokenOnlyPath } from "~/http/security";
import { hashingNow, hashPassword, MAX_CONCURRENT_HASHES, verifyPassword } from "~/people/passwords.server";
import { can, type Principal } from "~/people/permissions";
import { navigationFor } from "~/people/navigation";
import { safeRedirectPath } from "~/people/guard.server";
import { hostileRedirects } from "../helpers/hostile-redirects";

describe("password hashing", () => {
  it("stores a salted scrypt hash that verifies only the right password", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hash).not.toContain("correct horse");
    await expect(verifyPassword("correct horse battery staple", hash)).resolves.toBe(true);
    await expect(verifyPassword("correct horse battery stapler", hash)).resolves.toBe(false);
    await expect(verifyPassword("", hash)).resolves.toBe(false);
  });

  it("salts every hash differently", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });

  it("refuses a malformed stored hash rather than throwing", async () => {
    await expect(verifyPassword("anything", "not-a-hash")).resolves.toBe(false);
  });

  it("hashes only a few at once, off the event loop; the rest wait their turn", async () => {
    const hash = await hashPassword("right");
    const checks = Array.from({ length: 8 }, (_, i) => verifyPassword(i === 7 ? "right" : `wrong-${i}`, hash));
    expect(hashingNow()).toEqual({ running: MAX_CONCURRENT_HASHES, waiting: 8 - MAX_CONCURRENT_HASHES });
    const seen: number[] = [];
    const results = await Promise.all(checks.map((check) => check.then((ok) => (seen.push(hashingNow().running), ok))));
    expect(results).toEqual([false, false, false, false, false, false, false, true]);
    expect(Math.max(...seen)).toBeLessThanOrEqual(MAX_CONCURRENT_HASHES);
    expect(hashingNow()).toEqual({ running: 0, waiting: 0 });
    // A hash that fails (impossible parameters) gives its turn back too.
    await expect(verifyPassword("x", "scrypt$3$8$1$AAAA$AAAA")).rejects.toThrow();
    expect(hashingNow()).toEqual({ running: 0, waiting: 0 });
  });
});

describe("permissions", () => {
  const practitioner: Principal = { role: "practitioner", workerId: 7, ownTeamId: 1, managedTeamIds: [] };
  const manager: Principal = { role: "team_manager", workerId: 8, ownTeamId: 1, managedTeamIds: [1, 3] };
  const head: Principal = { role: "head_of_service", workerId: 9, ownTeamId: null, managedTeamIds: [] };
  const admin: Principal = { role: "admin", workerId: null, ownTeamId: null, managedTeamIds: [] };

  it("lets a practitioner see their own team's figures and only their own work items", () => {
    expect(can(practitioner, "view", "team-figures", { teamId: 1 })).toBe(true);
    expect(can(practitioner, "view", "team-figures", { teamId: 2 })).toBe(false);
    expect(can(practitioner, "view", "work-items", { teamId: 1, workerId: 7 })).toBe(true);
    expect(can(practitioner, "view", "work-items", { teamId: 1, workerId: 6 })).toBe(false);
    expect(can(practitioner, "view", "work-items", { teamId: 1 })).toBe(false);
    expect(can(practitioner, "view", "worker-figures", { teamId: 1, workerId: 6 })).toBe(false);
    expect(can(practitioner, "manage", "users")).toBe(false);
  });

  it("lets a team manager see each of their teams in detail, and no other", () => {
    expect(can(manager, "view", "work-items", { teamId: 3 })).toBe(true);
    expect(can(manager, "view", "worker-figures", { teamId: 3, workerId: 99 })).toBe(true);
    expect(can(manager, "view", "team-figures", { teamId: 2 })).toBe(false);
    expect(can(manager, "view", "my-work")).toBe(true);
  });

  it("lets a head of service see every team, and an admin manage but not read case lists", () => {
    expect(can(head, "view", "work-items", { teamId: 42 })).toBe(true);
    expect(can(head, "manage", "users")).toBe(false);
    expect(can(admin, "manage", "users")).toBe(true);
    expect(can(admin, "view", "audit")).toBe(true);
    expect(can(admin, "view", "work-items", { teamId: 1 })).toBe(false);
  });

  it("shows each role only the menu items it can use", () => {
    expect(navigationFor(practitioner).map((i) => i.label)).toEqual(["My work", "Teams", "Purpose", "Cycles", "Primed Metrics", "Definitions"]);
    expect(navigationFor(admin).map((i) => i.label)).toEqual(["Teams", "Primed Metrics", "Admin", "Definitions"]);
  });
});

describe("the edges of a request", () => {
  it("comes back only to a path on this site after signing in", () => {
    expect(safeRedirectPath("/teams/north?asOf=2026-01-31")).toBe("/teams/north?asOf=2026-01-31");
    expect(safeRedirectPath("/teams/north/items?figure=received#list")).toBe("/teams/north/items?figure=received#list");
    expect(safeRedirectPath("//evil.example/")).toBe("/");
    expect(safeRedirectPath("https://evil.example/")).toBe("/");
    expect(safeRedirectPath("/\\evil.example")).toBe("/");
    expect(safeRedirectPath(undefined, "/my-work")).toBe("/my-work");
  });

  // Each is a way a browser, reading the value as a Location, could end up on another site (or a way to a 500).
  it.each(hostileRedirects.map((value) => [JSON.stringify(value).slice(0, 60), value]))("refuses %s as a place to come back to", (_label, value) => {
    expect(safeRedirectPath(value, "/landing")).toBe("/landing");
  });

  it("re-writes what it accepts as a browser would read it, with nothing a header cannot carry", () => {
    expect(safeRedirectPath("/teams/a b?q=ü")).toBe("/teams/a%20b?q=%C3%BC");
    expect(safeRedirectPath("/teams/./north/../south")).toBe("/teams/south");
    expect(safeRedirectPath("/javascript:alert(1)")).toBe("/javascript:alert(1)");
    for (const value of hostileRedirects) {
      const target = new URL(safeRedirectPath(value), "https://primed.council.gov.uk");
      expect(target.origin).toBe("https://primed.council.gov.uk");
    }
  });

  it("lets only the feed's token addresses (/api/...) skip the same-origin rule, read as Remix reads a path", () => {
    expect(isTokenOnlyPath("/api/extracts")).toBe(true);
    expect(isTokenOnlyPath("/api/extracts?dryRun=true")).toBe(true);
    expect(isTokenOnlyPath("/API/extracts")).toBe(true);
    for (const page of [
      "/admin/imports/new",
      "/api",
      "/apiary",
      "/api/../admin/users/new",
      "/api/%2e%2e/admin/users/new",
      "/api/./../sign-in",
      "//api/extracts",
      "/admin/api/x",
      "/api\\..\\admin",
    ]) {
      expect(isTokenOnlyPath(page), page).toBe(false);
    }
  });

  it("refuses writes from another site, and writes with no origin at all", () => {
    expect(isCrossSiteWrite("POST", "primed.council.gov.uk", "https://primed.council.gov.uk", undefined)).toBe(false);
    expect(isCrossSiteWrite("POST", "primed.council.gov.uk", "https://evil.example", undefined)).toBe(true);
    expect(isCrossSiteWrite("POST", "primed.council.gov.uk", undefined, "https://primed.council.gov.uk/admin")).toBe(false);
    expect(isCrossSiteWrite("POST", "primed.council.gov.uk", undefined, undefined)).toBe(true);
    expect(isCrossSiteWrite("POST", "primed.council.gov.uk", "null", undefined)).toBe(true);
    expect(isCrossSiteWrite("GET", "primed.council.gov.uk", "https://evil.example", undefined)).toBe(false);
    // Origin: null says the page is not known to be ours, whatever the Referer; Remix's own check would answer 500.
    expect(isCrossSiteWrite("POST", "primed.council.gov.uk", "null", "https://primed.council.gov.uk/admin")).toBe(true);
    expect(isCrossSiteWrite("POST", "primed.council.gov.uk", "", "https://primed.council.gov.uk/admin")).toBe(true);
    expect(isCrossSiteWrite("POST", "primed.council.gov.uk", "file://", "https://primed.council.gov.uk/admin")).toBe(true);
    // An Origin must name the host Remix compares it with too: X-Forwarded-Host when sent.
    expect(isCrossSiteWrite("POST", "primed.council.gov.uk", "https://primed.council.gov.uk", undefined, "evil.example")).toBe(true);
    expect(isCrossSiteWrite("POST", "primed.council.gov.uk", "https://primed.council.gov.uk", undefined, "primed.council.gov.uk, proxy")).toBe(false);
    expect(isCrossSiteWrite("POST", "primed.council.gov.uk", "https://evil.example", undefined, "evil.example")).toBe(true);
    expect(isCrossSiteWrite("POST", undefined, undefined, "https://primed.council.gov.uk/admin")).toBe(true);
  });

  it("allows only its own scripts with this response's nonce, and no framing", () => {
    const policy = contentSecurityPolicy("abc123");
    expect(policy).toContain("script-src 'self' 'nonce-abc123'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain("unsafe-inline");
  });
});

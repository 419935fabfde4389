/*
 * Signing in over HTTP, as a browser's form does (with an Origin header: the
 * app refuses writes without one), for tests that talk to a running app.
 */
import { expect } from "vitest";
import { demoSignIns } from "~/demo/demo-users";
import type { UserRole } from "../../db/schema";

/** Signs in and returns the session cookie as a Cookie header's value. */
export async function signInOverHttp(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password }),
  });
  expect(response.status, `${email} signs in`).toBe(302);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

/** The demo council's email and password for a role. */
export function demoCredentials(role: UserRole): [string, string] {
  const signIn = demoSignIns.find((s) => s.role === role)!;
  return [signIn.email, signIn.password];
}

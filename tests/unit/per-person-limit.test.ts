/*
 * Who a request belongs to, for the per-person limit (app/http/per-person-limit.ts):
 * one session is one person however its cookie is spelt.
 */
import { describe, expect, it } from "vitest";
import { personKey } from "~/http/per-person-limit";

describe("personKey", () => {
  const signed = "ImFiYzEyMyI%3D.c2lnbmF0dXJl";

  it("is the session cookie's signed value, whatever else the header carries", () => {
    expect(personKey(`theme=dark; __primed_session=${signed}; other=1`)).toBe("ImFiYzEyMyI=");
  });

  it("is the same for %-escaped spellings and for another spelling of the signature", () => {
    const key = personKey(`__primed_session=${signed}`);
    expect(personKey("__primed_session=%49mFiYzEyMyI%3D.c2lnbmF0dXJl")).toBe(key);
    expect(personKey("__primed_session=ImFiYzEyMyI%3D.c2lnbmF0dXJm")).toBe(key);
    expect(personKey(`__primed_session="${signed}"`)).toBe(key);
  });

  it("is null without a session cookie", () => {
    expect(personKey(undefined)).toBeNull();
    expect(personKey("")).toBeNull();
    expect(personKey("theme=dark; x__primed_session=abc")).toBeNull();
    expect(personKey("__primed_session=")).toBeNull();
  });
});

import os from "node:os";
import { describe, expect, it } from "vitest";
import { EnvError, readEnv } from "~/platform/env.server";

describe("environment", () => {
  it("has working defaults", () => {
    expect(readEnv({})).toEqual({
      DATABASE_PATH: "data/primed.db",
      PORT: 3000,
      HOST: "0.0.0.0",
      PRIMED_DEMO: "on",
      PRIMED_DEMO_SEED: 2026,
      SESSION_IDLE_HOURS: 8,
      SESSION_LIFETIME_DAYS: 7,
      PRIMED_STALE_DATA_DAYS: 35,
      PRIMED_HTTPS: "off",
      PRIMED_TIMELINESS_TARGET: 80,
      PRIMED_REVIEWED_TARGET: 90,
      PRIMED_WORKERS: Math.min(os.availableParallelism(), 4),
      PRIMED_CHROMIUM: "/usr/bin/chromium",
      PRIMED_DROP_SETTLE_SECONDS: 60,
      PRIMED_DROP_EVERY_SECONDS: 10,
      PRIMED_DROP_SKIP_INVALID: "off",
      PRIMED_DROP_CREATE_MISSING: "off",
      PRIMED_PASSWORD_SIGN_IN: "on",
      PRIMED_REMINDER_DAYS_BEFORE: 3,
      PRIMED_MAIL_EVERY_SECONDS: 30,
    });
  });

  it("refuses drop folder settings that are not numbers or on and off", () => {
    expect(() => readEnv({ PRIMED_DROP_SETTLE_SECONDS: "a minute" })).toThrow(/PRIMED_DROP_SETTLE_SECONDS="a minute": must be a number of seconds/);
    expect(() => readEnv({ PRIMED_DROP_EVERY_SECONDS: "0" })).toThrow(/PRIMED_DROP_EVERY_SECONDS="0": must be at least 0.1/);
    expect(() => readEnv({ PRIMED_DROP_CREATE_MISSING: "yes" })).toThrow(/PRIMED_DROP_CREATE_MISSING="yes": must be "on" or "off"/);
    expect(readEnv({ PRIMED_DROP_DIR: "/srv/primed/drop" }).PRIMED_DROP_DIR).toBe("/srv/primed/drop");
  });

  it("refuses a number of server processes that is not a whole number from 1", () => {
    expect(() => readEnv({ PRIMED_WORKERS: "0" })).toThrow(/PRIMED_WORKERS="0": must be at least 1/);
    expect(() => readEnv({ PRIMED_WORKERS: "two" })).toThrow(/PRIMED_WORKERS="two": must be a whole number of processes/);
  });

  it("refuses a timeliness target that is not a percentage", () => {
    expect(() => readEnv({ PRIMED_TIMELINESS_TARGET: "120" })).toThrow(/PRIMED_TIMELINESS_TARGET="120": must be between 0 and 100/);
  });

  it("refuses a reviewed target that is not a percentage", () => {
    expect(() => readEnv({ PRIMED_REVIEWED_TARGET: "0.9x" })).toThrow(/PRIMED_REVIEWED_TARGET="0.9x": must be a percentage, such as 90/);
    expect(() => readEnv({ PRIMED_REVIEWED_TARGET: "101" })).toThrow(/PRIMED_REVIEWED_TARGET="101": must be between 0 and 100/);
    expect(readEnv({ PRIMED_REVIEWED_TARGET: "75" }).PRIMED_REVIEWED_TARGET).toBe(75);
  });

  it("keeps mail off until the SMTP address is set, and then wants who it is from and where links go", () => {
    expect(readEnv({}).PRIMED_SMTP_URL).toBeUndefined();
    expect(readEnv({}).PRIMED_REMINDER_DAYS_BEFORE).toBe(3);
    expect(() => readEnv({ PRIMED_SMTP_URL: "smtp://smtp.office365.com:587" })).toThrow(
      /PRIMED_MAIL_FROM="": must be set when PRIMED_SMTP_URL is[\s\S]*PRIMED_PUBLIC_URL="": must be set when PRIMED_SMTP_URL is/,
    );
    expect(() => readEnv({ PRIMED_SMTP_URL: "smtp.office365.com:587" })).toThrow(/PRIMED_SMTP_URL="smtp.office365.com:587": must be an address such as smtp:\/\//);
    expect(() => readEnv({ PRIMED_PUBLIC_URL: "primed.council.example" })).toThrow(/PRIMED_PUBLIC_URL="primed.council.example": must be the address people open Primed at/);
    expect(() => readEnv({ PRIMED_REMINDER_DAYS_BEFORE: "0" })).toThrow(/PRIMED_REMINDER_DAYS_BEFORE="0": must be at least 1/);
    expect(() => readEnv({ PRIMED_MAIL_EVERY_SECONDS: "0.5" })).toThrow(/PRIMED_MAIL_EVERY_SECONDS="0.5": must be at least 1/);
    expect(() => readEnv({ PRIMED_MAIL_EVERY_SECONDS: "often" })).toThrow(/PRIMED_MAIL_EVERY_SECONDS="often": must be a number of seconds/);
    expect(readEnv({ PRIMED_MAIL_EVERY_SECONDS: "2" }).PRIMED_MAIL_EVERY_SECONDS).toBe(2);
    const on = readEnv({
      PRIMED_SMTP_URL: "smtp://primed%40council.gov.uk:pw@smtp.office365.com:587",
      PRIMED_MAIL_FROM: "primed@council.gov.uk",
      PRIMED_PUBLIC_URL: "https://primed.council.gov.uk",
    });
    expect(on.PRIMED_SMTP_URL).toBe("smtp://primed%40council.gov.uk:pw@smtp.office365.com:587");
  });

  it("treats an empty variable as unset", () => {
    expect(readEnv({ PORT: "" }).PORT).toBe(3000);
  });

  it("names every bad variable and says what is wrong", () => {
    expect(() => readEnv({ PORT: "eighty", PRIMED_DEMO: "yes" })).toThrow(EnvError);
    // Each expectation throws on its own: a readEnv that accepted the values would fail the test
    // (a try/catch around it would have passed).
    const bothBad = () => readEnv({ PORT: "70000", PRIMED_DEMO: "yes" });
    expect(bothBad).toThrow(/PORT="70000": must be between 1 and 65535/);
    expect(bothBad).toThrow(/PRIMED_DEMO="yes": must be "on" or "off"/);
  });
});

import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/*
 * Calendar dates must not depend on the server's time zone. The whole suite
 * runs in Europe/London, a council server's usual setting (and where the
 * clocks change); the fast unit tests, which hold the date helpers and every
 * figure's definition, run again in three more zones: UTC, one behind it and
 * one far ahead of it. Each test file's worker takes TZ from its project.
 */
const otherTimeZones = ["UTC", "America/New_York", "Pacific/Auckland"];

export default defineConfig({
  resolve: {
    alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) },
  },
  test: {
    // Browser tests build and start the app once; they need room.
    testTimeout: 60_000,
    hookTimeout: 240_000,
    pool: "forks",
    // Two files at a time on two cores (vitest's default is one fewer than the cores): a browser test file spends
    // much of its time waiting for its app and its Chromium, so a second file fills the gaps. Every file has its
    // own database, app, port and browser profile, so files cannot see each other. A third file a time kept the
    // two cores as busy (100% throughout, with the checks beside it) but made each page slower and brought out a
    // waiting race in a browser test (2026-12-04): the suite is bound by processor work, not by waiting.
    maxWorkers: 2,
    globalSetup: ["tests/global-setup.ts"],
    projects: [
      // The integration and browser tests each get a fresh module registry: they start apps, hold databases and
      // set the environment.
      { extends: true, test: { name: "Europe/London", include: ["tests/{integration,browser}/**/*.test.ts"], env: { TZ: "Europe/London" } } },
      // The unit tests are pure functions of their arguments, so in every zone one worker's files share their
      // imported modules (isolate: false): in the other zones 63 s became 37 s for their three runs; in
      // Europe/London 35 s became 10 s (2026-12-04).
      { extends: true, test: { name: "Europe/London unit", include: ["tests/unit/**/*.test.ts"], env: { TZ: "Europe/London" }, isolate: false } },
      ...otherTimeZones.map((timeZone) => ({
        extends: true as const,
        test: { name: timeZone, include: ["tests/unit/**/*.test.ts"], env: { TZ: timeZone }, isolate: false },
      })),
    ],
  },
});

/*
 * What the built programs load before they do anything: the packages their
 * entry files import, following the build's own chunks. Faker (the demo's
 * name lists) and Playwright (the meeting pack's PDF) were loaded by every
 * serving process and every command, though few ever use them: they were
 * four tenths of a start's processor (1.6 s to 0.9 s for the server, 0.6 s
 * to 0.4 s for a command, 2026-12-04). They are loaded where they are used.
 * Needs `npm run build`.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

/** The packages an ES module file loads when it is imported, through its static imports of the build's own files. */
function packagesLoadedBy(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = fs.readFileSync(file, "utf8");
    // Static imports and re-exports only: `import("…")` loads when it runs, not when the file is imported.
    for (const [, from, bare] of source.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s*"([^"]+)"|^import\s*"([^"]+)"/gms)) {
      const specifier = (from ?? bare)!;
      if (specifier.startsWith(".")) visit(path.resolve(path.dirname(file), specifier));
      else if (!specifier.startsWith("node:"))
        packages.add(
          specifier
            .split("/")
            .slice(0, specifier.startsWith("@") ? 2 : 1)
            .join("/"),
        );
    }
  };
  visit(path.resolve(entry));
  return packages;
}

/** The demo's loader: its own chunk, which the server imports only for an empty database. */
function demoLoaderChunk(): string | undefined {
  return fs.readdirSync("build/bin").find((name) => /^load\.server-.*\.js$/.test(name));
}

describe("the built programs load only what they need to start", () => {
  for (const entry of ["build/bin/serve.js", "build/index.js", "build/bin/primed.js", "build/bin/import-job.js", "build/bin/row-reader-thread.js"]) {
    it(`${entry} loads neither faker nor Playwright until they are used`, () => {
      const packages = packagesLoadedBy(entry);
      // The check sees the packages they do load.
      expect(packages.size, "packages found").toBeGreaterThan(0);
      expect([...packages].filter((name) => ["@faker-js/faker", "playwright-core", "playwright"].includes(name))).toEqual([]);
    });
  }

  it("the check follows the build's chunks to a package they import", () => {
    // The demo's loader brings faker.
    const loader = demoLoaderChunk();
    expect(loader, "the demo's loader is a chunk of its own").toBeDefined();
    expect(packagesLoadedBy(path.join("build/bin", loader!)).has("@faker-js/faker")).toBe(true);
  });

  it("the demo's loader chunk loads, with the loader the server asks it for", async () => {
    // The server imports it for an empty database (npm start's first run); the tests copy a built council instead.
    const loader = demoLoaderChunk()!;
    const chunk = (await import(pathToFileURL(path.resolve("build/bin", loader)).href)) as Record<string, unknown>;
    expect(typeof chunk.loadDemoCouncil).toBe("function");
    expect(fs.readFileSync("build/bin/serve.js", "utf8")).toContain(`import("./${loader}")`);
  });
});

import { describe, expect, it } from "vitest";
import { importJobEntry, readerThreadEntry } from "~/import/import-job-entry.server";

describe("the import job runs the way the server runs", () => {
  it("from the build's JavaScript when the server was started from build/bin/serve.js", () => {
    expect(importJobEntry("/srv/primed/build/bin/serve.js", "/srv/primed")).toEqual({ file: "/srv/primed/build/bin/import-job.js", execArgv: [] });
    expect(importJobEntry("build/bin/serve.js", "/srv/primed")).toEqual({ file: "/srv/primed/build/bin/import-job.js", execArgv: [] });
  });

  it("from the TypeScript sources under tsx otherwise (npm start, the tests' own processes)", () => {
    const fromSources = { file: "/srv/primed/bin/import-job.ts", execArgv: ["--import", "tsx"] };
    expect(importJobEntry("/srv/primed/bin/serve.ts", "/srv/primed")).toEqual(fromSources);
    expect(importJobEntry("/srv/primed/node_modules/vitest/dist/workers/forks.js", "/srv/primed")).toEqual(fromSources);
    expect(importJobEntry("", "/srv/primed")).toEqual(fromSources);
  });
});

describe("the row reader thread runs the way its program runs", () => {
  it("from the build's JavaScript in the build's programs: the server, the command line and the import job", () => {
    for (const program of ["serve.js", "primed.js", "import-job.js"]) {
      expect(readerThreadEntry(`/srv/primed/build/bin/${program}`, "/srv/primed")).toBe("/srv/primed/build/bin/row-reader-thread.js");
    }
    expect(readerThreadEntry("build/bin/primed.js", "/srv/primed")).toBe("/srv/primed/build/bin/row-reader-thread.js");
  });

  it("from the TypeScript sources, through tsx, anywhere else", () => {
    for (const program of [
      "/srv/primed/bin/primed.ts",
      "/srv/primed/bin/import-job.ts",
      "/srv/primed/node_modules/vitest/dist/workers/forks.js",
      "/srv/primed/build/index.js",
      "",
    ]) {
      expect(readerThreadEntry(program, "/srv/primed")).toBe("/srv/primed/app/import/row-reader-thread.mjs");
    }
  });
});

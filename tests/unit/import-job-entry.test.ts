import { describe, expect, it } from "vitest";
import { importJobEntry } from "~/import/import-job-entry.server";

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

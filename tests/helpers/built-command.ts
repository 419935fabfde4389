/*
 * How the tests run Primed's own programs: as the build has them. `npm run
 * build` compiles bin/primed.ts, bin/serve.ts and bin/import-job.ts into plain
 * JavaScript in build/bin/ (esbuild, the same compiler tsx uses), which starts
 * in about 0.5 s where `tsx bin/primed.ts` takes 1.2 s (2026-12-04); the tests
 * run the command line some hundred times a run. The sources' way, `npm run
 * primed` under tsx, is checked in tests/integration/cli-report.test.ts.
 */
import fs from "node:fs";

/** node and its arguments to run `entry` ("bin/primed.ts", say) as the build has it, then `args`. */
export function builtCommand(entry: `bin/${string}.ts`, args: string[] = []): [string, string[]] {
  const built = entry.replace(/^bin\/(.*)\.ts$/, "build/bin/$1.js");
  if (!fs.existsSync(built)) throw new Error(`${built} is missing: build the app first (npm run build)`);
  return [process.execPath, [built, ...args]];
}

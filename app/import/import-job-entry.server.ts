/*
 * Where an import's programs come from: they run the way the program that
 * starts them runs. A program started from the build (`npm run start:prod`
 * runs build/bin/serve.js; the command line, build/bin/primed.js) uses the
 * build's plain JavaScript, which starts in a fraction of the time: the
 * server forks build/bin/import-job.js for an upload, and every load reads its
 * rows in build/bin/row-reader-thread.js. One started from the TypeScript
 * sources (`npm start`, under tsx), or any other caller (the tests' own
 * processes), uses the sources with tsx as their loader, so it runs the code
 * it was started from.
 */
import path from "node:path";

export interface ImportJobEntry {
  file: string;
  execArgv: string[];
}

/** Whether the running program is one of the build's (build/bin/*.js). */
function fromBuild(mainScript: string, cwd: string): boolean {
  const script = path.resolve(cwd, mainScript);
  return path.dirname(script) === path.resolve(cwd, "build/bin") && script.endsWith(".js");
}

export function importJobEntry(mainScript = process.argv[1] ?? "", cwd = process.cwd()): ImportJobEntry {
  return fromBuild(mainScript, cwd)
    ? { file: path.resolve(cwd, "build/bin/import-job.js"), execArgv: [] }
    : { file: path.resolve(cwd, "bin/import-job.ts"), execArgv: ["--import", "tsx"] };
}

/**
 * The file the row reader thread starts from. From the sources it is a small
 * JavaScript file that registers tsx and loads the TypeScript, which costs the
 * thread about 0.4 s of processor at every load (2026-12-04): the build's own
 * copy starts in a fraction of that.
 */
export function readerThreadEntry(mainScript = process.argv[1] ?? "", cwd = process.cwd()): string {
  return path.resolve(cwd, fromBuild(mainScript, cwd) ? "build/bin/row-reader-thread.js" : "app/import/row-reader-thread.mjs");
}

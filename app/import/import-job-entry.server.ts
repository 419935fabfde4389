/*
 * Where an upload's import process comes from: it runs the way the server
 * runs. A server started from the build (`npm run start:prod`, which runs
 * build/bin/serve.js) forks build/bin/import-job.js, plain JavaScript that
 * starts in a third of the time; a server started from the TypeScript sources
 * (`npm start`, under tsx), or any other caller, forks bin/import-job.ts with
 * tsx as its loader, so it runs the sources it was started from.
 */
import path from "node:path";

export interface ImportJobEntry {
  file: string;
  execArgv: string[];
}

export function importJobEntry(mainScript = process.argv[1] ?? "", cwd = process.cwd()): ImportJobEntry {
  const fromBuild = path.resolve(cwd, mainScript) === path.resolve(cwd, "build/bin/serve.js");
  return fromBuild ? { file: path.resolve(cwd, "build/bin/import-job.js"), execArgv: [] } : { file: path.resolve(cwd, "bin/import-job.ts"), execArgv: ["--import", "tsx"] };
}

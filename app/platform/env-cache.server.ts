import { readEnv, type Env } from "./env.server";

let env: Env | undefined;

/** The environment, read and checked once per process. */
export function getEnv(): Env {
  env ??= readEnv();
  return env;
}

/** Reads the environment again: for a test that changes it after something has read it (a server reads it once, at start). */
export function rereadEnv(): Env {
  env = readEnv();
  return env;
}

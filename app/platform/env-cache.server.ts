import { readEnv, type Env } from "./env.server";

let env: Env | undefined;

/** The environment, read and checked once per process. */
export function getEnv(): Env {
  env ??= readEnv();
  return env;
}

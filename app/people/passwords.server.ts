import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from "node:crypto";

/*
 * scrypt, memory-hard, from Node's own crypto. Parameters are stored with
 * each hash so they can be raised later without breaking old passwords.
 */
const COST = 2 ** 15;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 32;

/*
 * Hashing runs off the event loop, in libuv's thread pool (4 threads unless
 * UV_THREADPOOL_SIZE says otherwise), which also serves file reads and
 * compression for every page. One hash at a time per server process (with
 * one process per processor, never more hashes than processors, each taking
 * 32 MiB): a burst of sign-ins waits its turn here, so only the people signing
 * in wait, and pages keep the thread pool and the processors.
 */
export const MAX_CONCURRENT_HASHES = 1;
let hashing = 0;
const waiting: (() => void)[] = [];

/** How many hashes are running and how many wait for a turn: for the tests. */
export function hashingNow(): { running: number; waiting: number } {
  return { running: hashing, waiting: waiting.length };
}

async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (hashing >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => waiting.push(resolve));
  else hashing += 1;
  try {
    return await work();
  } finally {
    // The turn passes straight to the next in line (the count stays), or is given back.
    const next = waiting.shift();
    if (next) next();
    else hashing -= 1;
  }
}

function scrypt(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return inTurn(
    () => new Promise((resolve, reject) => scryptCallback(password.normalize("NFKC"), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)))),
  );
}

function options(cost: number, blockSize: number, parallelism: number): ScryptOptions {
  return { N: cost, r: blockSize, p: parallelism, maxmem: 256 * cost * blockSize };
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, options(COST, BLOCK_SIZE, PARALLELISM));
  return ["scrypt", COST, BLOCK_SIZE, PARALLELISM, salt.toString("base64"), key.toString("base64")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, cost, blockSize, parallelism, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !key) return false;
  const expected = Buffer.from(key, "base64");
  const actual = await scrypt(password, Buffer.from(salt, "base64"), expected.length, options(Number(cost), Number(blockSize), Number(parallelism)));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash no password matches: checked against when the account does not exist, so timing says nothing. */
export const UNUSABLE_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

/*
 * A page's data sent to the browser as one JSON text. Remix encodes loader
 * data with turbo-stream, which walks and indexes every value on every
 * request: for a team page's 20 KB of figures that was about a tenth of the
 * page's processor (profiled, issue 22). A text is encoded in one step, and
 * the page reads it back with JSON.parse, once for each distinct text: the
 * server rendering the same figures again reads none. Only for data that is
 * plain JSON (strings, numbers, booleans, null, arrays and objects of them):
 * a Date or a Map would not come back as one.
 */

/** What a loader returns: the text, typed by what it holds. */
export interface SentAsText<T> {
  readonly json: string;
  /** Never set: carries the type from the loader to the page. */
  readonly shape?: T;
}

export const TEXT_IN_PAGE = Symbol("the text of a page's data, written into the page");

/**
 * The same text when the browser asked for the whole page: written into the page as an element of its own
 * (app/http/sent-in-page.server.ts), and only that element's id sent with the page's data. The server's page reads
 * the text from the loader's own object, under TEXT_IN_PAGE, which Remix's data encoding does not send (as JSON, it
 * leaves symbol keys out); the browser reads it from the element.
 */
export interface SentInPage<T> {
  readonly inPage: string;
  readonly [TEXT_IN_PAGE]?: string;
  readonly shape?: T;
}

/** A page's data as a loader sends it: either way, readSentText reads it. */
export type Sent<T> = SentAsText<T> | SentInPage<T>;

/**
 * `shapesOnce`: each list of objects of one shape is sent as the shape once, then each object's values in order,
 * rather than every key again in every object. The service overview's rows fell from 210 to 99 KB, and every step
 * a page's data goes through on every request afterwards (turbo-stream, the escaping for its inline script, UTF-8
 * and back) costs by the byte: its processor a request fell by a third. Worth it for a text made once and sent
 * many times; for one made on every request (a team page's) walking the data cost more than it saved.
 */
export function sendAsText<T>(data: T, { shapesOnce = false }: { shapesOnce?: boolean } = {}): SentAsText<T> {
  return { json: JSON.stringify(shapesOnce ? packed(data) : data) };
}

const SHAPE = "\u0000shape";
const VALUES = "\u0000values";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = string[];

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The object's leaves (anything but a non-empty object) by path, as JSON.stringify would keep them. */
function leavesOf(object: Record<string, unknown>, path: Path = [], into: [Path, unknown][] = []): [Path, unknown][] {
  for (const [key, value] of Object.entries(object)) {
    // JSON leaves out undefined and functions; an object with toJSON (a Date) is not plain JSON (see above).
    if (value === undefined || typeof value === "function") continue;
    if (isPlainObject(value) && Object.keys(value).length > 0) leavesOf(value, [...path, key], into);
    else into.push([[...path, key], value]);
  }
  return into;
}

function packed(value: unknown): unknown {
  if (Array.isArray(value)) {
    if (value.length > 1 && value.every(isPlainObject)) {
      const leaves = value.map((object) => leavesOf(object));
      const shape = leaves[0]!.map(([path]) => path);
      const signature = JSON.stringify(shape);
      if (leaves.every((each) => each.length === shape.length && JSON.stringify(each.map(([path]) => path)) === signature)) {
        return { [SHAPE]: shape, [VALUES]: leaves.map((each) => each.map(([, leaf]) => packed(leaf))) };
      }
    }
    return value.map(packed);
  }
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, each]) => [key, packed(each)]));
  return value;
}

function unpacked(value: Json): Json {
  if (Array.isArray(value)) return value.map(unpacked);
  if (value === null || typeof value !== "object") return value;
  if (SHAPE in value && VALUES in value) {
    const shape = value[SHAPE] as Path[];
    return (value[VALUES] as Json[][]).map((leaves) => {
      const object: { [key: string]: Json } = {};
      shape.forEach((path, i) => {
        let at = object;
        for (const key of path.slice(0, -1)) at = (at[key] ??= {}) as { [key: string]: Json };
        at[path.at(-1)!] = unpacked(leaves[i]!);
      });
      return object;
    });
  }
  return Object.fromEntries(Object.entries(value).map(([key, each]) => [key, unpacked(each)]));
}

/** The last texts read: the same text (the same page again, or going back to it) is not parsed again. */
const read = new Map<string, unknown>();
const READ_KEPT = 16;
/** Each page's data read here, by the text it was read from. */
const textOf = new WeakMap<object, string>();

/** The data of `sent`. Shared between pages that sent the same text: read it, never change it. */
export function readSentText<T>(sent: Sent<T>): T {
  const json = "json" in sent ? sent.json : textInPage(sent);
  if (read.has(json)) return read.get(json) as T;
  const data = unpacked(JSON.parse(json) as Json) as T;
  if (read.size >= READ_KEPT) read.delete(read.keys().next().value!);
  read.set(json, data);
  if (data !== null && typeof data === "object") textOf.set(data, json);
  return data;
}

/**
 * JSON as the content of a script element: nothing in it may end the element or open a comment, so every `<` is
 * written as JSON's own escape for it, which can only stand inside a string (JSON has no `<` elsewhere). Written
 * twice, it is the same: an escaped text has no `<` left.
 */
export function scriptSafe(json: string): string {
  return json.replaceAll("<", "\\u003c");
}

/** The texts the browser has read from its page's elements, by id: a page drawn again after its element went still reads it. */
const inPageRead = new Map<string, string>();

/**
 * The text of a SentInPage: on the server, the loader's own; in the browser, its element's, as the server wrote it
 * (each `<` as `\u003c`, the same JSON). An id names one text only (sent-in-page.server.ts), so a text read is kept.
 */
export function textInPage(sent: SentInPage<unknown>): string {
  const own = sent[TEXT_IN_PAGE];
  if (own !== undefined) return own;
  let text = inPageRead.get(sent.inPage);
  if (text === undefined) {
    text = typeof document === "undefined" ? undefined : (document.getElementById(sent.inPage)?.textContent ?? undefined);
    if (text === undefined) throw new Error(`This page's data (${sent.inPage}) is missing from the page. Reload the page.`);
    if (inPageRead.size >= READ_KEPT) inPageRead.delete(inPageRead.keys().next().value!);
    inPageRead.set(sent.inPage, text);
  }
  return text;
}

/**
 * The text a page's data was read from by readSentText, or undefined for anything else: the data is wholly that text,
 * and never changed, so the server's kept page parts can key on it (app/http/frozen-html.server.ts).
 */
export function sentTextOf(data: unknown): string | undefined {
  return data !== null && typeof data === "object" ? textOf.get(data) : undefined;
}

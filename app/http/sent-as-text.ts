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

export function sendAsText<T>(data: T): SentAsText<T> {
  return { json: JSON.stringify(data) };
}

/** The last texts read: the same text (the same page again, or going back to it) is not parsed again. */
const read = new Map<string, unknown>();
const READ_KEPT = 16;

/** The data of `sent`. Shared between pages that sent the same text: read it, never change it. */
export function readSentText<T>(sent: SentAsText<T>): T {
  if (read.has(sent.json)) return read.get(sent.json) as T;
  const data = JSON.parse(sent.json) as T;
  if (read.size >= READ_KEPT) read.delete(read.keys().next().value!);
  read.set(sent.json, data);
  return data;
}

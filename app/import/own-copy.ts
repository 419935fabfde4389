/**
 * A copy of a string that shares no memory with the text it was cut from.
 * V8 keeps a substring of 13 or more characters as a view into its parent,
 * so keeping one field of a parsed chunk (in a map, a report) would keep the
 * whole megabyte chunk alive; an import keeps thousands of such values.
 */
export function ownCopy(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, "utf8").toString("utf8");
}

/*
 * Hostile input for the fuzz test (tests/integration/fuzz.test.ts): values a
 * careless or malicious client might send to a form, bodies encoded as
 * browsers do and as no browser would, and CSV files that are wrong in the
 * ways extracts go wrong. Everything here is generated with fast-check from a
 * fixed seed, so a run in CI sends the same requests every time.
 */
import fc from "fast-check";

/** Stored in a page, each of these would set `window.__xss` (or open a dialog) if it ever ran. */
export const XSS = {
  /** For boxes of 150 characters or more. */
  long: `<script>window.__xss=1</script><img src=x onerror="window.__xss=1">"'><svg onload=alert(1)>" autofocus onfocus="window.__xss=1`,
  /** For short boxes (a unit, a chair's name, a guest). */
  short: `"><img src=x onerror=alert(1)>`,
  /** Where a link could be made of it. */
  link: "javascript:window.__xss=1",
};

/** Invalid UTF-8: a lone continuation byte, overlong NUL, a UTF-16 surrogate, a cut-off sequence, beyond U+10FFFF, Latin-1. */
export const invalidUtf8: Uint8Array[] = [
  Uint8Array.of(0xff, 0xfe),
  Uint8Array.of(0x80),
  Uint8Array.of(0x61, 0xc0, 0x80, 0x62),
  Uint8Array.of(0xed, 0xa0, 0x80),
  Uint8Array.of(0xe2, 0x82),
  Uint8Array.of(0xf4, 0x90, 0x80, 0x80),
  Uint8Array.from(Buffer.from("Caf\xe9 <b>", "latin1")),
];

const controlCharacters = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join("") + "\u007f\u0085\u2028\u2029\u202e\ufeff\ufffe";

/** Strings that have broken web apps before, whatever the field. */
export const hostileStrings: string[] = [
  "",
  " ",
  "\t\r\n",
  "\u0000",
  "a\u0000b",
  controlCharacters,
  "\u001b[31mred\u001b[0m\u0007",
  "<script>alert(1)</script>",
  `"><img src=x onerror=alert(1)>`,
  XSS.long,
  XSS.link,
  "'; DROP TABLE actions; --",
  `" OR 1=1 --`,
  "1; SELECT * FROM users",
  "${7*7}{{7*7}}<%= 7*7 %>",
  "../../../../etc/passwd",
  "%00%ff%2e%2e",
  '=HYPERLINK("http://evil.example","Click")',
  "+SUM(1,1)",
  "-2+3",
  "@cmd",
  "__proto__",
  "constructor",
  "\ud800",
  "\udfff\ud800",
  "𝕏🏴󠁧󠁢󠁥󠁮󠁧󠁿e\u0301",
  "ﷺ".repeat(200),
  "a".repeat(100_000),
  "𝕏".repeat(30_000),
  "\n".repeat(5_000),
  "<".repeat(20_000),
  // Numbers: huge, negative, not numbers at all.
  "1e309",
  "-1e309",
  "NaN",
  "Infinity",
  "-0",
  "-1",
  "0",
  "0x10",
  "1_000",
  "1,5",
  " 7 ",
  "9".repeat(400),
  "9007199254740993",
  "-9223372036854775809",
  "2147483648",
  "4.9e-324",
  // Dates and months that are not.
  "31/02/2026",
  "2026-02-31",
  "0000-00-00",
  "2026-13",
  "2026-00",
  "2026-13-01",
  "9999-12-31",
  "0001-01-01",
  "275760-09-13",
  "2026-1-1",
  "2026-02-29",
  "2028-02-29",
  "2026-02-28T25:00",
  "2026-W05",
];

export type FormValue = string | Uint8Array | { fileName: string; content: Uint8Array; type?: string };
export type FormBody = [name: string, value: FormValue][];

/** How the body goes: as a browser sends it, with raw bytes, or not as any browser would. */
export const encodings = ["urlencoded", "urlencoded-raw", "multipart"] as const;
export type Encoding = (typeof encodings)[number];

const utf8 = (text: string) => Buffer.from(text, "utf8");
const bytesOf = (value: string | Uint8Array) => (typeof value === "string" ? utf8(value) : Buffer.from(value));

/** Percent-encodes every byte outside the unreserved set, as a browser does. */
function percentEncode(bytes: Buffer): string {
  let out = "";
  for (const byte of bytes) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9*\-._]/.test(c) ? c : byte === 0x20 ? "+" : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** The body and its Content-Type, encoded as `encoding` says. A file part in a urlencoded body goes as its name. */
export function encodeForm(body: FormBody, encoding: Encoding): { contentType: string; body: Buffer } {
  if (encoding === "multipart") {
    const boundary = "----PrimedFuzz7MA4YWxkTrZu0gW";
    const parts: Buffer[] = [];
    for (const [name, value] of body) {
      // Browsers escape a name's quotes and line breaks; the name is ours, the value is the attack.
      const safeName = name.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
      if (typeof value === "object" && !(value instanceof Uint8Array)) {
        const fileName = value.fileName.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
        parts.push(
          utf8(`--${boundary}\r\nContent-Disposition: form-data; name="${safeName}"; filename="${fileName}"\r\nContent-Type: ${value.type ?? "text/csv"}\r\n\r\n`),
          Buffer.from(value.content),
          utf8("\r\n"),
        );
      } else {
        parts.push(utf8(`--${boundary}\r\nContent-Disposition: form-data; name="${safeName}"\r\n\r\n`), bytesOf(value), utf8("\r\n"));
      }
    }
    parts.push(utf8(`--${boundary}--\r\n`));
    return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(parts) };
  }
  const pieces: Buffer[] = [];
  body.forEach(([name, value], index) => {
    if (index > 0) pieces.push(utf8("&"));
    const raw = typeof value === "object" && !(value instanceof Uint8Array) ? utf8(value.fileName) : bytesOf(value);
    pieces.push(utf8(`${percentEncode(utf8(name))}=`));
    // "urlencoded-raw" sends the value's bytes as they are, except the ones that would end the field.
    pieces.push(
      encoding === "urlencoded"
        ? utf8(percentEncode(raw))
        : Buffer.from(
            raw.toString("latin1").replace(/[&=%+]/g, (c) => percentEncode(utf8(c))),
            "latin1",
          ),
    );
  });
  return { contentType: "application/x-www-form-urlencoded", body: Buffer.concat(pieces) };
}

/** Bodies no browser sends: the wrong type, a multipart with no boundary or cut off, JSON, nothing at all. */
export const brokenBodies: { label: string; contentType: string | null; body: Buffer }[] = [
  { label: "no body at all", contentType: null, body: Buffer.alloc(0) },
  { label: "text/plain", contentType: "text/plain", body: utf8("intent=save&title=x") },
  { label: "JSON", contentType: "application/json", body: utf8(`{"intent":"save","title":"<script>alert(1)</script>"}`) },
  { label: "multipart without a boundary", contentType: "multipart/form-data", body: utf8('--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--\r\n') },
  { label: "multipart cut off", contentType: "multipart/form-data; boundary=x", body: utf8('--x\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsa') },
  { label: "multipart with a part with no name", contentType: "multipart/form-data; boundary=x", body: utf8("--x\r\nContent-Type: text/plain\r\n\r\nb\r\n--x--\r\n") },
  { label: "multipart whose boundary never comes", contentType: "multipart/form-data; boundary=never", body: utf8("a".repeat(10_000)) },
  { label: "urlencoded with broken escapes", contentType: "application/x-www-form-urlencoded", body: utf8("intent=%&title=%E0%A4%A&%%%=%zz&=&&==") },
  {
    label: "urlencoded with raw invalid UTF-8",
    contentType: "application/x-www-form-urlencoded",
    body: Buffer.concat([utf8("intent="), Buffer.from([0xff, 0xfe, 0x00, 0xc0, 0x80]), utf8("&title="), Buffer.from([0xed, 0xa0, 0x80])]),
  },
  { label: "urlencoded with 5,000 fields", contentType: "application/x-www-form-urlencoded", body: utf8(Array.from({ length: 5_000 }, (_, i) => `f${i}=${i}`).join("&")) },
  { label: "an unknown content type", contentType: "application/x-primed-nonsense; charset=ebcdic", body: utf8("\u0000\u0001") },
  { label: "a charset no one uses", contentType: "application/x-www-form-urlencoded; charset=utf-16", body: Buffer.from("intent=save", "utf16le") },
];

/** What a field holds, for picking a value the form would take. */
export type Kind =
  | { text: number }
  | { id: number[] }
  | { ids: number[] }
  | { date: string[] }
  | { month: string[] }
  | { number: [number, number] }
  | { oneOf: readonly string[] }
  | "flag"
  | "email"
  | "password"
  | { file: "csv" };

/** A value the form would accept for the field (sometimes a stored-script probe), so that some posts get past the checks. */
function acceptable(kind: Kind): fc.Arbitrary<FormValue> {
  if (kind === "flag") return fc.constantFrom("on", "true", "yes");
  if (kind === "email")
    return fc.oneof(
      fc.constant("fuzz@northbrook.example"),
      fc.nat({ max: 9_999 }).map((n) => `Fuzz.${n}+x@northbrook.example`),
    );
  if (kind === "password") return fc.constantFrom("correct horse battery staple", "123456789012");
  if ("text" in kind) {
    const payloads = [XSS.short, ...(kind.text >= XSS.long.length ? [XSS.long] : [])];
    return fc.oneof(fc.constantFrom(...payloads), fc.string({ maxLength: Math.min(kind.text, 80) }));
  }
  if ("id" in kind || "ids" in kind) {
    const ids = "id" in kind ? kind.id : kind.ids;
    return ids.length ? fc.constantFrom(...ids.map(String)) : fc.constant("1");
  }
  if ("date" in kind) return fc.constantFrom(...kind.date);
  if ("month" in kind) return fc.constantFrom(...kind.month);
  if ("number" in kind)
    return fc.oneof(fc.integer({ min: kind.number[0], max: kind.number[1] }).map(String), fc.double({ min: kind.number[0], max: kind.number[1], noNaN: true }).map(String));
  if ("oneOf" in kind) return fc.constantFrom(...kind.oneOf);
  return fc.record({ fileName: fc.constantFrom("values.csv", "extract.csv"), content: fc.constant(Uint8Array.from(Buffer.from("metric,month,value\r\nSomething,2026-01,1\r\n"))) });
}

/** Any hostile value: from the list, random text with any code point, a number of any size, or bytes that are not UTF-8. */
export const hostileValue: fc.Arbitrary<FormValue> = fc.oneof(
  { arbitrary: fc.constantFrom(...hostileStrings), weight: 6 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 60 }), weight: 2 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }), weight: 1 },
  { arbitrary: fc.double().map(String), weight: 1 },
  { arbitrary: fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map(String), weight: 1 },
  { arbitrary: fc.constantFrom(...invalidUtf8), weight: 2 },
  { arbitrary: fc.uint8Array({ maxLength: 40 }), weight: 1 },
  {
    arbitrary: fc.tuple(fc.constantFrom(...hostileStrings.filter((s) => s.length < 100)), fc.integer({ min: 2, max: 2_000 })).map(([s, n]) => s.repeat(n).slice(0, 100_000)),
    weight: 1,
  },
);

/** One field's entries in the body: left out, one value (acceptable or hostile), or the name repeated. */
/** A file part no one should send: a name that is script or a path, content that is random bytes, not UTF-8, or formulas and impossible values. */
const hostileFile: fc.Arbitrary<FormValue> = fc.record({
  fileName: fc.constantFrom("values.csv", "a.txt", "<img src onerror>.csv", "..\\..\\x.csv", "../../etc/passwd.csv", "no-extension", "", "\u0000.csv"),
  content: fc.oneof(
    fc.uint8Array({ maxLength: 200 }),
    fc.constantFrom(...invalidUtf8),
    fc.constant(Uint8Array.from(Buffer.from("metric,month,value\n=HYPERLINK(1),2026-02-31,1e309\n"))),
  ),
});

/** A hostile value for a field of this kind: a file field gets hostile files too. */
const hostileFor = (kind: Kind): fc.Arbitrary<FormValue> => (typeof kind === "object" && "file" in kind ? fc.oneof(hostileValue, hostileFile) : hostileValue);

function fieldEntries(name: string, kind: Kind): fc.Arbitrary<FormBody> {
  const value: fc.Arbitrary<FormValue> = fc.oneof({ arbitrary: acceptable(kind), weight: 3 }, { arbitrary: hostileFor(kind), weight: 4 });
  const single = value.map((v): FormBody => [[name, v]]);
  const many = fc.array(value, { minLength: 2, maxLength: typeof kind === "object" && "ids" in kind ? 6 : 3 }).map((vs): FormBody => vs.map((v) => [name, v]));
  return fc.oneof({ arbitrary: fc.constant<FormBody>([]), weight: 1 }, { arbitrary: single, weight: 6 }, { arbitrary: many, weight: 2 });
}

/** Names no form has, including ones that reach into an object's prototype. */
const unknownFieldNames = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "_data",
  "redirectTo",
  "x".repeat(5_000),
  "<script>",
  "a[]",
  "a[b]",
  "",
  "\u0000",
];

/** A whole body for a form: its own fields (each present or not), an intent the page has or not, and sometimes fields it does not have. */
export function formBody(fields: Record<string, Kind>, intents: readonly string[] = []): fc.Arbitrary<FormBody> {
  const entries = Object.entries(fields).map(([name, kind]) => fieldEntries(name, kind));
  const intent: fc.Arbitrary<FormBody> =
    intents.length === 0
      ? fc.constant([])
      : fc.oneof(
          { arbitrary: fc.constantFrom(...intents).map((i): FormBody => [["intent", i]]), weight: 8 },
          { arbitrary: fieldEntries("intent", { oneOf: ["delete", "", "EDIT", "save ", "__proto__"] }), weight: 2 },
        );
  const extra = fc.oneof(
    { arbitrary: fc.constant([] as FormBody), weight: 4 },
    { arbitrary: fc.array(fc.tuple(fc.constantFrom(...unknownFieldNames), hostileValue), { maxLength: 3 }).map((pairs) => pairs as FormBody), weight: 1 },
  );
  const anyFields = fc.tuple(intent, fc.tuple(...entries), extra).map(([i, fieldBodies, more]): FormBody => [...i, ...fieldBodies.flat(), ...more]);
  return fc.oneof({ arbitrary: anyFields, weight: 2 }, { arbitrary: oneHostileField(fields, intents), weight: 2 }, { arbitrary: allAcceptable(fields, intents), weight: 1 });
}

/** Every field as the form would take it (text fields often a stored-script probe): the saves the fuzz makes, for the pages to show. */
function allAcceptable(fields: Record<string, Kind>, intents: readonly string[]): fc.Arbitrary<FormBody> {
  const names = Object.keys(fields);
  const intent = intents.length > 0 ? fc.constantFrom(...intents).map((i): FormBody => [["intent", i]]) : fc.constant<FormBody>([]);
  return fc
    .tuple(intent, fc.tuple(...names.map((name) => acceptable(fields[name]!))))
    .map(([i, values]): FormBody => [...i, ...names.map((name, index): [string, FormValue] => [name, values[index]!])]);
}

/** Every field as the form would take it but one, which is hostile: so the hostile value gets past the other fields' checks to wherever it is used. */
function oneHostileField(fields: Record<string, Kind>, intents: readonly string[]): fc.Arbitrary<FormBody> {
  const names = Object.keys(fields);
  const intent = intents.length > 0 ? fc.constantFrom(...intents).map((i): FormBody => [["intent", i]]) : fc.constant<FormBody>([]);
  if (names.length === 0) return intent;
  return fc
    .tuple(
      intent,
      fc.tuple(...names.map((name) => acceptable(fields[name]!))),
      fc.nat({ max: names.length - 1 }).chain((chosen) => fc.tuple(fc.constant(chosen), hostileFor(fields[names[chosen]!]!))),
    )
    .map(([i, values, [chosen, hostile]]): FormBody => [...i, ...names.map((name, index): [string, FormValue] => [name, index === chosen ? hostile : values[index]!])]);
}

/** A value in words for a failure message: short, and with its control characters shown. */
export function describeBody(body: FormBody): string {
  const shown = (value: FormValue) => {
    if (value instanceof Uint8Array) return `bytes ${Buffer.from(value).toString("hex").slice(0, 40)}`;
    if (typeof value === "object") return `file ${JSON.stringify(value.fileName)} (${value.content.length} bytes)`;
    const json = JSON.stringify(value);
    return json.length > 80 ? `${json.slice(0, 60)}… (${value.length} characters)` : json;
  };
  return body.map(([name, value]) => `${JSON.stringify(name.slice(0, 30))}=${shown(value)}`).join(" & ");
}

/** The extract's columns, as the import reads them. */
export const EXTRACT_HEADER = "LA Person Unique Identifier,Event Type,Event Reference,Event Start Date,Team,Worker,Allocated Date,Event Description";

const csvCell = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
const csvText = (rows: string[][]) => rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";

export interface HostileCsv {
  name: string;
  bytes: Uint8Array;
  /** Whether every row is good, so a load (without setting rows aside) may add them. */
  loads: boolean;
}

/** Extracts wrong in the ways real ones are, and in the ways an attacker would make them; good rows start on `recentDate` (DD/MM/YYYY). */
export function hostileExtracts(recentDate = "02/03/2026"): HostileCsv[] {
  const good = (ref: string, team = "North Locality", worker = "", description = "", date = recentDate) => [
    "P1",
    "Request",
    ref,
    date,
    team,
    worker,
    worker ? date : "",
    description,
  ];
  const file = (name: string, text: string | Buffer, loads = false): HostileCsv => ({ name, bytes: typeof text === "string" ? utf8(text) : Uint8Array.from(text), loads });
  return [
    file("header-only.csv", `${EXTRACT_HEADER}\r\n`),
    file("bom-only.csv", "\ufeff"),
    file("not-csv-at-all.csv", Buffer.from(Array.from({ length: 4_096 }, (_, i) => (i * 7919) % 256))),
    file("utf-16.csv", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${EXTRACT_HEADER}\r\n${good("FZ-U16").join(",")}\r\n`, "utf16le")])),
    file(
      "invalid-utf8.csv",
      Buffer.concat([utf8(`${EXTRACT_HEADER}\r\nP1,Request,FZ-BAD,${recentDate},North Locality,,,`), Buffer.from([0xc0, 0x80, 0xff, 0xed, 0xa0, 0x80]), utf8("\r\n")]),
    ),
    file(
      "duplicate-and-hostile-columns.csv",
      csvText([
        [...EXTRACT_HEADER.split(","), "Team", "<script>window.__xss=1</script>", `"><img src=x onerror=alert(1)>`, '=HYPERLINK("http://evil.example")'],
        [...good("FZ-H1"), "South Locality", "a", "b", "c"],
      ]),
    ),
    file("missing-columns.csv", "\r\n\r\nEvent Reference,Team\r\nFZ-M1,North Locality\r\n"),
    // Every kind of bad row in one file (each load of a file starts a process, so fewer files keep the test quick). Two rows are good:
    // a load that sets the others aside stores their NULs, SQL and script; one that does not, stores nothing.
    file(
      "bad-rows.csv",
      csvText([
        EXTRACT_HEADER.split(","),
        good("FZ-\u0000NUL", "North\u0000Locality", "", "a\u0000b"),
        good("'; DROP TABLE work_items; --", "North Locality", "<img src=x onerror=alert(1)>", XSS.long),
        ...["31/02/2026", "2026-02-31", "0000-00-00", "1e309", "99/99/99999", "-1", "NaN"].map((date, i) => good(`FZ-D${i}`, undefined, undefined, undefined, date)),
        good(`FZ-${"L".repeat(10_000)}`, "T".repeat(10_000), "W".repeat(10_000), "D".repeat(10_000)),
        ["P1", "Request"],
        [...good("FZ-C2"), ...Array.from({ length: 20 }, () => "extra")],
        ["9".repeat(400), "Request", "FZ-N1", recentDate, "North Locality", "", "", "=1+1"],
      ]) +
        `P1,Request,FZ-"Q3,${recentDate},North Locality,,,\r\n` +
        `${"x,".repeat(500_000)}\r\n`,
    ),
    // An opening quote never closed swallows the rest of the file.
    file("unclosed-quote.csv", `${EXTRACT_HEADER}\r\nP1,Request,"FZ-Q1,${recentDate},North Locality,,,\r\nP2,Request,FZ-Q2,${recentDate},North Locality,,,\r\n`),
    // Loadable once the missing team and workers are made: names that are formulas and script.
    file(
      "formulas.csv",
      csvText([
        EXTRACT_HEADER.split(","),
        good("FZ-F1", '=HYPERLINK("http://evil.example","Click")', "+SUM(1,1)", "@cmd|' /C calc'!A0"),
        good("FZ-F2", XSS.short, "-2+3", "=1+1"),
        good("FZ-F3", "North Locality", XSS.long.slice(0, 100), "\tTabbed"),
      ]),
      true,
    ),
  ];
}

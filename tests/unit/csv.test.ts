import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { csvRecord, safeCsvRecord } from "~/platform/csv";

describe("a CSV record", () => {
  it("quotes only the fields that need it, doubling quotes", () => {
    expect(csvRecord(["plain", 12, null, ""])).toBe("plain,12,,\r\n");
    expect(csvRecord(["a,b", 'say "no"', "two\nlines", "cr\r"])).toBe('"a,b","say ""no""","two\nlines","cr\r"\r\n');
    expect(csvRecord([])).toBe("\r\n");
  });

  it("reads back as the same cells, whatever they hold", () => {
    const cell = fc.oneof(fc.string({ unit: "binary" }), fc.constantFrom('"', ",", "\r\n", '""', " , ", "\n"));
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 6 }), fc.array(cell, { minLength: 1, maxLength: 6 }), (first, second) => {
        const parsed = Papa.parse<string[]>(csvRecord(first) + csvRecord(second), { delimiter: ",", newline: "\r\n", skipEmptyLines: false });
        expect(parsed.errors).toEqual([]);
        // The last record's line break opens an empty line, which the reader returns as [""].
        expect(parsed.data.slice(0, 2)).toEqual([first, second]);
      }),
      { numRuns: 500 },
    );
  });
});

describe("a record for a spreadsheet", () => {
  it("keeps a cell that starts like a formula as text, and leaves the rest alone", () => {
    expect(safeCsvRecord(["=1+1", "+44", "-2", "@SUM(A1)", "\tx", "\rx", "a=b", "", null, 3])).toBe("'=1+1,'+44,'-2,'@SUM(A1),'\tx,\"'\rx\",a=b,,,3\r\n");
  });
});

/*
 * CSV downloads of reports and lists. Each file opens with what it shows
 * (the report, the filters and the as-of date) so a copy passed around still
 * says where its figures came from, then a blank line, then the table.
 * Rows are written out in slices as the response is read, never as one
 * string holding the whole file.
 */
import { safeCsvRecord, type CsvCell } from "~/platform/csv";

export type { CsvCell };

/** The lines that say what the file shows: [label, value] pairs. */
export type CsvAbout = [string, string][];

const SLICE = 500;

function lines(rows: CsvCell[][]): string {
  let text = "";
  for (const row of rows) text += safeCsvRecord(row);
  return text;
}

export function csvResponse(fileName: string, about: CsvAbout, header: string[], rows: Iterable<CsvCell[]>): Response {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.iterator]();
  let started = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!started) {
        started = true;
        // A byte order mark, so Excel reads the UTF-8 correctly.
        controller.enqueue(encoder.encode(`\uFEFF${lines([...about, [], header])}`));
        return;
      }
      const slice: CsvCell[][] = [];
      for (let next = iterator.next(); !next.done; next = iterator.next()) {
        slice.push(next.value);
        if (slice.length === SLICE) break;
      }
      if (slice.length > 0) controller.enqueue(encoder.encode(lines(slice)));
      if (slice.length < SLICE) controller.close();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName.replace(/[^\w.-]+/g, "-")}"`,
      "Cache-Control": "no-store",
    },
  });
}

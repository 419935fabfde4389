import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import type { ServerBuild } from "@remix-run/node";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { answerDiskFull, DISK_FULL } from "~/http/disk-full.server";
import { uploadToDisk } from "~/http/upload-to-disk.server";

/** A save that meets a full disk for real: SQLite's SQLITE_FULL, from a database allowed no more pages. */
function fullDatabaseSave() {
  const sqlite = new Database(":memory:");
  sqlite.exec("create table notes (text text)");
  sqlite.pragma(`max_page_count = ${sqlite.pragma("page_count", { simple: true })}`);
  try {
    sqlite.transaction(() => {
      for (let i = 0; i < 1_000; i += 1) sqlite.prepare("insert into notes values (?)").run("x".repeat(1_000));
    })();
  } finally {
    sqlite.close();
  }
}

const buildWith = (module: Record<string, unknown>) => ({ routes: { page: { id: "page", path: "x", module } } }) as unknown as ServerBuild;
const args = { request: new Request("http://localhost/x", { method: "POST" }), params: {}, context: {} };

describe("a full disk", () => {
  it("a save on a page answers 507 with the one sentence, on the app's error page", async () => {
    expect(fullDatabaseSave).toThrow(expect.objectContaining({ code: "SQLITE_FULL" }));
    const build = answerDiskFull(buildWith({ default: () => null, action: () => fullDatabaseSave() }));
    const thrown = await Promise.resolve(build.routes.page!.module.action!(args as never)).catch((error: unknown) => error);
    expect(thrown).toMatchObject({ type: "DataWithResponseInit", data: DISK_FULL, init: { status: 507 } });
    expect(DISK_FULL).toBe("The server's disk is full: nothing was saved. Tell your administrator.");
  });

  it("a download's loader answers a page of its own, and other errors pass as they are", async () => {
    const build = answerDiskFull(
      buildWith({
        loader: () => fullDatabaseSave(),
        action: () => {
          throw new Error("other");
        },
      }),
    );
    const answer = (await build.routes.page!.module.loader!(args as never)) as Response;
    expect(answer.status).toBe(507);
    expect(await answer.text()).toContain(DISK_FULL.replace("'", "&#x27;"));
    await expect(Promise.resolve(build.routes.page!.module.action!(args as never))).rejects.toThrow("other");
  });

  it("an upload that meets ENOSPC is refused, its part-written file removed, and nothing is left unhandled", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "primed-upload-"));
    const file = path.join(dir, "upload.csv");
    try {
      // The disk takes the first chunk, then is full: the error comes from the stream, as fs's does.
      let written = 0;
      const full = () =>
        new Writable({
          write(chunk: Buffer, _encoding, done) {
            written += 1;
            fs.appendFileSync(file, chunk);
            if (written > 1) done(Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" }));
            else done();
          },
        });
      const handler = uploadToDisk({ field: "extract", file, maxPartSize: 1 << 20, createStream: full });
      async function* data() {
        for (let i = 0; i < 50; i += 1) yield new Uint8Array(1024);
      }
      const upload = handler({ name: "extract", filename: "march.csv", contentType: "text/csv", data: data() });
      await expect(upload).rejects.toMatchObject({ code: "ENOSPC" });
      expect(fs.existsSync(file)).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

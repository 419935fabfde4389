import { describe, expect, it } from "vitest";
import type { Db } from "../../db/connection";
import { memory } from "~/work-figures/figures-cache.server";

/** A stand-in database: the memory keys by its connection and asks `versionOf` for the data's version. */
const fakeDb = () => ({ $client: {} }) as unknown as Db;

function counted() {
  const counts = new Map<string, number>();
  return {
    counts,
    count: (key: string) => () => {
      counts.set(key, (counts.get(key) ?? 0) + 1);
      return { key };
    },
  };
}

describe("a memory of figures keyed by the data's version", () => {
  it("counts each thing once for a version, and again for the next", () => {
    let version = "a";
    const remembered = memory(100, () => version);
    const db = fakeDb();
    const { counts, count } = counted();
    const first = remembered(db, "team 1", count("team 1"));
    expect(remembered(db, "team 1", count("team 1"))).toBe(first);
    expect(counts.get("team 1")).toBe(1);
    version = "b";
    expect(remembered(db, "team 1", count("team 1"))).not.toBe(first);
    expect(counts.get("team 1")).toBe(2);
  });

  it("lets go of what was counted from earlier data when a new version is first seen", () => {
    let version = "a";
    const remembered = memory(100, () => version);
    const db = fakeDb();
    const { count } = counted();
    for (const team of ["1", "2", "3"]) remembered(db, team, count(team));
    expect(remembered.size(db)).toBe(3);
    version = "b";
    remembered(db, "1", count("1"));
    // Without letting go, the three entries of version a would stay until 100 newer ones pushed them out.
    expect(remembered.size(db)).toBe(1);
  });

  it("forgets nothing for a version seen before: a page a load overtook may still ask for it", () => {
    let version = "a";
    const remembered = memory(100, () => version);
    const db = fakeDb();
    const { counts, count } = counted();
    remembered(db, "1", count("1"));
    version = "b";
    remembered(db, "1", count("1"));
    remembered(db, "2", count("2"));
    version = "a";
    remembered(db, "1", count("1"));
    expect(remembered.size(db)).toBe(3);
    version = "b";
    remembered(db, "1", count("1"));
    remembered(db, "2", count("2"));
    expect(counts.get("1")).toBe(3);
    expect(counts.get("2")).toBe(1);
  });

  it("keeps at most its number of entries, the least recently used going first", () => {
    const remembered = memory(2, () => "a");
    const db = fakeDb();
    const { counts, count } = counted();
    remembered(db, "1", count("1"));
    remembered(db, "2", count("2"));
    remembered(db, "1", count("1"));
    remembered(db, "3", count("3"));
    expect(remembered.size(db)).toBe(2);
    remembered(db, "1", count("1"));
    remembered(db, "2", count("2"));
    expect(counts.get("1")).toBe(1);
    expect(counts.get("2")).toBe(2);
  });

  it("keeps each database's figures apart", () => {
    const remembered = memory(100, () => "a");
    const one = fakeDb();
    const other = fakeDb();
    const { counts, count } = counted();
    remembered(one, "1", count("1"));
    remembered(other, "1", count("1"));
    expect(counts.get("1")).toBe(2);
    expect(remembered.size(one)).toBe(1);
    expect(remembered.size(other)).toBe(1);
  });
});

/*
 * The server's route matching, patched (patches/@remix-run+router+*.patch and
 * patches/@remix-run+react+*.patch) to make Remix's routes for a page, convert
 * them to data routes and flatten them once, and to compile each path pattern
 * once: the same matches as before, never a stale one for another routes
 * array or other route modules.
 */
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

// The file the server loads (the package's CommonJS build), whatever vitest would pick for the browser.
const require = createRequire(import.meta.url);
const routerFile = require.resolve("@remix-run/router");
const router = require("@remix-run/router") as typeof import("@remix-run/router");
// Not a public entry of @remix-run/react: RemixServer's own helper, in the build the server loads.
const remixRoutesFile = path.join(path.dirname(require.resolve("@remix-run/react")), "routes.js");
const remixRoutes = require(remixRoutesFile) as {
  createServerRoutes: (manifest: Record<string, unknown>, modules: Record<string, unknown>, future: unknown, isSpaMode: boolean) => { id: string; children?: unknown[] }[];
};

type Route = import("@remix-run/router").AgnosticRouteObject;
type DataRoutes = Record<string, import("@remix-run/router").AgnosticDataRouteObject>;

const routes: Route[] = [
  {
    id: "root",
    path: "",
    children: [
      { id: "home", index: true },
      { id: "teams", path: "teams" },
      { id: "team", path: "teams/:slug" },
      { id: "team-items", path: "teams/:slug/items" },
      { id: "cycle", path: "teams/:slug/cycle/:month" },
      { id: "optional", path: "reports/:year?" },
      { id: "Exact", path: "Exact", caseSensitive: true },
      { id: "files", path: "files/*" },
    ],
  },
];

const idsOf = (matches: ReturnType<typeof router.matchRoutes>) => matches?.map((m) => [m.route.id, m.params, m.pathnameBase]) ?? null;

describe("matching routes on the server", () => {
  it("runs the patched build: ranked branches and compiled paths are kept", () => {
    expect(routerFile).toMatch(/router\.cjs\.js$/);
    const source = fs.readFileSync(routerFile, "utf8");
    expect(source).toContain("rankedBranches.get(routes)");
    expect(source).toContain("compiledPaths.get(key)");
    expect(source).toContain("dataRoutesKept.get(routes)");
    expect(source).toContain("kept.matchesByPath.get(key)");
    expect(fs.readFileSync(remixRoutesFile, "utf8")).toContain("serverRoutesKept.get(manifest)");
  });

  it("converts a routes array to data routes once, and fills each page's own manifest with them", () => {
    const mapRouteProperties = () => ({ hasErrorBoundary: false });
    const firstManifest: DataRoutes = {};
    const first = router.UNSAFE_convertRoutesToDataRoutes(routes, mapRouteProperties, undefined, firstManifest);
    const secondManifest: DataRoutes = {};
    const second = router.UNSAFE_convertRoutesToDataRoutes(routes, mapRouteProperties, undefined, secondManifest);
    expect(second).toBe(first);
    expect(Object.keys(secondManifest).sort()).toEqual(["Exact", "files", "home", "optional", "root", "team", "team-items", "teams", "cycle"].sort());
    expect(secondManifest).toEqual(firstManifest);
    expect(secondManifest.team).toBe(first[0]!.children!.find((route) => route.id === "team"));
    // Other properties, or a manifest that already holds routes, are converted afresh.
    expect(router.UNSAFE_convertRoutesToDataRoutes(routes, () => ({ hasErrorBoundary: true }), undefined, {})).not.toBe(first);
    expect(() => router.UNSAFE_convertRoutesToDataRoutes(routes, mapRouteProperties, undefined, { root: first[0] })).toThrow(/collision/);
    // A routes array of its own is its own data routes.
    expect(router.UNSAFE_convertRoutesToDataRoutes([{ id: "root", path: "" }], mapRouteProperties, undefined, {})[0]!.id).toBe("root");
  });

  it("makes Remix's routes for a build once, and again when a route module changes", () => {
    const manifest = {
      root: { id: "root", path: "", hasLoader: true },
      "routes/teams": { id: "routes/teams", parentId: "root", path: "teams", hasLoader: true },
    };
    const TeamsPage = () => null;
    const modules = { root: { default: () => null }, "routes/teams": { default: TeamsPage } };
    const future = {};
    const first = remixRoutes.createServerRoutes(manifest, modules, future, false);
    // Remix hands over a new object of the same modules with every page.
    expect(remixRoutes.createServerRoutes(manifest, { ...modules }, future, false)).toBe(first);
    expect(first.map((route) => route.id)).toEqual(["root"]);
    expect(first[0]!.children).toHaveLength(1);
    const changed = remixRoutes.createServerRoutes(manifest, { ...modules, "routes/teams": { default: () => null } }, future, false);
    expect(changed).not.toBe(first);
    expect((changed[0]!.children![0] as { Component: unknown }).Component).not.toBe(TeamsPage);
    expect(remixRoutes.createServerRoutes(manifest, modules, { v3_singleFetch: true }, false)).not.toBe(changed);
  });

  it("finds the same route, parameters and base every time, ranked as before (static over dynamic)", () => {
    const cases: [string, string | null, Record<string, string>][] = [
      ["/", "home", {}],
      ["/teams", "teams", {}],
      ["/teams/north", "team", { slug: "north" }],
      ["/teams/north/items", "team-items", { slug: "north" }],
      ["/teams/north/cycle/2026-11", "cycle", { slug: "north", month: "2026-11" }],
      ["/reports", "optional", {}],
      ["/reports/2026", "optional", { year: "2026" }],
      ["/Exact", "Exact", {}],
      ["/exact", null, {}],
      ["/files/a/b.csv", "files", { "*": "a/b.csv" }],
      ["/teams/a%20b", "team", { slug: "a b" }],
      ["/nowhere/at/all", null, {}],
    ];
    for (let round = 0; round < 3; round++) {
      for (const [path, id, params] of cases) {
        const matches = router.matchRoutes(routes, path);
        if (id === null) {
          expect(matches, path).toBeNull();
          continue;
        }
        expect(
          matches?.map((m) => m.route.id),
          path,
        ).toEqual(["root", id]);
        expect(matches?.at(-1)?.params, path).toEqual(params);
      }
    }
  });

  it("matches a new routes array by its own routes, not by what an earlier array held", () => {
    const before = idsOf(router.matchRoutes(routes, "/teams/north"));
    const renamed: Route[] = [{ id: "root", path: "", children: [{ id: "team-by-id", path: "teams/:teamId" }] }];
    expect(idsOf(router.matchRoutes(renamed, "/teams/north"))).toEqual([
      ["root", { teamId: "north" }, "/"],
      ["team-by-id", { teamId: "north" }, "/teams/north"],
    ]);
    expect(idsOf(router.matchRoutes(routes, "/teams/north"))).toEqual(before);
  });

  it("hands out a path's kept matches as copies, so a caller that changes them changes nothing for the next", () => {
    const first = router.matchRoutes(routes, "/teams/north/cycle/2026-11")!;
    // As the router makes them: the matches of one branch share one params object.
    expect(first[0]!.params).toBe(first[1]!.params);
    (first[1]!.params as Record<string, string>).slug = "south";
    (first as unknown[]).push("changed");
    const again = router.matchRoutes(routes, "/teams/north/cycle/2026-11")!;
    expect(again).not.toBe(first);
    expect(idsOf(again)).toEqual([
      ["root", { slug: "north", month: "2026-11" }, "/"],
      ["cycle", { slug: "north", month: "2026-11" }, "/teams/north/cycle/2026-11"],
    ]);
    expect(again[0]!.params).toBe(again[1]!.params);
    expect(again[1]!.route).toBe(first[1]!.route);
  });

  it("keeps a pattern's ending and case apart when it compiles it once", () => {
    expect(router.matchPath({ path: "/teams/:slug", end: false }, "/teams/north/items")?.params).toEqual({ slug: "north" });
    expect(router.matchPath({ path: "/teams/:slug", end: true }, "/teams/north/items")).toBeNull();
    expect(router.matchPath({ path: "/Teams", caseSensitive: true }, "/teams")).toBeNull();
    expect(router.matchPath({ path: "/Teams", caseSensitive: false }, "/teams")?.pathname).toBe("/teams");
  });
});

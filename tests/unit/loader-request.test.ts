/*
 * The request a loader is handed, patched (patches/@remix-run+server-runtime+*.patch):
 * Remix made two new copies of a page's request for every loader to strip
 * `index` and `_routes` from its address, even when it had neither. Now a
 * GET or HEAD without them is handed over as it is; everything else is
 * copied and stripped as before.
 */
import path from "node:path";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

// Not a public entry: the server runtime's own helper, in the CommonJS build the server loads and in its ES build.
const require = createRequire(import.meta.url);
const runtimeDir = path.dirname(require.resolve("@remix-run/server-runtime"));

interface LoaderCall {
  loadContext: unknown;
  loader: (args: { request: Request }) => unknown;
  params: Record<string, string>;
  request: Request;
  routeId: string;
  singleFetch: boolean;
}
type CallRouteLoader = (call: LoaderCall) => Promise<unknown>;

const builds: [string, () => Promise<CallRouteLoader>][] = [
  ["CommonJS", async () => (require(path.join(runtimeDir, "data.js")) as { callRouteLoader: CallRouteLoader }).callRouteLoader],
  ["ES module", async () => ((await import(path.join(runtimeDir, "esm", "data.js"))) as { callRouteLoader: CallRouteLoader }).callRouteLoader],
];

/** The request the loader saw. */
async function seenBy(callRouteLoader: CallRouteLoader, request: Request, singleFetch = true): Promise<Request> {
  let seen: Request | undefined;
  await callRouteLoader({ loadContext: {}, params: {}, routeId: "routes/test", singleFetch, request, loader: ({ request }) => ((seen = request), null) });
  return seen!;
}

describe.each(builds)("a loader's request (%s build)", (_name, load) => {
  it("is the page's own request when there is nothing to strip", async () => {
    const callRouteLoader = await load();
    const request = new Request("http://localhost/teams/north?worker=4&month=2026-11", { headers: { cookie: "a=b" } });
    expect(await seenBy(callRouteLoader, request)).toBe(request);
    const head = new Request("http://localhost/teams/north", { method: "HEAD" });
    expect(await seenBy(callRouteLoader, head)).toBe(head);
    expect(await seenBy(callRouteLoader, request, false)).toBe(request);
  });

  it("is a copy without Remix's own parameters when there are some", async () => {
    const callRouteLoader = await load();
    const withRoutes = new Request("http://localhost/teams/north.data?worker=4&_routes=routes%2Fteams", { headers: { cookie: "a=b" } });
    const seen = await seenBy(callRouteLoader, withRoutes);
    expect(seen).not.toBe(withRoutes);
    expect(seen.url).toBe("http://localhost/teams/north.data?worker=4");
    expect(seen.headers.get("cookie")).toBe("a=b");
    // An empty index is Remix's marker and goes; one with a value is the page's and stays.
    expect((await seenBy(callRouteLoader, new Request("http://localhost/actions?index&x=1"))).url).toBe("http://localhost/actions?x=1");
    expect((await seenBy(callRouteLoader, new Request("http://localhost/actions?index=2"))).url).toBe("http://localhost/actions?index=2");
    expect((await seenBy(callRouteLoader, new Request("http://localhost/teams?_data=root"), false)).url).toBe("http://localhost/teams");
  });

  it("follows the page's request when it is aborted, copied or not", async () => {
    const callRouteLoader = await load();
    for (const url of ["http://localhost/teams/north", "http://localhost/teams/north?_routes=root"]) {
      const controller = new AbortController();
      const seen = await seenBy(callRouteLoader, new Request(url, { signal: controller.signal }));
      expect(seen.signal.aborted, url).toBe(false);
      controller.abort();
      expect(seen.signal.aborted, url).toBe(true);
    }
  });

  it("is a copy for a form's POST, whose body the action reads", async () => {
    const callRouteLoader = await load();
    const post = new Request("http://localhost/teams/north", { method: "POST", body: "a=1", headers: { "content-type": "application/x-www-form-urlencoded" } });
    const seen = await seenBy(callRouteLoader, post);
    expect(seen).not.toBe(post);
    expect(await seen.text()).toBe("a=1");
  });
});

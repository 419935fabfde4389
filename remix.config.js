/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*"],
  serverModuleFormat: "esm",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    // Off: with two dozen routes the whole manifest is one small cached file, while discovery cost every page a route match per path segment and the browser a request per navigation.
    v3_lazyRouteDiscovery: false,
  },
};

/*
 * The layering of app/ (issue 21), checked by `npm run check:layers` in `npm test`:
 *   routes/ -> components/ and the domain modules -> db/
 * A route reads input, calls the domain and returns data; components only show
 * data; the domain modules (everything in app/ outside routes/ and components/)
 * never reach back up into the pages, so they can be used by the command line,
 * the import job and the tests without React or Remix routes.
 */
/*
 * Folders still in cycles with each other when the check came in. dependency-cruiser's
 * known-violations baseline does not cover folder-scoped rules, so they are named here:
 *   actions <-> purpose (actions.server and purpose/objectives.server import each other),
 *   primed-metrics -> actions -> purpose -> primed-metrics,
 *   reports <-> interpretation (the service overview and the team signals),
 *   audit <-> people (the trail's reading rights; sign-in writes to the trail).
 * Take a folder off this list once its cycles are gone.
 */
const foldersStillInCycles = ["actions", "purpose", "primed-metrics", "reports", "interpretation", "audit", "people"];

/** @type {import("dependency-cruiser").IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "domain-not-to-ui",
      severity: "error",
      comment:
        "A domain module (app/ outside routes/ and components/) imports a component or a route. Move the data shape or builder it needs into the domain folder and let the component import it from there.",
      from: { path: "^app/", pathNot: ["^app/routes/", "^app/components/", "^app/root\\.tsx$", "^app/entry\\.server\\.tsx$"] },
      to: { path: ["^app/components/", "^app/routes/"] },
    },
    {
      name: "nothing-imports-routes",
      severity: "error",
      comment: "Route modules are Remix's entry points; nothing else imports them. Put what two routes share into a component or a domain module.",
      from: {},
      to: { path: "^app/routes/" },
    },
    {
      name: "components-not-server",
      severity: "error",
      comment:
        "A component imports a *.server module. Components run in the browser too: take the data as props. A type-only import is allowed, since it is erased before the browser bundle is built and carries no server code.",
      from: { path: "^app/components/" },
      to: { path: "\\.server\\.tsx?$", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "db-not-to-app",
      severity: "error",
      comment: "db/ (schema, connection, migrations) is the bottom layer: it does not import the app.",
      from: { path: "^db/" },
      to: { path: "^app/" },
    },
    {
      name: "no-folder-cycles",
      severity: "error",
      comment: "Two folders of app/ import each other (through any chain). Move the shared piece down into the folder both can depend on.",
      scope: "folder",
      from: { path: "^app/", pathNot: `^app/(${foldersStillInCycles.join("|")})$` },
      to: { path: "^app/", circular: true },
    },
    {
      name: "known-folder-cycles",
      severity: "warn",
      comment: "A cycle among the folders still tied together (foldersStillInCycles). Shown so the list can shrink; a new cycle through any other folder fails no-folder-cycles.",
      scope: "folder",
      from: { path: `^app/(${foldersStillInCycles.join("|")})$` },
      to: { path: "^app/", circular: true },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "An import that resolves to no file.",
      from: {},
      to: { couldNotResolve: true, dependencyTypesNot: ["core"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["^build/", "^public/", "^node_modules/"] },
    // Type-only imports count: a component that imports a *.server module's type still couples the page to the server module.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".d.ts", ".js", ".mjs", ".cjs", ".json"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

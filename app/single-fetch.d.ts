import "@remix-run/node";

// Types loaders' data as single fetch sends it (stack-notes.md, item 5).
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

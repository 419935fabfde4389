import "@remix-run/node";

// Types loaders' data as single fetch sends it: with Remix's v3_singleFetch flag, loaders return
// plain objects or data(), and useLoaderData<typeof loader> reads their types only once Future
// says the flag is on.
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

/** What the Express server hands every loader and action. */
export interface PrimedLoadContext {
  /** The client's address, for rate limiting sign-ins. */
  clientAddress: string;
  /** The Content-Security-Policy nonce of this response's scripts. */
  cspNonce: string;
}

declare module "@remix-run/server-runtime" {
  interface AppLoadContext extends PrimedLoadContext {}
}

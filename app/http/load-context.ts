/** What the Express server hands every loader and action. */
export interface PrimedLoadContext {
  /** The client's address, for rate limiting sign-ins. */
  clientAddress: string;
  /** The Content-Security-Policy nonce of this response's scripts. */
  cspNonce: string;
  /** One person's request beyond their share (app/http/per-person-limit.ts): every loader and action refuses it. */
  tooManyRequests: boolean;
  /**
   * The browser asked for a whole page (not a page's data alone, `.data`): a large data text can go in the page
   * itself (app/http/sent-in-page.server.ts). Left out, the data is sent with the rest.
   */
  pageRequest?: boolean;
}

declare module "@remix-run/server-runtime" {
  interface AppLoadContext extends PrimedLoadContext {}
}

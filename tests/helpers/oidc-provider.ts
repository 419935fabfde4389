import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";
import type { Page } from "playwright-core";

/** A person the provider knows: `sub` is the account id typed at its login prompt. */
export interface ProviderAccount {
  sub: string;
  email?: string;
  name?: string;
}

export interface ProviderClient {
  clientId: string;
  clientSecret: string;
  /** The app's callback address, as it will be registered (PRIMED_OIDC_REDIRECT_URL). */
  redirectUri: string;
}

export interface RunningProvider {
  /** The issuer, http://127.0.0.1:<port> (loopback: Primed accepts plain http only there). */
  issuer: string;
  /** The environment that points Primed at this provider for `client`. */
  env(client: ProviderClient): Record<string, string>;
  stop(): Promise<void>;
}

/**
 * A real OpenID Connect provider (oidc-provider 8, the certified one) on
 * 127.0.0.1 and a free port, with the given clients and accounts. Its own
 * development login page asks for an account id (any password), then its
 * consent page: `signInAtProvider` below goes through both in a browser.
 */
export async function startOidcProvider(options: { clients: ProviderClient[]; accounts: ProviderAccount[] }): Promise<RunningProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: options.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: [c.redirectUri],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    })),
    async findAccount(_ctx: unknown, id: string) {
      const account = options.accounts.find((a) => a.sub === id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({ sub: id, email: account.email, email_verified: account.email !== undefined, name: account.name }),
      };
    },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // The claims asked for by scope go into the ID token itself, as Entra ID does with email and name.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    cookies: { keys: ["a test provider's cookie key, nothing secret"] },
  });
  server.on("request", provider.callback());
  return {
    issuer,
    env: (client) => ({
      PRIMED_OIDC_ISSUER: issuer,
      PRIMED_OIDC_CLIENT_ID: client.clientId,
      PRIMED_OIDC_CLIENT_SECRET: client.clientSecret,
      PRIMED_OIDC_REDIRECT_URL: client.redirectUri,
    }),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

/**
 * At the provider's login page (the page has just been sent there), signs in
 * as `accountId` and agrees to share the details; resolves once the browser
 * has left the provider for `returnTo` (the app's address).
 */
export async function signInAtProvider(page: Page, accountId: string, returnTo: string): Promise<void> {
  await page.locator('input[name="login"]').waitFor();
  await page.fill('input[name="login"]', accountId);
  await page.fill('input[name="password"]', "any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  // The consent page the first time this browser signs in as this account; none after.
  const consent = page.getByRole("button", { name: "Continue" });
  const back = (url: URL) => url.href.startsWith(returnTo);
  const next = await Promise.race([
    page.waitForURL(back).then(
      () => "back" as const,
      () => "gone" as const,
    ),
    consent.waitFor().then(
      () => "consent" as const,
      () => "gone" as const,
    ),
  ]);
  if (next === "consent") await consent.click();
  await page.waitForURL(back);
  await page.waitForLoadState("load");
}

/** At the provider's login page, cancels: the provider sends the browser back with error=access_denied. */
export async function cancelAtProvider(page: Page, returnTo: string): Promise<void> {
  await page.locator('input[name="login"]').waitFor();
  await page.getByRole("link", { name: "[ Cancel ]" }).click();
  await page.waitForURL((url) => url.href.startsWith(returnTo));
  await page.waitForLoadState("load");
}

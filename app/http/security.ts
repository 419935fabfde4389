/*
 * The security headers every response carries, and the same-origin rule for
 * anything that changes data. Used by the Express server in bin/serve.ts.
 */

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders(nonce: string): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(nonce),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The addresses a program uses with an integration token (the extract feed,
 * /api/...): they read only the Authorization header, never the session
 * cookie, so a request from another site carries nothing they would accept,
 * and the same-origin rule below (which a scheduled job, sending no Origin or
 * Referer, could never meet) does not apply to them. `target` is the
 * request's path and query as sent; it is read as Remix reads it (dot
 * segments resolved, in any case), so "/api/../admin" is not let through.
 */
export function isTokenOnlyPath(target: string): boolean {
  let path: string;
  try {
    path = new URL(`http://primed.invalid${target}`).pathname;
  } catch {
    return false;
  }
  return /^\/api\//i.test(path);
}

/**
 * A request that could change data must come from a page of this site: its
 * Origin (or, when there is none, its Referer) must name this host. A request
 * with neither is refused too: browsers always send one of them on a form post.
 * `Origin: null` (a sandboxed frame, a redirect from another site, a file) is
 * refused whatever the Referer says: it says the page is not known to be ours.
 *
 * Everything this lets through must also pass Remix's own check, which
 * otherwise answers 500: an Origin, when there is one, must name the host
 * Remix compares it with (X-Forwarded-Host when sent, else Host), so it must
 * name both.
 */
export function isCrossSiteWrite(method: string, host: string | undefined, origin: string | undefined, referer: string | undefined, forwardedHost?: string): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  if (!host) return true;
  if (origin !== undefined) {
    const originHost = hostOf(origin);
    const remixHost = forwardedHost?.split(",")[0]?.trim() || host;
    return originHost === null || originHost !== host || originHost !== remixHost;
  }
  return !referer || hostOf(referer) !== host;
}

/** The host (with its port) an address names, or null when it is not an address ("null", say). */
function hostOf(address: string): string | null {
  try {
    return new URL(address).host || null;
  } catch {
    return null;
  }
}

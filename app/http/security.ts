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
 * A request that could change data must come from a page of this site: its
 * Origin (or, failing that, Referer) must name this host. A request with
 * neither is refused too: browsers always send one of them on a form post.
 */
export function isCrossSiteWrite(method: string, host: string | undefined, origin: string | undefined, referer: string | undefined): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  const source = origin && origin !== "null" ? origin : referer;
  if (!source || !host) return true;
  try {
    return new URL(source).host !== host;
  } catch {
    return true;
  }
}

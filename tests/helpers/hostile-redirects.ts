/**
 * Values of `redirectTo` that a browser, reading them as a Location, could
 * take to another site, or that once answered 500: each must send a person to
 * their landing page instead. Shared by the unit test of safeRedirectPath and
 * the HTTP test of the sign-in page.
 */
export const hostileRedirects: string[] = [
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "\t//evil.example",
  " //evil.example",
  "/%2Fevil.example",
  "/%2fevil.example",
  "/%5Cevil.example",
  "/%5cevil.example",
  "/%2F%2Fevil.example",
  "/..//evil.example",
  "/./\\evil.example",
  "/%2e%2e//evil.example",
  "https://evil.example/",
  "http:evil.example",
  "https:/evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "/\u0000/evil.example",
  "/\u001b//evil.example",
  "/\u007f/evil.example",
  "evil.example",
  "",
  "/%E0%A4%A",
  "/".concat("a".repeat(3000)),
];

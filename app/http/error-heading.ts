/** The heading of an error answer, by its status: the app's error page (root.tsx) and the downloads' pages say the same. */
export function errorHeading(status: number): string {
  if (status === 404) return "Page not found";
  if (status === 403) return "You do not have access to this page";
  if (status === 429) return "Too many pages at once";
  return "There is a problem with this request";
}

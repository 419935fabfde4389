import type { ServerBuild } from "@remix-run/node";
import { matchRoutes } from "@remix-run/react";

type RouteObject = Parameters<typeof matchRoutes>[0][number];

// Remix's single fetch asks for a page's data at the page's address plus ".data" ("/_root.data" for "/").
const DATA_SUFFIX = ".data";

/**
 * Names the route a path belongs to by its pattern ("/teams/:slug/items"),
 * not the path itself: paths carry team slugs, worker and action ids and
 * calendar secrets, which a log should not keep. Null for a path no route has.
 */
export function routePatternMatcher(routes: ServerBuild["routes"]): (pathname: string) => string | null {
  const children = new Map<string | undefined, RouteObject[]>();
  const byId = new Map<string, RouteObject>();
  for (const route of Object.values(routes)) {
    const node = { id: route.id, path: route.path, index: route.index, caseSensitive: route.caseSensitive, children: [] } as RouteObject;
    byId.set(route.id, node);
    children.set(route.parentId, [...(children.get(route.parentId) ?? []), node]);
  }
  for (const [id, node] of byId) node.children = children.get(id) ?? [];
  const tree = children.get(undefined) ?? [];

  return (pathname) => {
    const isData = pathname.endsWith(DATA_SUFFIX);
    const pagePath = isData ? pathname.slice(0, -DATA_SUFFIX.length).replace(/^\/_root$/, "/") : pathname;
    const matches = matchRoutes(tree, pagePath);
    if (!matches) return null;
    const pattern = `/${matches
      .map((match) => match.route.path ?? "")
      .filter(Boolean)
      .join("/")}`;
    return isData ? `${pattern}${DATA_SUFFIX}` : pattern;
  };
}

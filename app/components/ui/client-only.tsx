import { useSyncExternalStore, type ReactNode } from "react";

const subscribe = () => () => {};

/** Renders `children` only in the browser, after hydration; `fallback` on the server. */
export function ClientOnly({ children, fallback }: { children: () => ReactNode; fallback: ReactNode }) {
  const hydrated = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  return <>{hydrated ? children() : fallback}</>;
}

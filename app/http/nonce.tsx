import { createContext, useContext } from "react";

/** The response's CSP nonce, given to the scripts Remix writes into the page. */
export const NonceContext = createContext("");

export function useNonce(): string {
  return useContext(NonceContext);
}

import { createContext, useContext } from "react";

/**
 * The request's CSP nonce, for the inline scripts Remix renders. Server only in effect: browsers
 * hide the attribute's value from the DOM, so the client renders with "" and nothing reads it.
 */
const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}

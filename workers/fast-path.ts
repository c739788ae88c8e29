/**
 * For the JSON paths the Worker answers before the router: the path's one id, decoded as the router would
 * decode it (undefined when it cannot be, for the handler's 400), or null when the request is not
 * for this path and method.
 */
export function fastPathId(request: Request, methods: readonly string[], path: RegExp): { id: string | undefined } | null {
  if (!methods.includes(request.method)) return null;
  const match = path.exec(new URL(request.url).pathname);
  if (!match) return null;
  try {
    return { id: decodeURIComponent(match[1]!) };
  } catch {
    return { id: undefined };
  }
}

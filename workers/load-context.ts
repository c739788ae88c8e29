/** What every Remix loader and action receives from the Worker (or from Vite's dev proxy). */
export type CloudflareContext = {
  env: Env;
  ctx: Pick<ExecutionContext, "waitUntil">;
  cf?: IncomingRequestCfProperties | CfProperties;
};

declare module "@remix-run/cloudflare" {
  interface AppLoadContext {
    cloudflare: CloudflareContext;
  }
  // Types loaders and actions for Single Fetch (the v3_singleFetch future flag in vite.config.ts).
  interface Future {
    v3_singleFetch: true;
  }
}

export function getLoadContext({ context }: { request: Request; context: { cloudflare: CloudflareContext } }) {
  return { cloudflare: context.cloudflare };
}

/** What every loader and action receives from the Worker entry (workers/app.ts), in `vite dev` too. */
export type CloudflareContext = {
  env: Env;
  ctx: Pick<ExecutionContext, "waitUntil">;
  cf?: IncomingRequestCfProperties | CfProperties;
};

declare module "react-router" {
  interface AppLoadContext {
    cloudflare: CloudflareContext;
  }
}

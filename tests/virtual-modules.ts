declare module "virtual:marquee/shipped-routes" {
  /** The route table of the build under test (its browser manifest): vitest.workerd.config.ts. */
  const routes: Record<string, { id: string; parentId?: string; path?: string; hasAction: boolean; hasLoader: boolean }>;
  export default routes;
}

import { createRequestHandler, type ServerBuild } from "@remix-run/cloudflare";
// @ts-expect-error -- produced by `remix vite:build` (untyped JS); wrangler and the test pool bundle it in.
import * as build from "../build/server";
import { getLoadContext } from "./load-context";

export { ShowtimeSeats } from "./showtime-seats";

const handleRemixRequest = createRequestHandler(build as unknown as ServerBuild);

export default {
  async fetch(request, env, ctx) {
    const loadContext = getLoadContext({ request, context: { cloudflare: { env, ctx, cf: request.cf } } });
    return handleRemixRequest(request, loadContext);
  },
} satisfies ExportedHandler<Env>;

import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/cloudflare";
import { z } from "zod";
import { ApiError, apiId, apiJson, handleApi, readJson, requireApiUser } from "#app/utils/api.server";
import { services } from "#app/utils/context.server";
import { queueView } from "#app/queue/fan-status.server";
import type { QueueView } from "#app/queue/fan-status.server";

function body(view: QueueView) {
  return { ...view.status, opensAt: view.opensAt, admissionToken: view.token };
}

function unknownOnSale(): never {
  throw new ApiError(404, "no_waiting_room", "This show has no waiting room: hold seats directly.");
}

/** GET: your place (and, once admitted, your admission token for the X-Admission-Token header). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const s = services(context, request);
    const user = await requireApiUser(request, s);
    const view = await queueView(s, apiId(params.showtimeId), user.id, { join: false });
    if (!view) unknownOnSale();
    return apiJson(body(view), 200, view.setCookie ? { "Set-Cookie": view.setCookie } : {});
  });
}

/** POST: join (idempotent: a second join keeps the first place). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== "POST") throw new ApiError(405, "method_not_allowed", "POST to join the queue.");
    const s = services(context, request);
    const user = await requireApiUser(request, s);
    // A JSON body (even `{}`) keeps joins CSRF-safe, as for every JSON write.
    await readJson(request, z.object({}).strict());
    const view = await queueView(s, apiId(params.showtimeId), user.id, { join: true });
    if (!view) unknownOnSale();
    return apiJson(body(view), 200, view.setCookie ? { "Set-Cookie": view.setCookie } : {});
  });
}

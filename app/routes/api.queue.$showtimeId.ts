import type { ActionFunctionArgs, LoaderFunctionArgs } from "react-router";
import { services } from "#app/utils/context.server";
import { queueApiResponse } from "#app/queue/queue-api.server";

// GET and POST are answered by the Worker before Remix (workers/queue.ts); the route keeps the
// other methods (HEAD, PUT, DELETE…) on the same code, so they get the same 4xx.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return queueApiResponse(services(context, request), request, params.showtimeId);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return queueApiResponse(services(context, request), request, params.showtimeId);
}

import type { z } from "zod";
import { readBytesLimited } from "./http.server";
import { idParam } from "./params";
import { log } from "#app/observability/log.server";
import { reportInternalError } from "./internal-errors.server";

/** JSON API plumbing: one error shape, bounded bodies, and the checks that keep JSON writes CSRF-safe. */
export type ApiErrorBody = { error: { code: string; message: string; [k: string]: unknown } };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** `headers`: a record, or a list of pairs when one header comes twice (two Set-Cookies). */
export function apiJson(body: unknown, status = 200, headers: Record<string, string> | [string, string][] = {}): Response {
  const base: [string, string][] = [
    ["Content-Type", "application/json; charset=utf-8"],
    ["Cache-Control", "no-store"],
  ];
  return new Response(JSON.stringify(body), { status, headers: Array.isArray(headers) ? [...base, ...headers] : { ...Object.fromEntries(base), ...headers } });
}

export function apiErrorResponse(error: ApiError): Response {
  const body: ApiErrorBody = { error: { code: error.code, message: error.message, ...error.extra } };
  return apiJson(body, error.status);
}

/** Runs an API handler, turning ApiErrors into their JSON response; anything else is a real bug. */
export async function handleApi(request: Request, fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ApiError) return apiErrorResponse(error);
    if (error instanceof Response) return error;
    log.error("api.internal", { method: request.method, path: new URL(request.url).pathname, outcome: "500", error });
    reportInternalError(error, request);
    return apiJson({ error: { code: "internal", message: "Something went wrong on our side." } }, 500);
  }
}

export const MAX_JSON_BYTES = 8 * 1024;

/**
 * Reads a JSON body. Browsers cannot send `application/json` cross-site without a CORS preflight
 * (which we never grant), so requiring it, plus the Worker's Origin check, makes JSON writes CSRF-safe.
 */
export async function readJson<T extends z.ZodType>(request: Request, schema: T): Promise<z.output<T>> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    throw new ApiError(415, "unsupported_media_type", "Send the request body as application/json.");
  }
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > MAX_JSON_BYTES) throw new ApiError(413, "body_too_large", `Request bodies are limited to ${MAX_JSON_BYTES} bytes.`);
  // The runtime holds a body to its declared length, so a declared, small body is read natively;
  // only a body of unknown length is counted chunk by chunk.
  const text = request.headers.has("Content-Length") ? await request.text() : await readLimited(request, MAX_JSON_BYTES);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ApiError(400, "invalid_json", "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    throw new ApiError(422, "invalid_input", `${where}${issue?.message ?? "invalid input"}`);
  }
  return parsed.data;
}

async function readLimited(request: Request, max: number): Promise<string> {
  const bytes = await readBytesLimited(request, max);
  if (!bytes) throw new ApiError(413, "body_too_large", `Request bodies are limited to ${max} bytes.`);
  return new TextDecoder().decode(bytes);
}

export function apiId(value: string | undefined): string {
  try {
    return idParam(value);
  } catch {
    throw new ApiError(400, "invalid_id", "That id isn't valid.");
  }
}

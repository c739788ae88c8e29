import { z } from "zod";
import { seatIdSchema } from "#app/domain/layout-schema";

/**
 * Shared by the seat form and the JSON API. The per-user limit itself is the seat object's rule.
 * Strict: an unknown field is a client meaning something this API does not do (refused, not ignored).
 */
export const holdRequestSchema = z
  .object({
    seatIds: z.array(seatIdSchema, { error: "seatIds must be a list of seat ids like C7" }).max(50, "Too many seats in one request"),
  })
  .strict();

export type HoldRequest = z.infer<typeof holdRequestSchema>;

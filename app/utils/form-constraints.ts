import { z } from "zod";

/** The HTML constraint attributes a field gets: the browser's first check, never the last. */
export type FieldConstraints = { required?: boolean; minLength?: number; maxLength?: number; min?: number; max?: number };

type JsonProp = { type?: string; minLength?: number; maxLength?: number; minimum?: number; maximum?: number };

/**
 * Reads required/length/range limits off the zod schema an action validates with, so the form's
 * attributes cannot drift from the server's rules. Only what HTML can say is carried over;
 * refinements and transforms stay server-side (and in the error messages they produce).
 */
export function formConstraints<S extends z.ZodObject>(schema: S): Record<keyof z.input<S> & string, FieldConstraints> {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, JsonProp>; required?: string[] };
  const required = new Set(json.required ?? []);
  const out: Record<string, FieldConstraints> = {};
  for (const [name, prop] of Object.entries(json.properties ?? {})) {
    const c: FieldConstraints = {};
    if (required.has(name)) c.required = true;
    if (prop.type === "string") {
      // A required text field must hold at least one character; HTML's `required` already says so.
      if (prop.minLength !== undefined && prop.minLength > 1) c.minLength = prop.minLength;
      if (prop.maxLength !== undefined) c.maxLength = prop.maxLength;
    }
    if (prop.type === "number" || prop.type === "integer") {
      if (prop.minimum !== undefined) c.min = prop.minimum;
      if (prop.maximum !== undefined) c.max = prop.maximum;
    }
    out[name] = c;
  }
  return out as Record<keyof z.input<S> & string, FieldConstraints>;
}

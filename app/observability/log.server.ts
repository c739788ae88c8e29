/**
 * The one logger (ADR 029): every line is one JSON object, `{ level, event, …ids, outcome, ms }`, so
 * Workers Logs can filter and count by field. Fields are ids, codes and numbers: never an email
 * address, a name, a phone number or a body. An `error` field keeps only the error's class and
 * message (stacks go to traces).
 */
export type LogFields = Record<string, string | number | boolean | null | undefined | unknown>;

type Level = "info" | "warn" | "error";

function describe(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message.slice(0, 500) };
  return value;
}

export function logLine(level: Level, event: string, fields: LogFields = {}): string {
  const out: Record<string, unknown> = { level, event };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = describe(value);
  try {
    return JSON.stringify(out);
  } catch {
    return JSON.stringify({ level, event, outcome: "unloggable" });
  }
}

export const log = {
  info(event: string, fields?: LogFields) {
    console.log(logLine("info", event, fields));
  },
  warn(event: string, fields?: LogFields) {
    console.warn(logLine("warn", event, fields));
  },
  error(event: string, fields?: LogFields) {
    console.error(logLine("error", event, fields));
  },
};

import { describe, expect, it } from "vitest";
import { backoffSeconds, classifySendError, parseRetryAfter } from "./email-delivery";

const err = (statusCode: number | null, name = "application_error") => ({ statusCode, name, message: "x" });

describe("email delivery verdicts", () => {
  it("retries network errors, 429 and 5xx with a delay that doubles per attempt", () => {
    for (const e of [err(null), err(429, "rate_limit_exceeded"), err(500, "internal_server_error"), err(503)]) {
      const delays = [1, 2, 3, 4].map((n) => classifySendError(e, n));
      expect(delays.map((d) => d.kind)).toEqual(["retry", "retry", "retry", "retry"]);
      expect(delays.map((d) => (d.kind === "retry" ? d.delaySeconds : 0))).toEqual([30, 60, 120, 240]);
    }
  });

  it("does not retry validation errors, bad addresses or a rejected key", () => {
    for (const e of [err(422, "validation_error"), err(400, "invalid_parameter"), err(403, "invalid_from_address"), err(401, "missing_api_key")]) {
      expect(classifySendError(e, 1).kind).toBe("permanent");
    }
    expect(classifySendError({ statusCode: null, name: "validation_error", message: "bad to" }, 1).kind).toBe("permanent");
  });

  it("waits while our own earlier request with the same key is still in flight at Resend", () => {
    expect(classifySendError(err(409, "concurrent_idempotent_requests"), 1).kind).toBe("retry");
    expect(classifySendError(err(409, "invalid_idempotent_request"), 1).kind).toBe("permanent");
  });

  it("honours a longer Retry-After, capped at an hour", () => {
    expect(classifySendError(err(429, "rate_limit_exceeded"), 1, 90)).toMatchObject({ kind: "retry", delaySeconds: 90 });
    expect(classifySendError(err(429, "rate_limit_exceeded"), 3, 5)).toMatchObject({ kind: "retry", delaySeconds: 120 });
    expect(classifySendError(err(429, "rate_limit_exceeded"), 1, 99_999)).toMatchObject({ delaySeconds: 3600 });
    expect(parseRetryAfter("2")).toBe(2);
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });

  it("caps the backoff at an hour", () => {
    expect(backoffSeconds(0)).toBe(30);
    expect(backoffSeconds(20)).toBe(3600);
  });
});

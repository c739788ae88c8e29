import { describe, expect, it } from "vitest";
import { backoffSeconds, classifySendError, parseRetryAfter, whyNotSend } from "./email-delivery";

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

describe("whether an email still applies when it is consumed", () => {
  const now = 1_000_000;
  const b = (status: string, refund: unknown = null, startsAt = now + 3600_000) => ({ status, refund, startsAt });

  it("skips a confirmation or reminder for a booking cancelled meanwhile", () => {
    expect(whyNotSend("booking_confirmed", b("CONFIRMED"), now)).toBeNull();
    expect(whyNotSend("booking_confirmed", b("CANCELLED"), now)).toMatch(/CANCELLED/);
    expect(whyNotSend("show_reminder", b("REFUNDED"), now)).toMatch(/REFUNDED/);
  });

  it("skips a reminder once the show has started", () => {
    expect(whyNotSend("show_reminder", b("CONFIRMED"), now)).toBeNull();
    expect(whyNotSend("show_reminder", b("CONFIRMED", null, now - 1), now)).toMatch(/started/);
  });

  it("sends cancellation and refund emails only when they happened", () => {
    expect(whyNotSend("booking_cancelled", b("REFUND_PENDING"), now)).toBeNull();
    expect(whyNotSend("booking_cancelled", b("CONFIRMED"), now)).not.toBeNull();
    expect(whyNotSend("refund_issued", b("REFUNDED", { amountPaise: 1 }), now)).toBeNull();
    expect(whyNotSend("refund_issued", b("REFUNDED"), now)).not.toBeNull();
  });
});

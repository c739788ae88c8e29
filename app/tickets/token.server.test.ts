import { describe, expect, it } from "vitest";
import { ticketToken, verifyTicketToken } from "./token.server";

const KEYS = { SESSION_SECRET: "a-ticket-secret-that-is-long-enough-0123456789" };

describe("ticket tokens", () => {
  it("verify to the booking they were issued for", async () => {
    const token = await ticketToken(KEYS, "bk_123");
    expect(await verifyTicketToken(KEYS, token)).toBe("bk_123");
  });

  it("cannot be moved to another booking or forged with another secret", async () => {
    const token = await ticketToken(KEYS, "bk_123");
    const moved = token.replace("bk_123", "bk_124");
    expect(await verifyTicketToken(KEYS, moved)).toBeNull();
    expect(await verifyTicketToken({ SESSION_SECRET: "another-secret-that-is-also-long-enough-000" }, token)).toBeNull();
  });

  it("rejects tampered and malformed tokens", async () => {
    const token = await ticketToken(KEYS, "bk_123");
    const at = token.length - 5; // inside the signature, clear of the final character's padding bits
    const flipped = token.slice(0, at) + (token[at] === "A" ? "Q" : "A") + token.slice(at + 1);
    for (const bad of [flipped, "", "MQ1.bk_123", "MQ2.bk_123.xxx", `${token}.extra`, token.slice(0, -5)]) {
      expect(await verifyTicketToken(KEYS, bad)).toBeNull();
    }
  });
});

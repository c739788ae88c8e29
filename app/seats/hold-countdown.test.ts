import { describe, expect, it } from "vitest";
import { thresholdNotice as say } from "./hold-countdown";
import { createTranslator } from "#app/i18n/format";
import { en } from "#app/i18n/messages/en";
import { hi } from "#app/i18n/messages/hi";

const english = createTranslator("en", en);
const thresholdNotice = (seconds: number) => say(english, seconds);

// The ticking clock is silent for screen readers; its status line changes only at a few thresholds.
describe("what a screen reader hears of a hold's countdown", () => {
  it("says nothing while time is plenty, then once per threshold", () => {
    expect(thresholdNotice(600)).toBe("");
    expect(thresholdNotice(301)).toBe("");
    expect(thresholdNotice(300)).toBe("Less than 5 minutes left on your seat hold.");
    expect(thresholdNotice(121)).toBe("Less than 5 minutes left on your seat hold.");
    expect(thresholdNotice(90)).toBe("Less than 2 minutes left on your seat hold.");
    expect(thresholdNotice(45)).toBe("Less than 1 minute left on your seat hold.");
    expect(thresholdNotice(12)).toBe("Less than 30 seconds left on your seat hold.");
    expect(thresholdNotice(3)).toBe("Less than 10 seconds left on your seat hold.");
    expect(thresholdNotice(0)).toBe("Your seat hold has run out.");
  });

  it("changes its words only a handful of times over a ten-minute hold", () => {
    const said = new Set(Array.from({ length: 601 }, (_, s) => thresholdNotice(600 - s)));
    expect(said.size).toBe(7);
  });

  it("speaks the fan's language", () => {
    const hindi = createTranslator("hi", hi);
    expect(say(hindi, 90)).toBe("आपकी सीटों की होल्ड में 2 मिनट से कम समय बचा है।");
    expect(say(hindi, 0)).toBe("आपकी सीटों की होल्ड का समय ख़त्म हो गया।");
  });
});

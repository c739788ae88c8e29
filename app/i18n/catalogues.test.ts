import { describe, expect, it } from "vitest";
import { IntlMessageFormat } from "intl-messageformat";
import { en } from "./messages/en";
import { hi } from "./messages/hi";
import { kn } from "./messages/kn";
import { negotiate } from "./locales";

const CATALOGUES = { en, hi, kn } as Record<string, Record<string, string>>;

/** Every app source but the catalogues themselves and tests: where a used id appears as a literal. */
const SOURCES = import.meta.glob(["/app/**/*.{ts,tsx}", "!/app/i18n/messages/**", "!/app/**/*.test.ts"], { query: "?raw", import: "default", eager: true }) as Record<string, string>;

describe("the message catalogues", () => {
  it("hold the same keys in every language", () => {
    const keys = Object.keys(en).sort();
    for (const [lang, messages] of Object.entries(CATALOGUES)) expect(Object.keys(messages).sort(), lang).toEqual(keys);
  });

  it("hold no key that no code uses", () => {
    const code = Object.values(SOURCES).join("\n");
    expect(Object.keys(SOURCES).length).toBeGreaterThan(100);
    const unused = Object.keys(en).filter((key) => !code.includes(`"${key}"`));
    expect(unused).toEqual([]);
  });

  it("parse as ICU messages with the same placeholders as English", () => {
    const names = (source: string, locale: string) => {
      const found = new Set<string>();
      const walk = (els: unknown[]) => {
        for (const el of els as { type: number; value?: string; options?: Record<string, { value: unknown[] }> }[]) {
          if (el.value && el.type !== 0) found.add(el.value);
          for (const opt of Object.values(el.options ?? {})) walk(opt.value);
        }
      };
      walk(new IntlMessageFormat(source, locale).getAst());
      return [...found].sort();
    };
    for (const [key, source] of Object.entries(en)) {
      for (const lang of ["hi", "kn"]) expect(names(CATALOGUES[lang]![key]!, lang), `${lang} ${key}`).toEqual(names(source, "en"));
    }
  });

  it("leave no English sentence in the Hindi or Kannada catalogue", () => {
    // Brand and technical words (Marquee, Razorpay, QR, GST, PDF, .ics, JavaScript, the Enter key) stay Latin; a sentence may not.
    const latinWords = /\b(?!Marquee\b|Razorpay\b|QR\b|GST\b|marquee\b|show\b|ics\b|JavaScript\b|Enter\b|PDF\b)[A-Za-z]{3,}\b/;
    for (const lang of ["hi", "kn"]) {
      for (const [key, source] of Object.entries(CATALOGUES[lang]!)) {
        // Placeholders and select/plural case keys ("} afternoon {", ", one {") are code, not prose.
        const text = source.replace(/\{[a-z]+, (select|plural),/g, "{,").replace(/([,}]\s*)[\w=-]+ \{/g, "$1{").replace(/\{[a-zA-Z]+\}/g, "");
        expect(latinWords.test(text) ? `${lang} ${key}: ${source}` : null).toBeNull();
      }
    }
  });
});

describe("Accept-Language", () => {
  it("picks the best language Marquee speaks, by q-value", () => {
    expect(negotiate("hi-IN,hi;q=0.9,en;q=0.8")).toBe("hi");
    expect(negotiate("kn-IN")).toBe("kn");
    expect(negotiate("ta-IN,kn;q=0.7,en;q=0.5")).toBe("kn");
    expect(negotiate("en-GB,hi;q=0.2")).toBe("en");
    expect(negotiate("fr-FR,de")).toBeNull();
    expect(negotiate("hi;q=0")).toBeNull();
    expect(negotiate(null)).toBeNull();
  });
});

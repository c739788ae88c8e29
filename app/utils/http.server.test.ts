import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./http.server";

describe("safeRedirectPath", () => {
  it.each([
    ["/account", "/account"],
    ["/movies/x?city=delhi#top", "/movies/x?city=delhi#top"],
    ["/showtimes/abc/../def", "/showtimes/def"],
    ["/a/%2F%2Fevil.example", "/a/%2F%2Fevil.example"],
  ])("keeps the same-site path %s as %s", (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });

  // Every one of these, written to Location as-is or after naive normalisation, leaves the site.
  it.each([
    "https://evil.example",
    "https:evil.example",
    "https:/evil.example",
    "//evil.example/x",
    "/\\evil.example",
    "\\/evil.example",
    "/./\\evil.example",
    "/.//evil.example",
    "/..//evil.example",
    "/../..//evil.example",
    "/%2e//evil.example",
    "/%2E%2E//evil.example",
    "/.%2e//evil.example",
    "/%2e%2e/\\evil.example",
    "/./%5C/evil.example",
    "/%2F/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/.\t//evil.example",
    "\t//evil.example",
    " //evil.example",
    "/ /evil.example",
    "javascript:alert(1)",
    "data:text/html,hi",
    "evil.example",
    "",
    "/".padEnd(3000, "a"),
  ])("refuses %j", (input) => {
    const out = safeRedirectPath(input);
    expect(out).not.toMatch(/^\/\/|^\/\\|:/);
    expect(new URL(out, "https://marquee.example").origin).toBe("https://marquee.example");
  });

  it.each(["/.//evil.example", "/..//evil.example", "/%2e//evil.example", "/./\\evil.example", "https://evil.example", "/\t/evil.example"])(
    "falls back to the given path for %j",
    (input) => {
      expect(safeRedirectPath(input, "/account")).toBe("/account");
    },
  );

  it("falls back for non-strings", () => {
    expect(safeRedirectPath(null)).toBe("/");
    expect(safeRedirectPath(undefined, "/account")).toBe("/account");
    expect(safeRedirectPath(new File(["x"], "x.txt"))).toBe("/");
  });
});

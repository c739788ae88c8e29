import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "./csv";

describe("CSV", () => {
  it("leaves plain fields alone and writes numbers as digits", () => {
    expect(csvField("Orbit Zero")).toBe("Orbit Zero");
    expect(csvField(18000)).toBe("18000");
    expect(csvField(null)).toBe("");
  });

  it("quotes fields with commas, quotes and line breaks, doubling quotes", () => {
    expect(csvField("Lido, MG Road")).toBe('"Lido, MG Road"');
    expect(csvField('The "Ghost"')).toBe('"The ""Ghost"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
  });

  it("stops a text cell from being run as a spreadsheet formula", () => {
    expect(csvField("=HYPERLINK(\"x\")")).toBe("\"'=HYPERLINK(\"\"x\"\")\"");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField(-5)).toBe("-5");
  });

  it("joins rows with CRLF and ends with one", () => {
    expect(toCsv(["a", "b"], [[1, "x,y"]])).toBe('a,b\r\n1,"x,y"\r\n');
  });
});

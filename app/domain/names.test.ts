import { describe, expect, it } from "vitest";
import { multilineTextField, nameField } from "./names";

const name = nameField("Name", 20);

describe("nameField", () => {
  it("normalises to NFC and trims", () => {
    const decomposed = "  Jose\u0301 ";
    const parsed = name.parse(decomposed);
    expect(parsed).toBe("José");
    expect(parsed).toHaveLength(4);
  });

  it("keeps names in any script, including right-to-left ones", () => {
    for (const ok of ["Asha Rao", "आशा राव", "محمد", "O'Brien-Smith", "Zoë", "李小龍"]) expect(name.parse(ok)).toBe(ok);
  });

  it.each([
    ["NUL", "Asha\u0000Rao"],
    ["ESC", "\u001b[31mRed"],
    ["newline", "Asha\nRao"],
    ["tab", "Asha\tRao"],
    ["DEL", "Asha\u007f"],
    ["C1 control", "Asha\u0085Rao"],
    ["right-to-left override", "gnp\u202Eexe.png"],
    ["left-to-right embedding", "\u202Aname"],
    ["pop directional formatting", "name\u202C"],
    ["right-to-left isolate", "\u2067name\u2069"],
    ["line separator", "a\u2028b"],
    ["zero-width no-break space", "na\ufeffme"],
  ])("refuses a %s with a message", (_label, input) => {
    const result = name.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Name can't contain control characters or text-direction overrides");
  });

  it("says when a name is missing or too long", () => {
    expect(name.safeParse("   ").error?.issues[0]?.message).toBe("Name is required");
    expect(name.safeParse("x".repeat(21)).error?.issues[0]?.message).toBe("Name is too long (at most 20 characters)");
    expect(name.safeParse(undefined).error?.issues[0]?.message).toBe("Name is required");
  });
});

describe("multilineTextField", () => {
  const text = multilineTextField("Synopsis", 200);
  it("allows line breaks and tabs but not other controls or overrides", () => {
    expect(text.parse("Line one\n\tLine two\r\n")).toBe("Line one\n\tLine two");
    expect(text.safeParse("bell\u0007").success).toBe(false);
    expect(text.safeParse("flip\u202Eit").success).toBe(false);
  });
});

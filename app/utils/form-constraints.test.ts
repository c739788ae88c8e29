import { describe, expect, it } from "vitest";
import { z } from "zod";
import { signupSchema } from "#app/auth/validation";
import { PASSWORD_MIN_LENGTH } from "#app/domain/password-policy";
import { formConstraints } from "./form-constraints";

describe("form constraints from the action's schema", () => {
  it("carries required, lengths and ranges to the form", () => {
    const c = formConstraints(z.object({ title: z.string().trim().min(1).max(120), seats: z.coerce.number().int().min(1).max(40), note: z.string().max(200).optional() }));
    expect(c).toEqual({ title: { required: true, maxLength: 120 }, seats: { required: true, min: 1, max: 40 }, note: { maxLength: 200 } });
  });

  it("gives the signup form the server's password rule", () => {
    expect(formConstraints(signupSchema).password).toMatchObject({ required: true, minLength: PASSWORD_MIN_LENGTH, maxLength: 128 });
  });
});

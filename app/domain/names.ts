import { z } from "zod";

/**
 * Characters no name needs and an attacker likes: C0/C1 controls (NUL, ESC, newlines), the
 * bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that make
 * "gnp.exe" read as "exe.png", line/paragraph separators and the BOM.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]/u;
// eslint-disable-next-line no-control-regex -- as above, but multi-line text keeps \t \n \r
const FORBIDDEN_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]/u;

/** Unicode NFC, so "é" typed two ways is one name (and one slug, one search hit). */
export function normaliseText(raw: string): string {
  return raw.normalize("NFC").trim();
}

export function hasForbiddenNameCharacters(text: string): boolean {
  return FORBIDDEN_IN_NAME.test(text);
}

/** What a refusal says; a fan-facing form passes message ids its catalogue words in the fan's language. */
export type TextFieldMessages = { required: string; long: string; forbidden: string };

const englishMessages = (label: string, max: number): TextFieldMessages => ({
  required: `${label} is required`,
  long: `${label} is too long (at most ${max} characters)`,
  forbidden: `${label} can't contain control characters or text-direction overrides`,
});

function cleanText(label: string, max: number, forbidden: RegExp, messages = englishMessages(label, max)) {
  return z
    .string({ error: messages.required })
    .transform(normaliseText)
    .pipe(
      z
        .string()
        .min(1, messages.required)
        .max(max, messages.long)
        .refine((v) => !forbidden.test(v), messages.forbidden),
    );
}

/**
 * The one schema for every name a person types (customer, movie, cinema, city, screen…):
 * normalised to NFC, trimmed, and refused with a message if it carries control or bidi-override
 * characters. Refused rather than stripped, so what is stored is exactly what the person saw.
 */
export function nameField(label: string, max: number, messages?: TextFieldMessages) {
  return cleanText(label, max, FORBIDDEN_IN_NAME, messages);
}

/** Free text over several lines (a synopsis): the same rules, but tabs and line breaks are fine. */
export function multilineTextField(label: string, max: number) {
  return cleanText(label, max, FORBIDDEN_IN_TEXT);
}

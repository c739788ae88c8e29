/** Cast and crew: stored as JSON on the movie, edited by operators as one "Role: Name" line each. */

export const CREDIT_ROLES = ["Cast", "Director", "Writer", "Music", "Producer", "Cinematography"] as const;
export type CreditRole = (typeof CREDIT_ROLES)[number];
export type Credit = { name: string; role: CreditRole; character?: string };

const MAX_CREDITS = 40;
const MAX_NAME = 80;

/** "Cast: Priya Rao as Meera" / "Director: Kabir Sen" lines → credits, or line-numbered errors. */
export function parseCredits(text: string): { ok: true; credits: Credit[] } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const credits: Credit[] = [];
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  lines.forEach((line, i) => {
    if (!line) return;
    const m = /^([^:]+):\s*(.+)$/.exec(line);
    const role = m && CREDIT_ROLES.find((r) => r.toLowerCase() === m[1]!.trim().toLowerCase());
    if (!m || !role) {
      errors.push(`Line ${i + 1}: start with one of ${CREDIT_ROLES.join(", ")} and a colon, like "Director: Kabir Sen".`);
      return;
    }
    const [name, character] = m[2]!.split(/\s+as\s+/i).map((p) => p.trim());
    if (!name || name.length > MAX_NAME || (character !== undefined && (!character || character.length > MAX_NAME))) {
      errors.push(`Line ${i + 1}: names and characters are 1–${MAX_NAME} characters.`);
      return;
    }
    credits.push(role === "Cast" && character ? { name, role, character } : { name, role });
  });
  if (credits.length > MAX_CREDITS) errors.push(`At most ${MAX_CREDITS} credits.`);
  return errors.length ? { ok: false, errors } : { ok: true, credits };
}

export function formatCredits(credits: Credit[]): string {
  return credits.map((c) => `${c.role}: ${c.name}${c.character ? ` as ${c.character}` : ""}`).join("\n");
}

export function castAndCrew(credits: Credit[]) {
  return { cast: credits.filter((c) => c.role === "Cast"), crew: credits.filter((c) => c.role !== "Cast") };
}

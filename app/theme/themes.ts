export const THEMES = ["system", "dark", "light"] as const;
export type Theme = (typeof THEMES)[number];

/** The switch steps through the themes in this order. */
export function nextTheme(t: Theme): Theme {
  return THEMES[(THEMES.indexOf(t) + 1) % THEMES.length]!;
}

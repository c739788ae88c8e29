/** RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled, CRLF line ends. */
export type CsvValue = string | number | null | undefined;

/**
 * Spreadsheet apps execute cells that start with =, +, - or @ as formulas; a leading apostrophe
 * keeps text such as a movie title from being run. Numbers are left alone.
 */
function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "number" ? String(value) : neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: string[], rows: CsvValue[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}

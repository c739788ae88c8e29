/**
 * Mobile numbers as a cinema's box office types them ("98765 43210", "+91-98765-43210",
 * "09876543210") reduced to one stored form, "+<country><number>", so a lookup finds the customer
 * whichever way the number was written. A bare 10-digit number (or one with a trunk 0) is Indian.
 */
export function normalizePhone(raw: string): string | null {
  const compact = raw.trim().replace(/[\s\-().]/g, "");
  if (/^\+\d{8,15}$/.test(compact)) return compact;
  if (/^0?\d{10}$/.test(compact)) return `+91${compact.slice(-10)}`;
  if (/^91\d{10}$/.test(compact)) return `+${compact}`;
  return null;
}

// Fails when server code reached the browser build: drizzle, table definitions or secrets' names.
// Remix already refuses a client import of a `*.server` module; this catches what that can't see
// (a server-only package imported from a module without the suffix).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const dir = path.resolve("build/client/assets");
const markers = [
  ["drizzle-orm", /drizzle-orm|sqliteTable|\bdrizzle\b/],
  ["a table definition", /"booking_seats"|"login_throttle"|"email_log"|"audit_log"/],
  ["a secret read", /\.(SESSION_SECRET|SESSION_SECRET_PREVIOUS|TICKET_SECRET|TICKET_SECRET_PREVIOUS|RAZORPAY_KEY_SECRET|RAZORPAY_WEBHOOK_SECRET|RESEND_API_KEY)\b/],
  ["the Workers runtime", /cloudflare:workers/],
];
let files;
try {
  files = readdirSync(dir).filter((f) => f.endsWith(".js"));
} catch {
  console.error(`No ${dir}: run \`npm run build\` first.`);
  process.exit(1);
}
const leaks = [];
for (const file of files) {
  const text = readFileSync(path.join(dir, file), "utf8");
  for (const [what, re] of markers) if (re.test(text)) leaks.push(`${file}: ${what}`);
}
if (leaks.length) {
  console.error(`Server code in the browser bundle:\n  ${leaks.join("\n  ")}`);
  process.exit(1);
}
console.log(`client bundle: ${files.length} chunks, no server code`);

import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { CLEAR_MINUTES } from "#app/domain/alerts";
import { runAlertChecks, saveAlertSettings, type Notice } from "#app/observability/alerts.server";
import { seedDemoData } from "#tests/helpers/seed";

beforeAll(async () => {
  await seedDemoData();
});

async function events(kind: string, n: number, at: number) {
  await env.DB.batch(Array.from({ length: n }, () => env.DB.prepare("INSERT INTO obs_events (at, kind, detail) VALUES (?, ?, 'card')").bind(at, kind)));
}

describe("alert checks (the cron)", () => {
  it("a payment failure spike notifies once when it starts and once when it is over", async () => {
    await saveAlertSettings(env.DB, { paymentFailurePercent: 20, paymentMinAttempts: 10, webhookLagP95Seconds: 60, deadLetters: true, overloads: true, admitOverSellRatio: 3, onCallEmails: ["oncall@marquee.test"], webhookUrl: null }, Date.now());
    const t0 = Date.now();
    await events("payment.failed", 12, t0 - 60_000);
    await events("payment.captured", 20, t0 - 60_000);
    const notices: Notice[] = [];
    const notify = async (n: Notice) => void notices.push(n);

    expect(await runAlertChecks(env, t0, { everyMinute: false, notify })).toMatchObject({ opened: 1, resolved: 0 });
    // Still failing a minute later: the same incident, no second email.
    expect(await runAlertChecks(env, t0 + 60_000, { everyMinute: true, notify })).toMatchObject({ opened: 0, resolved: 0 });
    expect(notices.map((n) => `${n.state} ${n.rule}`)).toEqual(["firing payment_failure_rate"]);

    // Clear from here on: the 5-minute window has moved past the failures.
    let t = t0 + 6 * 60_000;
    for (let i = 0; i <= CLEAR_MINUTES + 1; i++, t += 60_000) await runAlertChecks(env, t, { everyMinute: true, notify });
    expect(notices.map((n) => `${n.state} ${n.rule}`)).toEqual(["firing payment_failure_rate", "resolved payment_failure_rate"]);
    const open = await env.DB.prepare("SELECT COUNT(*) AS n FROM alert_incidents WHERE resolved_at IS NULL").first<{ n: number }>();
    expect(open?.n).toBe(0);
    // Nothing open and no room: the every-minute trigger does no work.
    expect(await runAlertChecks(env, t, { everyMinute: true, notify })).toMatchObject({ checked: false });
  });

  it("emails on-call through the app's mailer (the local mailbox here)", async () => {
    await saveAlertSettings(env.DB, { paymentFailurePercent: 20, paymentMinAttempts: 10, webhookLagP95Seconds: 60, deadLetters: true, overloads: true, admitOverSellRatio: 3, onCallEmails: ["oncall@marquee.test"], webhookUrl: null }, Date.now());
    const t0 = Date.now() + 3_600_000;
    await env.DB.prepare("INSERT INTO obs_events (at, kind, reason) VALUES (?, 'email.dead_lettered', 'retries_exhausted')").bind(t0 - 30_000).run();
    expect(await runAlertChecks(env, t0, { everyMinute: false })).toMatchObject({ opened: 1 });
    const mail = await env.DB.prepare("SELECT subject, text FROM dev_mailbox WHERE subject LIKE '[Marquee alert]%' ORDER BY created_at DESC").first<{ subject: string; text: string }>();
    expect(mail?.subject).toBe("[Marquee alert] Dead-lettered email");
    expect(mail?.text).toContain("/admin/live");
  });
});

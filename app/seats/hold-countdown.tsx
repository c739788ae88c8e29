import { Form, useNavigate, useRevalidator } from "react-router";
import { CsrfInput } from "#app/auth/csrf-input";
import { useEffect, useRef, useState } from "react";
import { useI18n } from "#app/i18n/context";
import type { Translate } from "#app/i18n/format";

const ASK_EVERY_MS = 3000;

/**
 * Counts down to a hold's expiry using the server's clock: `serverNow` arrived with the page, so
 * `serverNow - clientNow` is the offset of the user's clock, and a wrong clock causes no drift.
 */
export function HoldCountdown({
  expiresAt,
  serverNow,
  expiredTo,
  revalidateOnFocus = false,
}: {
  expiresAt: number;
  serverNow: number;
  /** Where to send the user at zero: a page whose loader asks the server what became of the hold. */
  expiredTo: string;
  /** Re-read the page when the tab comes back, so a hold changed in another tab shows here at once. */
  revalidateOnFocus?: boolean;
}) {
  const navigate = useNavigate();
  const revalidator = useRevalidator();
  const { t } = useI18n();
  const offset = useRef<number | null>(null);
  // At zero the server is asked, then asked again every few seconds until it agrees the hold is
  // gone: the browser's clock alone never declares an expiry.
  const lastAsked = useRef(0);
  const [remaining, setRemaining] = useState(() => Math.max(0, expiresAt - serverNow));

  useEffect(() => {
    offset.current ??= serverNow - Date.now();
    const tick = () => {
      const left = Math.max(0, expiresAt - (Date.now() + (offset.current ?? 0)));
      setRemaining(left);
      if (left === 0 && Date.now() - lastAsked.current >= ASK_EVERY_MS) {
        lastAsked.current = Date.now();
        navigate(expiredTo, { replace: true });
      }
    };
    tick();
    const timer = setInterval(tick, 250);
    return () => clearInterval(timer);
  }, [expiresAt, serverNow, expiredTo, navigate]);

  useEffect(() => {
    if (!revalidateOnFocus) return;
    const onVisible = () => {
      if (document.visibilityState === "visible" && revalidator.state === "idle") revalidator.revalidate();
    };
    document.addEventListener("visibilitychange", onVisible);
    window.addEventListener("focus", onVisible);
    return () => {
      document.removeEventListener("visibilitychange", onVisible);
      window.removeEventListener("focus", onVisible);
    };
  }, [revalidateOnFocus, revalidator]);

  const total = Math.ceil(remaining / 1000);
  const mm = String(Math.floor(total / 60)).padStart(2, "0");
  const ss = String(total % 60).padStart(2, "0");
  const urgent = total <= 60;
  // The clock sits where the language puts it ("Seats held for 04:59", "सीटें 04:59 के लिए…").
  const [before = "", after = ""] = t("hold.heldFor", { time: CLOCK }).split(CLOCK);
  return (
    <p
      className={`rounded-md border px-3 py-2 text-sm font-medium ${urgent ? "border-red-300 bg-red-50 text-red-800" : "border-slate-300 bg-white"}`}
      data-testid="hold-countdown"
    >
      {before}
      <time role="timer" className="font-mono text-base font-bold">
        {mm}:{ss}
      </time>
      {after}
      {/* The clock itself is silent (it changes every second); this says only when a threshold passes. */}
      <span role="status" className="sr-only">
        {thresholdNotice(t, total)}
      </span>
    </p>
  );
}

/** Seconds left at which a screen reader is told, and how it is put. */
const THRESHOLDS = [10, 30, 60, 120, 300] as const;

const CLOCK = "\u2063";

/** The last threshold passed, in words; empty before the first (nothing to announce yet). */
export function thresholdNotice(t: Translate, secondsLeft: number): string {
  const passed = THRESHOLDS.find((x) => secondsLeft <= x);
  if (passed === undefined) return "";
  if (secondsLeft === 0) return t("hold.ranOut");
  return t("hold.lessThan", passed < 60 ? { unit: "second", n: passed } : { unit: "minute", n: passed / 60 });
}

/**
 * The one visible extension of a hold. Posts `intent=extend` to the page it is on; once used (or
 * when the ceiling leaves no room) it says so instead of offering a button.
 */
export function HoldExtension({ canExtend, extended, error }: { canExtend: boolean; extended: boolean; error: string | null }) {
  const { t } = useI18n();
  return (
    <div className="mt-2 text-sm">
      {error && (
        <p role="alert" className="mb-2 rounded-md border border-red-300 bg-red-50 p-2 text-red-800">
          {error}
        </p>
      )}
      {canExtend ? (
        <Form method="post">
          <CsrfInput />
          <button type="submit" name="intent" value="extend" className="rounded-md border border-slate-400 px-3 py-1 font-semibold hover:bg-slate-100">
            {t("hold.extend")}
          </button>
        </Form>
      ) : (
        <p className="text-slate-600">{t(extended ? "hold.extendedOnce" : "hold.cannotExtend")}</p>
      )}
    </div>
  );
}

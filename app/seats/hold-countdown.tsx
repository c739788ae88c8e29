import { useNavigate, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

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
  return (
    <p
      className={`rounded-md border px-3 py-2 text-sm font-medium ${urgent ? "border-red-300 bg-red-50 text-red-800" : "border-slate-300 bg-white"}`}
      data-testid="hold-countdown"
    >
      Seats held for{" "}
      <time role="timer" aria-live={urgent ? "assertive" : "off"} className="font-mono text-base font-bold">
        {mm}:{ss}
      </time>
    </p>
  );
}

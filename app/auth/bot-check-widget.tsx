import { useEffect } from "react";

/**
 * The bot check inside a form. With Turnstile keys it is Cloudflare's widget (its script fills
 * the `cf-turnstile-response` field); offline it is the local stand-in, a field with a pass the
 * server signed, so the form posts exactly the same field either way.
 */
export function BotCheck({ config }: { config: { mode: "turnstile"; siteKey: string; script: string } | { mode: "local"; token: string } }) {
  useEffect(() => {
    if (config.mode !== "turnstile" || document.querySelector(`script[src="${config.script}"]`)) return;
    const script = document.createElement("script");
    script.src = config.script;
    script.async = true;
    document.head.appendChild(script);
  }, [config]);
  if (config.mode === "turnstile") return <div className="cf-turnstile" data-sitekey={config.siteKey} />;
  return (
    <p className="text-xs text-slate-600">
      <input type="hidden" name="cf-turnstile-response" value={config.token} />
      Local bot check (stand-in for Cloudflare Turnstile): passed.
    </p>
  );
}

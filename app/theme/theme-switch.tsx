import { Form, useLocation } from "react-router";
import { CsrfInput } from "#app/auth/csrf-input";
import { useT } from "#app/i18n/context";
import { nextTheme, type Theme } from "./themes";

/** A plain form post, so the switch works before (and without) JavaScript; the page comes back in the new theme. */
export function ThemeSwitch({ theme }: { theme: Theme }) {
  const location = useLocation();
  const t = useT();
  return (
    <Form method="post" action="/theme" replace preventScrollReset>
      <CsrfInput />
      <input type="hidden" name="theme" value={nextTheme(theme)} />
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <button type="submit" className="min-h-11 rounded border border-white/40 px-2 py-1 text-xs hover:bg-white/10" title={t("theme.switchTitle")}>
        {t("theme.label", { theme })}
      </button>
    </Form>
  );
}

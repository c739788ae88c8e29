import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data } from "react-router";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "react-router";
import type { ReactNode } from "react";
import { CsrfInput } from "#app/auth/csrf-input";
import { SearchBox } from "#app/catalogue/search-box";
import { useNonce } from "#app/components/nonce";
import stylesheet from "./tailwind.css?url";
import { services } from "./utils/context.server";
import { getCsrfToken } from "#app/auth/csrf.server";
import { getSessionUser } from "#app/auth/session.server";
import { retryAfterHeaders } from "#app/utils/http.server";
import { themeFrom } from "#app/theme/theme.server";
import { ThemeSwitch } from "#app/theme/theme-switch";
import { forgetOfflineTickets } from "#app/tickets/forget-offline";
import { I18nProvider, useI18n, useT } from "#app/i18n/context";
import { compiledCatalogue, serverI18n, requestLocale } from "#app/i18n/locale.server";
import { DIR, HTML_LANG, LOCALE_NAMES, LOCALES, isLocale, type Locale } from "#app/i18n/locales";
import type { MessageId } from "#app/i18n/format";

export const headers = retryAfterHeaders;

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "manifest", href: "/manifest.webmanifest" },
  { rel: "apple-touch-icon", href: "/icons/apple-touch-icon.png" },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? "Marquee" },
  ...(data ? [{ name: "description", content: data.description }] : []),
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const s = services(context, request);
  const [user, csrf] = await Promise.all([getSessionUser(request, s), getCsrfToken(request, s)]);
  const locale = requestLocale(request);
  // Only this page's language travels to the browser: one catalogue in the loader data, none in the JS.
  const messages = compiledCatalogue(locale);
  const { t } = serverI18n(locale);
  return data(
    {
      user: user && { name: user.name, email: user.email, role: user.role },
      csrf: csrf.token,
      locale,
      messages,
      title: t("app.title"),
      description: t("app.description"),
      origin: s.config.APP_ORIGIN,
      theme: themeFrom(request),
    },
    csrf.setCookie ? { headers: { "Set-Cookie": csrf.setCookie } } : undefined,
  );
}

/**
 * The header's language switch: a form posting to /language, so it works before scripts load and
 * with none. With JS, choosing submits at once; without, the button does.
 */
function LanguageSwitch({ locale }: { locale: Locale }) {
  const t = useT();
  const location = useLocation();
  return (
    <Form method="post" action="/language" className="flex items-center gap-1" data-testid="language-switch">
      <CsrfInput />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <label>
        <span className="sr-only">{t("nav.language")}</span>
        <select
          name="locale"
          defaultValue={locale}
          key={locale}
          onChange={(e) => e.currentTarget.form?.requestSubmit()}
          className="rounded border border-white/40 bg-slate-900 px-1 py-1 text-sm text-white"
        >
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={HTML_LANG[l]}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </select>
      </label>
      <noscript>
        <button type="submit" className="rounded border border-white/40 px-2 py-1 text-sm">
          {t("nav.languageApply")}
        </button>
      </noscript>
    </Form>
  );
}

function Header() {
  const root = useRouteLoaderData<typeof loader>("root");
  const { t, locale } = useI18n();
  const user = root?.user;
  // Dark in both themes: color-scheme light here keeps the palette (app/tailwind.css) from turning it over.
  return (
    <header className="bg-slate-900 text-white [color-scheme:light] print:hidden">
      <nav className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3" aria-label={t("nav.main")}>
        <Link to="/" className="text-xl font-extrabold tracking-tight">
          <span className="text-brand-500">▶</span> Marquee
        </Link>
        <SearchBox />
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <LanguageSwitch locale={locale} />
          <ThemeSwitch theme={root?.theme ?? "system"} />
          {user ? (
            <>
              {user.role !== "customer" && (
                <Link to="/admin" className="hover:underline">
                  {t("nav.operator")}
                </Link>
              )}
              <Link to="/account" className="hover:underline">
                {user.name}
              </Link>
              <Form method="post" action="/logout" onSubmit={forgetOfflineTickets}>
                <CsrfInput />
                <button type="submit" className="rounded border border-white/40 px-3 py-1 hover:bg-white/10">
                  {t("nav.logOut")}
                </button>
              </Form>
            </>
          ) : (
            <>
              <Link to="/login" className="hover:underline">
                {t("nav.logIn")}
              </Link>
              <Link to="/signup" className="rounded bg-brand-600 px-3 py-1 font-semibold hover:bg-brand-700">
                {t("nav.signUp")}
              </Link>
            </>
          )}
        </div>
      </nav>
    </header>
  );
}

const FOOTER_LINKS: [string, MessageId][] = [
  ["/about", "footer.about"],
  ["/contact", "footer.contact"],
  ["/terms", "footer.terms"],
  ["/privacy", "footer.privacy"],
  ["/refund-policy", "footer.refunds"],
];

function Footer() {
  const t = useT();
  return (
    <footer className="mt-12 border-t border-slate-200 bg-white print:hidden">
      <nav aria-label={t("footer.label")} className="mx-auto flex max-w-6xl flex-wrap gap-x-6 gap-y-2 px-4 py-6 text-sm text-slate-700">
        {FOOTER_LINKS.map(([to, label]) => (
          <Link key={to} to={to} className="underline-offset-2 hover:underline">
            {t(label)}
          </Link>
        ))}
        <span className="ml-auto">{t("footer.payments")}</span>
      </nav>
    </footer>
  );
}

/**
 * One URL serves every language (negotiated, `Vary: Accept-Language, Cookie`); `?hl=` names each
 * language's own URL, which these alternate links give search engines (ADR 032).
 */
function AlternateLinks({ origin }: { origin: string }) {
  const location = useLocation();
  const href = (l: Locale | null) => {
    const params = new URLSearchParams(location.search);
    if (l) params.set("hl", l);
    else params.delete("hl");
    const q = params.toString();
    return new URL(`${location.pathname}${q ? `?${q}` : ""}`, origin).toString();
  };
  return (
    <>
      {LOCALES.map((l) => (
        <link key={l} rel="alternate" hrefLang={HTML_LANG[l]} href={href(l)} />
      ))}
      <link rel="alternate" hrefLang="x-default" href={href(null)} />
    </>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const root = useRouteLoaderData<typeof loader>("root");
  const locale: Locale = root && isLocale(root.locale) ? root.locale : "en";
  const theme = root?.theme;
  const body = (
    <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
      <SkipLink />
      <Header />
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
      <Footer />
      <ScrollRestoration nonce={nonce} />
      <Scripts nonce={nonce} />
    </body>
  );
  return (
    <html lang={HTML_LANG[locale]} dir={DIR[locale]} data-theme={theme && theme !== "system" ? theme : undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0f172a" />
        <Meta />
        <Links />
        {root && <AlternateLinks origin={root.origin} />}
      </head>
      {root ? (
        <I18nProvider locale={locale} messages={root.messages}>
          {body}
        </I18nProvider>
      ) : (
        body
      )}
    </html>
  );
}

function SkipLink() {
  const t = useT();
  return (
    <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
      {t("nav.skip")}
    </a>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  let status = 500;
  let message = t("error.generic");
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const body: unknown = error.data;
    if (body && typeof body === "object" && "message" in body && typeof body.message === "string") {
      message = body.message;
    } else if (typeof body === "string" && body) {
      message = status === 404 ? t("error.notFound") : body;
    }
  } else if (typeof document !== "undefined") {
    // In the browser only: on the server `handleError` has already logged it as one JSON line, and
    // what reaches this boundary there is the sanitised "Unexpected Server Error".
    console.error(error); // eslint-disable-line no-console -- the browser's own console
  }
  const title = t(status === 404 ? "error.titleNotFound" : status < 500 ? "error.titleRefused" : "error.titleBroken");
  return (
    <div className="mx-auto max-w-xl py-16 text-center" data-error-status={status}>
      <p className="text-sm font-semibold text-brand-600">{status}</p>
      <h1 className="mt-2 text-3xl font-bold">{title}</h1>
      <p className="mt-4 text-slate-700">{message}</p>
      <Link to="/" className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 font-semibold text-white">
        {t("error.back")}
      </Link>
    </div>
  );
}

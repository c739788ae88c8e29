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

export const headers = retryAfterHeaders;

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "manifest", href: "/manifest.webmanifest" },
  { rel: "apple-touch-icon", href: "/icons/apple-touch-icon.png" },
];

export const meta: MetaFunction = () => [
  { title: "Marquee — movie tickets" },
  { name: "description", content: "Book movie tickets in your city: pick seats on a live map, pay with Razorpay, show the QR code at the door." },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const s = services(context, request);
  const [user, csrf] = await Promise.all([getSessionUser(request, s), getCsrfToken(request, s)]);
  return data(
    { user: user && { name: user.name, email: user.email, role: user.role }, csrf: csrf.token, theme: themeFrom(request) },
    csrf.setCookie ? { headers: { "Set-Cookie": csrf.setCookie } } : undefined,
  );
}

function Header() {
  const root = useRouteLoaderData<typeof loader>("root");
  const user = root?.user;
  // Dark in both themes: color-scheme light here keeps the palette (app/tailwind.css) from turning it over.
  return (
    <header className="bg-slate-900 text-white [color-scheme:light] print:hidden">
      <nav className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3" aria-label="Main">
        <Link to="/" className="text-xl font-extrabold tracking-tight">
          <span className="text-brand-500">▶</span> Marquee
        </Link>
        <SearchBox />
        <div className="flex items-center gap-3 text-sm">
          <ThemeSwitch theme={root?.theme ?? "system"} />
          {user ? (
            <>
              {user.role !== "customer" && (
                <Link to="/admin" className="hover:underline">
                  Operator
                </Link>
              )}
              <Link to="/account" className="hover:underline">
                {user.name}
              </Link>
              <Form method="post" action="/logout" onSubmit={forgetOfflineTickets}>
                <CsrfInput />
                <button type="submit" className="rounded border border-white/40 px-3 py-1 hover:bg-white/10">
                  Log out
                </button>
              </Form>
            </>
          ) : (
            <>
              <Link to="/login" className="hover:underline">
                Log in
              </Link>
              <Link to="/signup" className="rounded bg-brand-600 px-3 py-1 font-semibold hover:bg-brand-700">
                Sign up
              </Link>
            </>
          )}
        </div>
      </nav>
    </header>
  );
}

const FOOTER_LINKS = [
  ["/about", "About"],
  ["/contact", "Contact"],
  ["/terms", "Terms"],
  ["/privacy", "Privacy"],
  ["/refund-policy", "Cancellation & refund policy"],
] as const;

function Footer() {
  return (
    <footer className="mt-12 border-t border-slate-200 bg-white print:hidden">
      <nav aria-label="Footer" className="mx-auto flex max-w-6xl flex-wrap gap-x-6 gap-y-2 px-4 py-6 text-sm text-slate-700">
        {FOOTER_LINKS.map(([to, label]) => (
          <Link key={to} to={to} className="underline-offset-2 hover:underline">
            {label}
          </Link>
        ))}
        <span className="ml-auto">Payments by Razorpay</span>
      </nav>
    </footer>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const theme = useRouteLoaderData<typeof loader>("root")?.theme;
  return (
    <html lang="en-IN" data-theme={theme && theme !== "system" ? theme : undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0f172a" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
          Skip to content
        </a>
        <Header />
        <main id="main" className="mx-auto max-w-6xl px-4 py-6">
          {children}
        </main>
        <Footer />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  let status = 500;
  let message = "Something went wrong on our side. Please try again in a moment.";
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const body: unknown = error.data;
    if (body && typeof body === "object" && "message" in body && typeof body.message === "string") {
      message = body.message;
    } else if (typeof body === "string" && body) {
      message = status === 404 ? "We couldn't find that page." : body;
    }
  } else if (typeof document !== "undefined") {
    // In the browser only: on the server `handleError` has already logged it as one JSON line, and
    // what reaches this boundary there is the sanitised "Unexpected Server Error".
    console.error(error); // eslint-disable-line no-console -- the browser's own console
  }
  const title = status === 404 ? "Page not found" : status < 500 ? "That didn't work" : "Something went wrong";
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-semibold text-brand-600">{status}</p>
      <h1 className="mt-2 text-3xl font-bold">{title}</h1>
      <p className="mt-4 text-slate-700">{message}</p>
      <Link to="/" className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 font-semibold text-white">
        Back to movies
      </Link>
    </div>
  );
}

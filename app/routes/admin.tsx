import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { NavLink, Outlet } from "@remix-run/react";
import { adminLoader } from "#app/admin/guard.server";

export const meta: MetaFunction = () => [{ title: "Operator console — Marquee" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await adminLoader(request, context);
  return null;
}

const SECTIONS = [
  { to: "/admin", label: "Today", end: true },
  { to: "/admin/showtimes", label: "Showtimes" },
  { to: "/admin/movies", label: "Movies" },
  { to: "/admin/cinemas", label: "Cinemas & screens" },
  { to: "/admin/sales", label: "Sales" },
  { to: "/admin/bookings", label: "Bookings" },
  { to: "/admin/emails", label: "Email problems" },
  { to: "/admin/check-in", label: "Door check-in" },
];

export default function AdminLayout() {
  return (
    <div>
      <nav aria-label="Operator console" className="-mx-4 mb-6 overflow-x-auto border-b border-slate-200 px-4">
        <ul className="flex gap-1 whitespace-nowrap text-sm">
          {SECTIONS.map((s) => (
            <li key={s.to}>
              <NavLink
                to={s.to}
                end={s.end}
                className={({ isActive }) =>
                  `inline-block border-b-2 px-3 py-2 font-medium ${isActive ? "border-brand-600 text-brand-700" : "border-transparent text-slate-700 hover:border-slate-300 hover:text-slate-900"}`
                }
              >
                {s.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "react-router";
import { NavLink, Outlet, useLoaderData } from "react-router";
import type { StaffRole } from "#app/domain/enums";
import { adminLoader } from "#app/admin/guard.server";

export const meta: MetaFunction = () => [{ title: "Operator console — Marquee" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { admin } = await adminLoader(request, context, "console");
  return { role: admin.role };
}

const ALL: readonly StaffRole[] = ["admin", "cinema_manager", "door"];
const MANAGERS: readonly StaffRole[] = ["admin", "cinema_manager"];
const ADMINS: readonly StaffRole[] = ["admin"];
/** Navigation only: each route's own loader and action enforce who may use it (guard.server.ts). */
const SECTIONS = [
  { to: "/admin", label: "Today", end: true, roles: MANAGERS },
  { to: "/admin/live", label: "Control room", roles: MANAGERS },
  { to: "/admin/dashboard", label: "Dashboard", roles: MANAGERS },
  { to: "/admin/showtimes", label: "Showtimes", roles: MANAGERS },
  { to: "/admin/movies", label: "Movies", roles: ADMINS },
  { to: "/admin/cinemas", label: "Cinemas & screens", roles: MANAGERS },
  { to: "/admin/sales", label: "Sales", roles: MANAGERS },
  { to: "/admin/bookings", label: "Bookings", roles: MANAGERS },
  { to: "/admin/emails", label: "Email problems", roles: ADMINS },
  { to: "/admin/options", label: "Languages & formats", roles: ADMINS },
  { to: "/admin/staff", label: "Staff", roles: ADMINS },
  { to: "/admin/check-in", label: "Door check-in", roles: ALL },
];

export default function AdminLayout() {
  const { role } = useLoaderData<typeof loader>();
  return (
    <div>
      <nav aria-label="Operator console" className="-mx-4 mb-6 overflow-x-auto border-b border-slate-200 px-4">
        {/* A phone scrolls the tabs sideways; a laptop (1366 px) wraps them, so no tab is cut off. */}
        <ul className="flex gap-1 whitespace-nowrap text-sm lg:flex-wrap">
          {SECTIONS.filter((s) => s.roles.includes(role)).map((s) => (
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

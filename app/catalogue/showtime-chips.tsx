import { Link } from "@remix-run/react";

export type ShowtimeChip = { id: string; time: string; format: string; language: string; bookable: boolean };

export function ShowtimeChips({ showtimes }: { showtimes: ShowtimeChip[] }) {
  return (
    <ul className="mt-2 flex flex-wrap gap-2">
      {showtimes.map((st) => (
        <li key={st.id}>
          {st.bookable ? (
            <Link
              to={`/showtimes/${st.id}`}
              className="block rounded-md border border-emerald-600 px-3 py-1.5 text-center text-sm hover:bg-emerald-50"
            >
              <span className="font-semibold text-emerald-800">{st.time}</span>
              <span className="block text-xs text-slate-700">
                {st.format} · {st.language}
              </span>
            </Link>
          ) : (
            <span
              className="block rounded-md border border-slate-300 px-3 py-1.5 text-center text-sm text-slate-500"
              aria-label={`${st.time}, ${st.format} ${st.language}, no longer bookable`}
            >
              <span className="font-semibold line-through">{st.time}</span>
              <span className="block text-xs">
                {st.format} · {st.language}
              </span>
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

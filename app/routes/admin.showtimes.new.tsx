import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, redirect } from "react-router";
import { Form, useActionData, useLoaderData } from "react-router";
import { AdminPage, Notice, Panel, SelectField } from "#app/admin/ui";
import { CsrfInput } from "#app/auth/csrf-input";
import { Field, SubmitButton } from "#app/components/forms";
import { showtimeOptionLists } from "#app/admin/options.server";
import { seatLayoutSchema } from "#app/domain/layout-schema";
import { busyUntil } from "#app/domain/showtime-overlap";
import { formatShowDate, formatShowTime, localDateKey, zonedTimeToUtc } from "#app/domain/time";
import { getMovieForAdmin, getScreenForAdmin, listActiveMoviesForPicker, listScreensForAdmin, scheduleShowtime } from "#app/admin/catalogue.server";
import { showtimeFormInput, showtimeSchema } from "#app/admin/validation";
import { adminAction, adminLoader, audit } from "#app/admin/guard.server";
import { fieldErrors, type FieldErrors } from "#app/auth/validation";
import { badRequest, notFound } from "#app/utils/http.server";
import { idParam } from "#app/utils/params";
import { randomId } from "#app/utils/crypto.server";

export const meta: MetaFunction = () => [{ title: "Schedule a show — Marquee operator" }];

function screenQuery(url: URL): string | null {
  const raw = url.searchParams.get("screen");
  return raw ? idParam(raw) : null;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const screenId = screenQuery(new URL(request.url));
  const { s, admin } = await adminLoader(request, context, "cinema", screenId ? { screen: screenId } : undefined);
  const allScreens = await listScreensForAdmin(s.db, admin.scope);
  if (!screenId) return { screens: allScreens, chosen: null };
  const found = await getScreenForAdmin(s.db, screenId);
  if (!found) notFound("We couldn't find that screen.");
  const layout = seatLayoutSchema.parse(found.screen.layout);
  const movieRows = await listActiveMoviesForPicker(s.db);
  return {
    screens: allScreens,
    chosen: {
      screenId,
      screenName: found.screen.name,
      cinemaName: found.cinema.name,
      timeZone: found.cinema.timeZone,
      categories: layout.categories.filter((c) => layout.rows.some((r) => r.category === c.code)),
      movies: movieRows,
      today: localDateKey(s.now, found.cinema.timeZone),
      ...(await showtimeOptionLists(s.db)),
      bufferMinutes: s.config.CLEANING_BUFFER_MINUTES,
    },
  };
}

type ActionResult = { fieldErrors?: FieldErrors; formError?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const screenId = screenQuery(new URL(request.url));
  if (!screenId) badRequest("Choose a screen first.");
  const { s, admin, form } = await adminAction(request, context, "cinema", { screen: screenId });
  const found = await getScreenForAdmin(s.db, screenId);
  if (!found) notFound("We couldn't find that screen.");
  const layout = seatLayoutSchema.parse(found.screen.layout);
  const codes = layout.categories.map((c) => c.code).filter((code) => layout.rows.some((r) => r.category === code));
  const parsed = showtimeSchema(codes).safeParse(showtimeFormInput(form, codes));
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    for (const issue of parsed.error.issues) if (issue.path[0] === "prices" && typeof issue.path[1] === "string") errors[`price.${issue.path[1]}`] = [issue.message];
    return data<ActionResult>({ fieldErrors: errors }, { status: 400 });
  }
  const input = parsed.data;
  const movie = await getMovieForAdmin(s.db, input.movieId);
  if (!movie || movie.status !== "ACTIVE") return data<ActionResult>({ fieldErrors: { movieId: ["Choose a movie from the list"] } }, { status: 400 });
  const lists = await showtimeOptionLists(s.db);
  if (!lists.formats.includes(input.format)) return data<ActionResult>({ fieldErrors: { format: ["Choose a format from the list"] } }, { status: 400 });
  if (!lists.languages.includes(input.language)) return data<ActionResult>({ fieldErrors: { language: ["Choose a language from the list (an admin can add one under Languages & formats)"] } }, { status: 400 });
  if (!movie.languages.includes(input.language)) {
    return data<ActionResult>({ fieldErrors: { language: [`${movie.title} is available in ${movie.languages.join(", ")}`] } }, { status: 400 });
  }
  const tz = found.cinema.timeZone;
  const startsAt = zonedTimeToUtc(input.date, input.time, tz);
  if (startsAt <= s.now) return data<ActionResult>({ fieldErrors: { time: ["That time has already passed"] } }, { status: 400 });
  const id = `st-${randomId(9)}`;
  const candidate = { id, screenId, startsAt, runtimeMinutes: movie.runtimeMinutes };
  const buffer = s.config.CLEANING_BUFFER_MINUTES;
  const refuse = (hit: { startsAt: number; movieTitle: string; runtimeMinutes?: number }) =>
    data<ActionResult>(
      {
        formError: `${found.screen.name} is busy then: ${hit.movieTitle} starts ${formatShowDate(hit.startsAt, tz)} ${formatShowTime(hit.startsAt, tz)}. Each show needs its runtime plus ${buffer} minutes of cleaning; this one would keep the screen until ${formatShowTime(busyUntil(candidate, buffer), tz)}.`,
      },
      { status: 409 },
    );
  // Checked before and after the insert: see scheduleShowtime.
  const clash = await scheduleShowtime(s.db, { id, movieId: movie.id, screenId, startsAt, format: input.format, language: input.language, prices: input.prices }, movie.runtimeMinutes, buffer);
  if (clash) return refuse(clash);
  await audit(s, admin, "showtime.create", id, { movieId: movie.id, screenId, startsAt, format: input.format, language: input.language, prices: input.prices });
  throw redirect(`/admin/showtimes/${id}?created=1`);
}

export default function NewShowtime() {
  const { screens: screenList, chosen } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.fieldErrors;
  return (
    <AdminPage title="Schedule a show">
      <Panel title="Screen">
        <Form method="get" className="flex flex-wrap items-end gap-3">
          <SelectField label="Screen" selectProps={{ name: "screen", defaultValue: chosen?.screenId ?? "", required: true }}>
            <option value="" disabled>
              Choose a screen
            </option>
            {screenList.map((sc) => (
              <option key={sc.id} value={sc.id}>
                {sc.cinemaName} · {sc.name}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-50">
            {chosen ? "Change screen" : "Next"}
          </button>
        </Form>
      </Panel>
      {chosen && (
        <Panel title={`${chosen.cinemaName} · ${chosen.screenName}`}>
          <p className="mb-4 text-sm text-slate-700">
            Times are in {chosen.timeZone}. Shows on one screen need the film's runtime plus {chosen.bufferMinutes} minutes of cleaning between them.
          </p>
          {actionData?.formError && (
            <div className="mb-4">
              <Notice tone="error">{actionData.formError}</Notice>
            </div>
          )}
          <Form method="post" className="space-y-4" noValidate>
            <CsrfInput />
            <SelectField label="Movie" errors={errors?.movieId} selectProps={{ name: "movieId", required: true, defaultValue: "" }}>
              <option value="" disabled>
                Choose a movie
              </option>
              {chosen.movies.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.title} ({m.runtime} min; {m.languages.join(", ")})
                </option>
              ))}
            </SelectField>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Date" errors={errors?.date} inputProps={{ name: "date", type: "date", defaultValue: chosen.today, required: true }} />
              <Field label="Start time" errors={errors?.time} inputProps={{ name: "time", type: "time", required: true }} />
              <SelectField label="Format" errors={errors?.format} selectProps={{ name: "format", defaultValue: chosen.formats[0] }}>
                {chosen.formats.map((f) => (
                  <option key={f} value={f}>
                    {f}
                  </option>
                ))}
              </SelectField>
              <SelectField label="Language" errors={errors?.language} selectProps={{ name: "language", required: true, defaultValue: "" }}>
                <option value="" disabled>
                  Choose a language
                </option>
                {chosen.languages.map((l) => (
                  <option key={l} value={l}>
                    {l}
                  </option>
                ))}
              </SelectField>
            </div>
            <fieldset>
              <legend className="text-sm font-semibold">Ticket prices (₹ per seat)</legend>
              <div className="mt-2 grid gap-4 sm:grid-cols-3">
                {chosen.categories.map((c) => (
                  <Field key={c.code} label={c.name} errors={errors?.[`price.${c.code}`]} inputProps={{ name: `price.${c.code}`, inputMode: "decimal", required: true, placeholder: "180" }} />
                ))}
              </div>
            </fieldset>
            <SubmitButton>Schedule</SubmitButton>
          </Form>
        </Panel>
      )}
    </AdminPage>
  );
}

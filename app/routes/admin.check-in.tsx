import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data } from "react-router";
import { Form, useActionData, useLoaderData, useSubmit } from "react-router";
import { useRef } from "react";
import { z } from "zod";
import { AdminPage, Button, Panel, SelectField } from "#app/admin/ui";
import { CsrfInput } from "#app/auth/csrf-input";
import { Field, SubmitButton } from "#app/components/forms";
import { TicketScanner } from "#app/admin/ticket-scanner";
import { refusalHeadline } from "#app/domain/check-in";
import { formatShowDate, formatShowTime, zoneLabel } from "#app/domain/time";
import { adminAction, adminLoader, audit, cinemaOf, requireInScope } from "#app/admin/guard.server";
import { checkInTicket, doorClock, doorPlaces, type CheckInResult } from "#app/admin/check-in.server";
import { badRequest } from "#app/utils/http.server";
import { idParam } from "#app/utils/params";

export const meta: MetaFunction = () => [{ title: "Door check-in — Marquee operator" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { s, admin } = await adminLoader(request, context, "door");
  const url = new URL(request.url);
  const list = await doorPlaces(s, admin.scope);
  const asked = url.searchParams.get("cinema");
  // Someone else's cinema is not a door this account can stand at: 404, like every scoped object.
  if (asked) await requireInScope(s, admin, { cinema: idParam(asked) });
  const cinema = list.find((c) => c.id === asked) ?? (list.length === 1 ? list[0] : undefined);
  const askedScreen = url.searchParams.get("screen");
  const screen = cinema?.screens.find((x) => x.id === askedScreen) ?? null;
  return { cinemas: list, door: cinema ? { cinemaId: cinema.id, cinemaName: cinema.name, screenId: screen?.id ?? null, screenName: screen?.name ?? null } : null };
}

type Outcome = { tone: "ok" | "warn" | "bad"; headline: string; detail?: string; seats?: string };

function describe(result: CheckInResult): { outcome: Outcome; status: number } {
  if (result.kind === "invalid") return { outcome: { tone: "bad", headline: "Do not admit: not a valid Marquee ticket" }, status: 422 };
  if (result.kind === "not_found") return { outcome: { tone: "bad", headline: "Do not admit: no such booking" }, status: 404 };
  const t = result.ticket;
  const zone = zoneLabel(t.timeZone, t.startsAt);
  // Always the whole ticket: where, which film, when, which seats — and which of them are already in.
  const detail = `${t.cinemaName} · ${t.screenName} · ${t.movieTitle} · ${formatShowDate(t.startsAt, t.timeZone)}, ${formatShowTime(t.startsAt, t.timeZone)} ${zone} · ${t.name}`;
  const seats = t.seats.map((x) => (x.checkedInAt ? `${x.seatId} (in ${doorClock(x.checkedInAt, t.timeZone)})` : x.seatId)).join(", ");
  const base = { detail, seats: `Seats ${seats}` };
  switch (result.kind) {
    case "checked_in": {
      const waiting = t.seats.filter((x) => !x.checkedInAt).length;
      const headline = `Admit ${result.admitted.length}: ${result.admitted.join(", ")}${waiting ? ` (${waiting} still to come)` : ""}`;
      return { outcome: { tone: "ok", headline, ...base }, status: 200 };
    }
    case "already_checked_in":
      return { outcome: { tone: "bad", headline: `Do not admit: already in at ${doorClock(result.at, t.timeZone)} ${zone}`, ...base }, status: 409 };
    case "refused":
      return { outcome: { tone: "bad", headline: refusalHeadline(result.refusal, t.timeZone), ...base }, status: 409 };
    case "unknown_seats":
      return { outcome: { tone: "bad", headline: `Do not admit: ${result.seats.join(", ")} ${result.seats.length === 1 ? "is" : "are"} not on this ticket`, ...base }, status: 422 };
  }
}

const seatListSchema = z
  .string()
  .trim()
  .max(200)
  .transform((v) => (v ? [...new Set(v.toUpperCase().split(/[\s,]+/).filter(Boolean))] : null))
  .pipe(z.array(z.string().regex(/^[A-Z0-9-]{1,8}$/, "Seats look like A1, A2")).max(20).nullable());

export async function action({ request, context }: ActionFunctionArgs) {
  const { s, admin, form } = await adminAction(request, context, "door");
  const cinemaId = idParam(String(form.get("cinemaId") ?? ""));
  await requireInScope(s, admin, { cinema: cinemaId });
  const rawScreen = String(form.get("screenId") ?? "");
  const screenId = rawScreen ? idParam(rawScreen) : null;
  if (screenId && (await cinemaOf(s, { screen: screenId })) !== cinemaId) badRequest("That screen isn't at this cinema.");
  const token = z.string().trim().min(1).max(500).safeParse(form.get("token"));
  if (!token.success) return data({ outcome: { tone: "bad", headline: "Scan a ticket or type its code." } as Outcome }, { status: 400 });
  const seats = seatListSchema.safeParse(form.get("seats") ?? "");
  if (!seats.success) return data({ outcome: { tone: "bad", headline: "Seats look like A1, A2 (or leave the box empty for all)." } as Outcome }, { status: 400 });
  const result = await checkInTicket(s, token.data, { cinemaId, screenId }, seats.data);
  if (result.kind === "checked_in") await audit(s, admin, "booking.check_in", result.ticket.bookingId, { cinemaId, screenId, seats: result.admitted });
  const { outcome, status } = describe(result);
  return data({ outcome }, { status });
}

const LOOK = {
  ok: "border-emerald-600 bg-emerald-50 text-emerald-950",
  warn: "border-amber-500 bg-amber-50 text-amber-950",
  bad: "border-red-600 bg-red-50 text-red-950",
};

export default function CheckIn() {
  const { cinemas: places, door } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submit = useSubmit();
  const formRef = useRef<HTMLFormElement>(null);
  const outcome = actionData?.outcome;
  const here = places.find((c) => c.id === door?.cinemaId);
  return (
    <AdminPage title={door ? `Door check-in — ${door.cinemaName}${door.screenName ? `, ${door.screenName}` : ""}` : "Door check-in"}>
      <Panel title="Where is this door?">
        {/* A plain GET form: the door's place lives in the address, so a bookmark opens the right door. */}
        <Form method="get" className="flex flex-wrap items-end gap-3">
          <SelectField label="Cinema" selectProps={{ name: "cinema", defaultValue: door?.cinemaId ?? "", required: true }}>
            <option value="">Choose…</option>
            {places.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </SelectField>
          {here && (
            <SelectField label="Screen (optional)" selectProps={{ name: "screen", defaultValue: door?.screenId ?? "" }}>
              <option value="">Any screen</option>
              {here.screens.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </SelectField>
          )}
          <Button tone="secondary">Use this door</Button>
        </Form>
      </Panel>
      {outcome && (
        <div role="status" aria-live="assertive" data-testid="check-in-result" data-tone={outcome.tone} className={`rounded-lg border-4 p-5 ${LOOK[outcome.tone]}`}>
          <p className="text-3xl font-extrabold">{outcome.headline}</p>
          {outcome.detail && <p className="mt-2 text-lg">{outcome.detail}</p>}
          {outcome.seats && <p className="mt-1 text-lg font-semibold">{outcome.seats}</p>}
        </div>
      )}
      {door ? (
        <Panel>
          <div className="space-y-4">
            <TicketScanner
              onCode={(code) => {
                const form = formRef.current;
                if (!form) return;
                const fd = new FormData(form);
                fd.set("token", code);
                submit(fd, { method: "post" });
              }}
            />
            <Form key={JSON.stringify(outcome ?? null)} method="post" ref={formRef} className="flex flex-wrap items-end gap-3" noValidate>
              <CsrfInput />
              <input type="hidden" name="cinemaId" value={door.cinemaId} />
              <input type="hidden" name="screenId" value={door.screenId ?? ""} />
              <div className="min-w-64 flex-1">
                {/* Autofocus: handheld scanners type the code and press Enter. */}
                <Field label="Ticket code" inputProps={{ name: "token", required: true, autoComplete: "off", autoCapitalize: "off", spellCheck: false, autoFocus: true }} />
              </div>
              <div className="w-48">
                <Field label="Only these seats (optional)" inputProps={{ name: "seats", autoComplete: "off", placeholder: "e.g. H1 H2" }} />
              </div>
              <SubmitButton>Check in</SubmitButton>
            </Form>
          </div>
        </Panel>
      ) : (
        <p className="text-sm text-slate-700">Choose the cinema you are admitting for.</p>
      )}
    </AdminPage>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, redirect } from "react-router";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "react-router";
import { AdminPage, Button, Notice, Panel } from "#app/admin/ui";
import { CsrfInput } from "#app/auth/csrf-input";
import { ErrorList, Field } from "#app/components/forms";
import { LayoutEditor } from "#app/admin/layout-editor";
import { SeatMap } from "#app/seats/seat-map";
import { countSeats, type SeatLayout } from "#app/domain/layout";
import { seatLayoutSchema } from "#app/domain/layout-schema";
import { draftFromLayout, draftToText, parseLayoutText } from "#app/domain/layout-text";
import { getScreenForAdmin, renameScreen, saveScreenLayout, screenHasSales, upcomingShowtimesOnScreen } from "#app/admin/catalogue.server";
import { screenSchema } from "#app/admin/validation";
import { adminAction, adminLoader, audit } from "#app/admin/guard.server";
import { fieldErrors, type FieldErrors } from "#app/auth/validation";
import { badRequest, notFound } from "#app/utils/http.server";
import { idParam } from "#app/utils/params";
import { seatsOf } from "#app/seats/gateway.server";

export const meta: MetaFunction<typeof loader> = ({ loaderData: data }) => [{ title: `${data?.screen.name ?? "Screen"} layout — Marquee operator` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const screenId = idParam(params.screenId);
  const { s } = await adminLoader(request, context, "cinema", { screen: screenId });
  const found = await getScreenForAdmin(s.db, screenId);
  if (!found) notFound("We couldn't find that screen.");
  const [locked, upcoming] = await Promise.all([screenHasSales(s.db, found.screen.id), upcomingShowtimesOnScreen(s.db, found.screen.id, s.now)]);
  const layout = seatLayoutSchema.parse(found.screen.layout);
  const prices = upcoming[0]?.prices ?? Object.fromEntries(layout.categories.map((c) => [c.code, 0]));
  return {
    screen: { id: found.screen.id, name: found.screen.name, seatCount: found.screen.seatCount },
    cinema: { id: found.cinema.id, name: found.cinema.name },
    layout,
    text: draftToText(draftFromLayout(layout)),
    locked,
    upcoming: upcoming.length,
    prices,
    pricesFromShowtime: upcoming.length > 0,
  };
}

type ActionResult = { fieldErrors?: FieldErrors; layoutErrors?: string[]; formError?: string; preview?: SeatLayout; text?: { categoriesText: string; rowsText: string } };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const screenId = idParam(params.screenId);
  const { s, admin, form } = await adminAction(request, context, "cinema", { screen: screenId });
  const found = await getScreenForAdmin(s.db, screenId);
  if (!found) notFound("We couldn't find that screen.");
  const intent = form.get("intent");
  if (intent === "rename") {
    const name = screenSchema.shape.name.safeParse(form.get("name"));
    if (!name.success) return data<ActionResult>({ fieldErrors: { name: name.error.issues.map((i) => i.message) } }, { status: 400 });
    await renameScreen(s.db, screenId, name.data);
    await audit(s, admin, "screen.rename", screenId, { name: name.data });
    throw redirect(`/admin/screens/${screenId}?saved=1`);
  }
  if (intent !== "save" && intent !== "preview") badRequest("Unknown action.");
  const parsed = screenSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data<ActionResult>({ fieldErrors: fieldErrors(parsed.error) }, { status: 400 });
  const text = { categoriesText: parsed.data.categoriesText, rowsText: parsed.data.rowsText };
  const layout = parseLayoutText(text.categoriesText, text.rowsText);
  if (!layout.ok) return data<ActionResult>({ layoutErrors: layout.errors, text }, { status: 400 });
  if (intent === "preview") return data<ActionResult>({ preview: layout.layout, text });
  const saved = await saveScreenLayout(s.db, screenId, parsed.data.name, layout.layout, s.now);
  if (!saved.ok) return data<ActionResult>({ formError: saved.message, text }, { status: 409 });
  await audit(s, admin, "screen.layout", screenId, { name: parsed.data.name, rows: layout.layout.rows.length, seats: countSeats(layout.layout) });
  // Unsold upcoming showtimes pick up the new layout in their seat objects now, not on next cold start.
  const upcoming = await upcomingShowtimesOnScreen(s.db, screenId, s.now);
  await Promise.all(upcoming.map((st) => seatsOf(s.env, st.id).refresh()));
  throw redirect(`/admin/screens/${screenId}?saved=1`);
}

export default function ScreenLayoutPage() {
  const { screen, cinema, layout, text, locked, upcoming, prices, pricesFromShowtime } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const shownText = actionData?.text ?? text;
  return (
    <AdminPage
      title={`${screen.name} · seat layout`}
      actions={
        <Link to={`/admin/cinemas/${cinema.id}`} className="text-sm underline">
          Back to {cinema.name}
        </Link>
      }
    >
      {params.get("saved") && !actionData && <Notice tone="success">Saved. {screen.seatCount} seats.</Notice>}
      {actionData?.formError && <Notice tone="error">{actionData.formError}</Notice>}
      {locked ? (
        <>
          <Notice tone="warning">Seats have been sold on this screen, so its layout is locked: customers hold tickets for these seats. You can still rename the screen.</Notice>
          <Panel title="Rename">
            <Form method="post" className="flex flex-wrap items-end gap-3" noValidate>
              <CsrfInput />
              <input type="hidden" name="intent" value="rename" />
              <Field label="Screen name" errors={actionData?.fieldErrors?.name} inputProps={{ name: "name", defaultValue: screen.name, required: true }} />
              <Button>Rename</Button>
            </Form>
          </Panel>
          <Panel title="Layout (as customers see it)">
            <SeatMap layout={layout} prices={prices} />
          </Panel>
        </>
      ) : (
        <Panel>
          {upcoming > 0 && (
            <p className="mb-3 text-sm text-slate-700">
              {upcoming} upcoming showtime{upcoming === 1 ? "" : "s"} use this screen; the preview uses the next one's prices.
            </p>
          )}
          {!pricesFromShowtime && <p className="mb-3 text-sm text-slate-700">Prices are set per showtime; the preview shows ₹0 until one is scheduled.</p>}
          <Form method="post" className="space-y-4" noValidate>
            <CsrfInput />
            <Field label="Screen name" errors={actionData?.fieldErrors?.name} inputProps={{ name: "name", defaultValue: screen.name, required: true }} />
            <LayoutEditor
              key={`${shownText.categoriesText}\n${shownText.rowsText}`}
              categoriesText={shownText.categoriesText}
              rowsText={shownText.rowsText}
              prices={prices}
              errors={actionData?.layoutErrors}
              serverPreview={actionData?.preview ?? layout}
            />
            <ErrorList errors={actionData?.fieldErrors?.rowsText ?? actionData?.fieldErrors?.categoriesText} />
            <div className="flex flex-wrap gap-2">
              <Button name="intent" value="save">
                Save layout
              </Button>
              <Button name="intent" value="preview" tone="secondary">
                Preview without saving
              </Button>
            </div>
          </Form>
        </Panel>
      )}
    </AdminPage>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { data } from "@remix-run/cloudflare";
import { Form, useActionData, useSubmit } from "@remix-run/react";
import { useRef } from "react";
import { z } from "zod";
import { AdminPage, Panel } from "#app/admin/ui";
import { CsrfInput } from "#app/auth/csrf-input";
import { Field, SubmitButton } from "#app/components/forms";
import { TicketScanner } from "#app/admin/ticket-scanner";
import { formatShowDate, formatShowTime } from "#app/domain/time";
import { adminAction, adminLoader, audit } from "#app/admin/guard.server";
import { checkInTicket, doorClock, type CheckInResult } from "#app/admin/check-in.server";

export const meta: MetaFunction = () => [{ title: "Door check-in — Marquee operator" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await adminLoader(request, context);
  return null;
}

type Outcome = { tone: "ok" | "warn" | "bad"; headline: string; detail?: string };

const STATUS_WORDS: Record<string, string> = {
  CANCELLED: "cancelled",
  REFUNDED: "refunded",
  REFUND_PENDING: "being refunded",
  PENDING_PAYMENT: "not paid",
  EXPIRED: "expired (never paid)",
  FAILED: "a failed payment",
};

function describe(result: CheckInResult): { outcome: Outcome; status: number } {
  const about = (t: Extract<CheckInResult, { ticket: unknown }>["ticket"]) =>
    `${t.name} · ${t.movieTitle} · ${t.screenName} · ${formatShowDate(t.startsAt, t.timeZone)} ${formatShowTime(t.startsAt, t.timeZone)} · seats ${t.seats.join(", ")}`;
  switch (result.kind) {
    case "checked_in":
      return { outcome: { tone: "ok", headline: `Admit ${result.ticket.seats.length}`, detail: about(result.ticket) }, status: 200 };
    case "already_checked_in":
      return { outcome: { tone: "warn", headline: `Already checked in at ${doorClock(result.at, result.ticket.timeZone)}`, detail: about(result.ticket) }, status: 409 };
    case "refused":
      return { outcome: { tone: "bad", headline: `Do not admit: this ticket is ${STATUS_WORDS[result.status] ?? result.status.toLowerCase()}`, detail: about(result.ticket) }, status: 409 };
    case "not_found":
      return { outcome: { tone: "bad", headline: "Do not admit: no such booking" }, status: 404 };
    case "invalid":
      return { outcome: { tone: "bad", headline: "Do not admit: not a valid Marquee ticket" }, status: 422 };
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { s, admin, form } = await adminAction(request, context);
  const token = z.string().trim().min(1).max(500).safeParse(form.get("token"));
  if (!token.success) return data({ outcome: { tone: "bad", headline: "Scan a ticket or type its code." } as Outcome }, { status: 400 });
  const result = await checkInTicket(s, token.data);
  if (result.kind === "checked_in") await audit(s, admin, "booking.check_in", result.ticket.bookingId);
  const { outcome, status } = describe(result);
  return data({ outcome }, { status });
}

const LOOK = {
  ok: "border-emerald-600 bg-emerald-50 text-emerald-950",
  warn: "border-amber-500 bg-amber-50 text-amber-950",
  bad: "border-red-600 bg-red-50 text-red-950",
};

export default function CheckIn() {
  const actionData = useActionData<typeof action>();
  const submit = useSubmit();
  const formRef = useRef<HTMLFormElement>(null);
  const outcome = actionData?.outcome;
  return (
    <AdminPage title="Door check-in">
      {outcome && (
        <div role="status" aria-live="assertive" className={`rounded-lg border-2 p-4 ${LOOK[outcome.tone]}`}>
          <p className="text-2xl font-bold">{outcome.headline}</p>
          {outcome.detail && <p className="mt-1">{outcome.detail}</p>}
        </div>
      )}
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
            <div className="min-w-64 flex-1">
              {/* Autofocus: handheld scanners type the code and press Enter. */}
              <Field label="Ticket code" inputProps={{ name: "token", required: true, autoComplete: "off", autoCapitalize: "off", spellCheck: false, autoFocus: true }} />
            </div>
            <SubmitButton>Check in</SubmitButton>
          </Form>
        </div>
      </Panel>
    </AdminPage>
  );
}

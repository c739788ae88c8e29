import type { LoaderFunctionArgs } from "react-router";
import { useLoaderData } from "react-router";
import { InfoPage, InfoSection, infoMeta } from "#app/components/info-page";
import { policyFacts } from "#app/domain/policy";
import { services } from "#app/utils/context.server";

export const meta = () =>
  infoMeta("Cancellation and refund policy", "When you can cancel a Marquee booking, what is refunded, what is kept, and what happens when a cinema cancels.");

export async function loader({ request, context }: LoaderFunctionArgs) {
  return policyFacts(services(context, request).config);
}

export default function RefundPolicy() {
  const f = useLoaderData<typeof loader>();
  return (
    <InfoPage title="Cancellation and refund policy">
      <InfoSection title="If you cancel">
        <p>{f.cancellation}</p>
        <p>
          For example, two seats at ₹250 come to ₹500 plus a convenience fee of {f.feePerSeat} per seat and its {f.gstPercent}% GST. Cancelling before the
          cut-off refunds ₹500; the fee and its GST are kept. Your booking page shows the exact amounts and asks you to confirm before anything happens.
        </p>
        <p>From {f.cutoffMinutes} minutes before the show a booking can no longer be cancelled.</p>
      </InfoSection>
      <InfoSection title="If the cinema cancels">
        <p>If the cinema cancels the show or your booking, you get everything back, convenience fee and GST included, and we email you that the cinema cancelled.</p>
      </InfoSection>
      <InfoSection title="If we could not get your seats">
        <p>If someone else bought the same seats a moment before your payment was confirmed, your payment is refunded in full (or never captured).</p>
      </InfoSection>
      <InfoSection title="When the money arrives">
        <p>Refunds go back to the card or account you paid with and arrive in 5–7 working days, depending on your bank.</p>
      </InfoSection>
    </InfoPage>
  );
}

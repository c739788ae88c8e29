import type { LoaderFunctionArgs } from "react-router";
import { Link, useLoaderData } from "react-router";
import { InfoPage, InfoSection, infoMeta } from "#app/components/info-page";
import { policyFacts } from "#app/domain/policy";
import { services } from "#app/utils/context.server";

export const meta = () => infoMeta("Terms of use", "The terms for buying movie tickets on Marquee: seat limits, holds, fees, tickets and cancellations.");

export async function loader({ request, context }: LoaderFunctionArgs) {
  return policyFacts(services(context, request).config);
}

export default function Terms() {
  const f = useLoaderData<typeof loader>();
  return (
    <InfoPage title="Terms of use">
      <InfoSection title="Buying tickets">
        <p>
          A booking is for one show and at most {f.maxSeats} seats. Seats you pick are held for {f.holdMinutes} minutes; if payment does not arrive in that
          time the hold ends, the seats go back on sale and nothing is charged. A booking is confirmed only when the payment is confirmed.
        </p>
      </InfoSection>
      <InfoSection title="Prices and fees">
        <p>
          Ticket prices are set by the cinema per seat category. A convenience fee of {f.feePerSeat} per seat plus {f.gstPercent}% GST on that fee is added and
          shown before you pay.
        </p>
      </InfoSection>
      <InfoSection title="Your ticket">
        <p>
          The QR code admits the seats on it once. Anyone holding a shared ticket link can see and use the ticket; cancelling the booking stops the link and the
          QR code working.
        </p>
      </InfoSection>
      <InfoSection title="Cancellations">
        <p>
          {f.cancellation} See the <Link to="/refund-policy" className="underline">cancellation and refund policy</Link>.
        </p>
      </InfoSection>
    </InfoPage>
  );
}

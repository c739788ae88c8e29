import type { LoaderFunctionArgs } from "react-router";
import { Link, useLoaderData } from "react-router";
import { InfoPage, InfoSection, infoMeta } from "#app/components/info-page";
import { policyFacts } from "#app/domain/policy";
import { services } from "#app/utils/context.server";

export const meta = () => infoMeta("About Marquee", "Marquee sells movie tickets for cinemas across India: pick your seats on a live map, pay with Razorpay, show a QR code at the door.");

export async function loader({ request, context }: LoaderFunctionArgs) {
  return policyFacts(services(context, request).config);
}

export default function About() {
  const f = useLoaderData<typeof loader>();
  return (
    <InfoPage title="About Marquee">
      <p>Marquee sells tickets for the cinemas listed on this site. You pick seats on a live seat map, pay through Razorpay, and get a ticket with a QR code that the cinema scans at the door.</p>
      <InfoSection title="How booking works">
        <ul className="list-disc pl-5">
          <li>You can pick up to {f.maxSeats} seats per show.</li>
          <li>Picked seats are held for you for {f.holdMinutes} minutes while you pay; nobody else can take them in that time.</li>
          <li>
            Each booking carries a convenience fee of {f.feePerSeat} per seat plus {f.gstPercent}% GST ({f.feeTaxPerSeat} per seat).
          </li>
          <li>
            {f.cancellation} <Link to="/refund-policy" className="underline">Read the cancellation and refund policy</Link>.
          </li>
        </ul>
      </InfoSection>
    </InfoPage>
  );
}

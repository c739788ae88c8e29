import { InfoPage, InfoSection, infoMeta } from "#app/components/info-page";

export const meta = () => infoMeta("Contact us", "How to reach Marquee about a booking, a payment or a refund.");

export default function Contact() {
  return (
    <InfoPage title="Contact us">
      <p>
        Write to <a className="underline" href="mailto:support@marquee.example">support@marquee.example</a>. Put your 8-character booking code (on your ticket
        and in your confirmation email) in the subject and we can find your booking at once.
      </p>
      <InfoSection title="At the cinema">
        <p>The box office can look your booking up by its code, your email address or your mobile number.</p>
      </InfoSection>
      <InfoSection title="Payments and refunds">
        <p>Payments are processed by Razorpay. Refunds go back to the card or account you paid with and arrive in 5–7 working days, depending on your bank.</p>
      </InfoSection>
    </InfoPage>
  );
}

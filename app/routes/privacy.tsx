import { InfoPage, InfoSection, infoMeta } from "#app/components/info-page";

export const meta = () => infoMeta("Privacy policy", "What Marquee stores about you, why, and who sees it.");

export default function Privacy() {
  return (
    <InfoPage title="Privacy policy">
      <InfoSection title="What we keep">
        <p>
          Your name, email address, an optional mobile number, a salted hash of your password (never the password itself), and your bookings with their seats,
          amounts and payment references.
        </p>
      </InfoSection>
      <InfoSection title="Why">
        <p>To issue and check your tickets, send your confirmation, reminder and refund emails, and let the cinema find your booking at the box office.</p>
      </InfoSection>
      <InfoSection title="Who sees it">
        <p>
          The cinema&rsquo;s staff see bookings for their shows. Razorpay processes your payment; we never see or store your card details. Our email provider
          delivers our emails to you. A shared ticket link shows the film, cinema, time and seats only, never your name or email.
        </p>
      </InfoSection>
      <InfoSection title="Cookies">
        <p>One session cookie keeps you logged in and one protects forms against cross-site requests. There are no advertising or tracking cookies.</p>
      </InfoSection>
    </InfoPage>
  );
}

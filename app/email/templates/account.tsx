import { Button, Text } from "@react-email/components";
import type { AccountEmailType } from "#app/domain/enums";
import { EmailLayout, label, muted, value } from "./layout";

/** What an account email may show; the code or link is derived when the message is consumed. */
export type AccountEmailData = {
  name: string;
  email: string;
  appOrigin: string;
  /** verify_email: the 6-digit code. */
  code?: string;
  /** password_reset: the link with the single-use token. */
  resetUrl?: string;
  /** How long the code or link works. */
  validMinutes?: number;
  /** sign_in_link: the single-use link. */
  signInUrl?: string;
  /** sign_in_link: password log-ins to the account were slowed by wrong passwords when the link was sent (ADR 027). */
  locked?: boolean;
};

const FOOTER = "You receive this email because of activity on your Marquee account. Replies are not read.";
const button = { backgroundColor: "#be123c", color: "#ffffff", borderRadius: "6px", padding: "12px 20px", fontWeight: 700 };

export function accountEmailSubject(type: AccountEmailType, d: AccountEmailData): string {
  switch (type) {
    case "verify_email":
      return `${d.code} is your Marquee code`;
    case "password_reset":
      return "Reset your Marquee password";
    case "password_changed":
      return "Your Marquee password was changed";
    case "signup_existing":
      return "Someone tried to sign up with your email";
    case "sign_in_link":
      return "Your Marquee sign-in link";
  }
}

export function SignInLinkEmail({ d }: { d: AccountEmailData }) {
  return (
    <EmailLayout preview="A link that logs you in to Marquee" title="Log in to Marquee" footer={FOOTER}>
      <Text style={muted}>Hi {d.name}, here is a one-time link that logs you in to {d.email} without your password.</Text>
      {d.locked && (
        <Text style={muted}>
          A lock was in place: password log-ins to your account were slowed down after many wrong passwords, possibly from
          someone else. This link works anyway, and using it lifts the lock. If those attempts weren&apos;t you, change your
          password once you are in.
        </Text>
      )}
      <Button href={d.signInUrl} style={button}>
        Log in to Marquee
      </Button>
      <Text style={muted}>Or open this link: {d.signInUrl}</Text>
      <Text style={muted}>It works once, for {d.validMinutes} minutes. If you did not ask for it, ignore this email.</Text>
    </EmailLayout>
  );
}

export function VerifyEmailEmail({ d }: { d: AccountEmailData }) {
  return (
    <EmailLayout preview={`Your code is ${d.code}`} title="Confirm your email" footer={FOOTER}>
      <Text style={muted}>Hi {d.name}, enter this code on Marquee to confirm {d.email} is yours.</Text>
      <Text style={label}>Your code</Text>
      <Text style={{ ...value, fontSize: "28px", letterSpacing: "0.3em", fontWeight: 700 }}>{d.code}</Text>
      <Text style={muted}>
        It works once, for {d.validMinutes} minutes. If you did not sign up, ignore this email: no account is usable without
        the code.
      </Text>
    </EmailLayout>
  );
}

export function PasswordResetEmail({ d }: { d: AccountEmailData }) {
  return (
    <EmailLayout preview="A link to choose a new password" title="Reset your password" footer={FOOTER}>
      <Text style={muted}>Hi {d.name}, someone (hopefully you) asked to reset the password of {d.email}.</Text>
      <Button href={d.resetUrl} style={button}>
        Choose a new password
      </Button>
      <Text style={muted}>Or open this link: {d.resetUrl}</Text>
      <Text style={muted}>
        The link works once, for {d.validMinutes} minutes, and stops working if you ask for another one. If it wasn't you,
        ignore this email: your password stays as it is.
      </Text>
    </EmailLayout>
  );
}

export function PasswordChangedEmail({ d }: { d: AccountEmailData }) {
  return (
    <EmailLayout preview="Your password was just changed" title="Your password was changed" footer={FOOTER}>
      <Text style={muted}>
        Hi {d.name}, the password of your Marquee account {d.email} was just changed, and every other device was logged out.
      </Text>
      <Text style={muted}>
        If that wasn't you, reset your password now at {d.appOrigin}/forgot-password and check your bookings.
      </Text>
    </EmailLayout>
  );
}

export function SignupExistingEmail({ d }: { d: AccountEmailData }) {
  return (
    <EmailLayout preview="You already have an account" title="You already have a Marquee account" footer={FOOTER}>
      <Text style={muted}>
        Hi {d.name}, someone tried to create a new account with {d.email}, which already has one. Nothing was changed.
      </Text>
      <Text style={muted}>
        If it was you, log in at {d.appOrigin}/login, or choose a new password at {d.appOrigin}/forgot-password.
      </Text>
    </EmailLayout>
  );
}

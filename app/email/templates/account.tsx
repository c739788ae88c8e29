import { Button, Text } from "@react-email/components";
import type { ReactNode } from "react";
import { serverI18n } from "#app/i18n/locale.server";
import type { Locale } from "#app/i18n/locales";
import type { AccountEmailType } from "#app/domain/enums";
import { EmailLayout, label, muted, value } from "./layout";

/** What an account email may show; the code or link is derived when the message is consumed. */
export type AccountEmailData = {
  /** The account's language, read when the message is consumed. */
  locale: Locale;
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

const button = { backgroundColor: "#be123c", color: "#ffffff", borderRadius: "6px", padding: "12px 20px", fontWeight: 700 };

function say(d: AccountEmailData) {
  return serverI18n(d.locale).t;
}

export function accountEmailSubject(type: AccountEmailType, d: AccountEmailData): string {
  const t = say(d);
  switch (type) {
    case "verify_email":
      return t("email.verify.subject", { code: d.code ?? "" });
    case "password_reset":
      return t("email.reset.subject");
    case "password_changed":
      return t("email.changed.subject");
    case "signup_existing":
      return t("email.existing.subject");
    case "sign_in_link":
      return t("email.signIn.subject");
  }
}

function AccountLayout({ d, preview, title, children }: { d: AccountEmailData; preview: string; title: string; children: ReactNode }) {
  return (
    <EmailLayout lang={d.locale} preview={preview} title={title} footer={say(d)("email.account.footer")}>
      {children}
    </EmailLayout>
  );
}

export function SignInLinkEmail({ d }: { d: AccountEmailData }) {
  const t = say(d);
  return (
    <AccountLayout d={d} preview={t("email.signIn.preview")} title={t("email.signIn.title")}>
      <Text style={muted}>{t("email.signIn.intro", { name: d.name, email: d.email })}</Text>
      {d.locked && <Text style={muted}>{t("email.signIn.locked")}</Text>}
      <Button href={d.signInUrl} style={button}>
        {t("email.signIn.button")}
      </Button>
      <Text style={muted}>{t("email.account.orOpen", { url: d.signInUrl ?? "" })}</Text>
      <Text style={muted}>{t("email.signIn.validity", { minutes: d.validMinutes ?? 0 })}</Text>
    </AccountLayout>
  );
}

export function VerifyEmailEmail({ d }: { d: AccountEmailData }) {
  const t = say(d);
  return (
    <AccountLayout d={d} preview={t("email.verify.preview", { code: d.code ?? "" })} title={t("email.verify.title")}>
      <Text style={muted}>{t("email.verify.intro", { name: d.name, email: d.email })}</Text>
      <Text style={label}>{t("email.verify.codeLabel")}</Text>
      <Text style={{ ...value, fontSize: "28px", letterSpacing: "0.3em", fontWeight: 700 }}>{d.code}</Text>
      <Text style={muted}>{t("email.verify.validity", { minutes: d.validMinutes ?? 0 })}</Text>
    </AccountLayout>
  );
}

export function PasswordResetEmail({ d }: { d: AccountEmailData }) {
  const t = say(d);
  return (
    <AccountLayout d={d} preview={t("email.reset.preview")} title={t("email.reset.title")}>
      <Text style={muted}>{t("email.reset.intro", { name: d.name, email: d.email })}</Text>
      <Button href={d.resetUrl} style={button}>
        {t("email.reset.button")}
      </Button>
      <Text style={muted}>{t("email.account.orOpen", { url: d.resetUrl ?? "" })}</Text>
      <Text style={muted}>{t("email.reset.validity", { minutes: d.validMinutes ?? 0 })}</Text>
    </AccountLayout>
  );
}

export function PasswordChangedEmail({ d }: { d: AccountEmailData }) {
  const t = say(d);
  return (
    <AccountLayout d={d} preview={t("email.changed.preview")} title={t("email.changed.title")}>
      <Text style={muted}>{t("email.changed.intro", { name: d.name, email: d.email })}</Text>
      <Text style={muted}>{t("email.changed.notYou", { url: `${d.appOrigin}/forgot-password` })}</Text>
    </AccountLayout>
  );
}

export function SignupExistingEmail({ d }: { d: AccountEmailData }) {
  const t = say(d);
  return (
    <AccountLayout d={d} preview={t("email.existing.preview")} title={t("email.existing.title")}>
      <Text style={muted}>{t("email.existing.intro", { name: d.name, email: d.email })}</Text>
      <Text style={muted}>{t("email.existing.ifYou", { login: `${d.appOrigin}/login`, reset: `${d.appOrigin}/forgot-password` })}</Text>
    </AccountLayout>
  );
}

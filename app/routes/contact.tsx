import type { MetaFunction } from "react-router";
import { InfoPage, InfoSection, infoMeta } from "#app/components/info-page";
import { useI18n } from "#app/i18n/context";

export const meta: MetaFunction = ({ matches }) => infoMeta(matches, "info.contact.title", "info.contact.description");

const SUPPORT = "support@marquee.example";
/** Where the address link sits in the sentence is the language's choice, so the sentence is split at a marker. */
const MARK = "\u2063";

export default function Contact() {
  const { t } = useI18n();
  const [before = "", after = ""] = t("info.contact.write", { email: MARK }).split(MARK);
  return (
    <InfoPage title={t("info.contact.title")}>
      <p>
        {before}
        <a className="underline" href={`mailto:${SUPPORT}`}>
          {SUPPORT}
        </a>
        {after}
      </p>
      <InfoSection title={t("info.contact.cinema")}>
        <p>{t("info.contact.cinemaText")}</p>
      </InfoSection>
      <InfoSection title={t("info.contact.payments")}>
        <p>{t("info.contact.paymentsText")}</p>
      </InfoSection>
    </InfoPage>
  );
}

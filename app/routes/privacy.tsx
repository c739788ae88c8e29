import type { MetaFunction } from "react-router";
import { InfoPage, InfoSection, infoMeta } from "#app/components/info-page";
import { useI18n } from "#app/i18n/context";

export const meta: MetaFunction = ({ matches }) => infoMeta(matches, "info.privacy.title", "info.privacy.description");

export default function Privacy() {
  const { t } = useI18n();
  return (
    <InfoPage title={t("info.privacy.title")}>
      <InfoSection title={t("info.privacy.keep")}>
        <p>{t("info.privacy.keepText")}</p>
      </InfoSection>
      <InfoSection title={t("info.privacy.why")}>
        <p>{t("info.privacy.whyText")}</p>
      </InfoSection>
      <InfoSection title={t("info.privacy.who")}>
        <p>{t("info.privacy.whoText")}</p>
      </InfoSection>
      <InfoSection title={t("info.privacy.cookies")}>
        <p>{t("info.privacy.cookiesText")}</p>
      </InfoSection>
    </InfoPage>
  );
}

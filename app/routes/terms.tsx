import type { LoaderFunctionArgs, MetaFunction } from "react-router";
import { Link, useLoaderData } from "react-router";
import { InfoPage, InfoSection, infoMeta } from "#app/components/info-page";
import { policyFacts } from "#app/domain/policy";
import { cutoffParts } from "#app/domain/refund-policy";
import { useI18n } from "#app/i18n/context";
import { services } from "#app/utils/context.server";

export const meta: MetaFunction = ({ matches }) => infoMeta(matches, "info.terms.title", "info.terms.description");

export async function loader({ request, context }: LoaderFunctionArgs) {
  return policyFacts(services(context, request).config);
}

export default function Terms() {
  const f = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <InfoPage title={t("info.terms.title")}>
      <InfoSection title={t("info.terms.buying")}>
        <p>{t("info.terms.buyingText", { n: f.maxSeats, minutes: f.holdMinutes })}</p>
      </InfoSection>
      <InfoSection title={t("info.terms.prices")}>
        <p>{t("info.terms.pricesText", { fee: f.feePerSeat, gst: f.gstPercent })}</p>
      </InfoSection>
      <InfoSection title={t("info.terms.ticket")}>
        <p>{t("info.terms.ticketText")}</p>
      </InfoSection>
      <InfoSection title={t("info.terms.cancellations")}>
        <p>{t("booking.policy", cutoffParts(f.cutoffMinutes))}</p>
        <p>
          <Link to="/refund-policy" className="underline">
            {t("info.about.policyLink")}
          </Link>
        </p>
      </InfoSection>
    </InfoPage>
  );
}

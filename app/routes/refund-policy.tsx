import type { LoaderFunctionArgs, MetaFunction } from "react-router";
import { useLoaderData } from "react-router";
import { InfoPage, InfoSection, infoMeta } from "#app/components/info-page";
import { policyFacts } from "#app/domain/policy";
import { cutoffParts } from "#app/domain/refund-policy";
import { useI18n } from "#app/i18n/context";
import { services } from "#app/utils/context.server";

export const meta: MetaFunction = ({ matches }) => infoMeta(matches, "info.refunds.title", "info.refunds.description");

export async function loader({ request, context }: LoaderFunctionArgs) {
  return policyFacts(services(context, request).config);
}

export default function RefundPolicy() {
  const f = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <InfoPage title={t("info.refunds.title")}>
      <InfoSection title={t("info.refunds.youCancel")}>
        <p>{t("booking.policy", cutoffParts(f.cutoffMinutes))}</p>
        <p>{t("info.refunds.example", { fee: f.feePerSeat, gst: f.gstPercent })}</p>
        <p>{t("info.refunds.cutoff", { minutes: f.cutoffMinutes })}</p>
      </InfoSection>
      <InfoSection title={t("info.refunds.cinemaCancels")}>
        <p>{t("info.refunds.cinemaCancelsText")}</p>
      </InfoSection>
      <InfoSection title={t("info.refunds.lostSeats")}>
        <p>{t("info.refunds.lostSeatsText")}</p>
      </InfoSection>
      <InfoSection title={t("info.refunds.arrival")}>
        <p>{t("info.refunds.arrivalText")}</p>
      </InfoSection>
    </InfoPage>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "react-router";
import { Link, useLoaderData } from "react-router";
import { InfoPage, InfoSection, infoMeta } from "#app/components/info-page";
import { policyFacts } from "#app/domain/policy";
import { cutoffParts } from "#app/domain/refund-policy";
import { useI18n } from "#app/i18n/context";
import { services } from "#app/utils/context.server";

export const meta: MetaFunction = ({ matches }) => infoMeta(matches, "info.about.title", "info.about.description");

export async function loader({ request, context }: LoaderFunctionArgs) {
  return policyFacts(services(context, request).config);
}

export default function About() {
  const f = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <InfoPage title={t("info.about.title")}>
      <p>{t("info.about.intro")}</p>
      <InfoSection title={t("info.about.how")}>
        <ul className="list-disc pl-5">
          <li>{t("info.about.maxSeats", { n: f.maxSeats })}</li>
          <li>{t("info.about.hold", { minutes: f.holdMinutes })}</li>
          <li>{t("info.about.fee", { fee: f.feePerSeat, gst: f.gstPercent, tax: f.feeTaxPerSeat })}</li>
          <li>
            {t("booking.policy", cutoffParts(f.cutoffMinutes))}{" "}
            <Link to="/refund-policy" className="underline">
              {t("info.about.policyLink")}
            </Link>
          </li>
        </ul>
      </InfoSection>
    </InfoPage>
  );
}

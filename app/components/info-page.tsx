import type { ReactNode } from "react";
import type { MetaArgs } from "react-router";
import type { MessageId } from "#app/i18n/format";
import { rootTitle } from "#app/i18n/meta";

/** The frame of the About/Contact/Terms/Privacy/Refund pages. */
export function InfoPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <article className="mx-auto max-w-2xl space-y-4 leading-relaxed">
      <h1 className="text-2xl font-bold">{title}</h1>
      {children}
    </article>
  );
}

export function InfoSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-2">
      <h2 className="text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

/** Title and description for an info page, in the page's language. */
export function infoMeta(matches: MetaArgs["matches"], title: MessageId, description: MessageId) {
  return [{ title: `${rootTitle(matches, title)} — Marquee` }, { name: "description", content: rootTitle(matches, description) }];
}

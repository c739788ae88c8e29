import type { ReactNode } from "react";

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

/** Title and description for an info page. */
export function infoMeta(title: string, description: string) {
  return [{ title: `${title} — Marquee` }, { name: "description", content: description }];
}

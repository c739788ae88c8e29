import { useState } from "react";
import type { Trailer } from "#app/domain/trailer";
import { useI18n } from "#app/i18n/context";

/**
 * A click-to-load trailer: until the fan clicks, it is our own poster and a play button, so no
 * third-party script, iframe or thumbnail loads. Without JS the button is a link to the video.
 */
export function TrailerFacade({ trailer, title, poster }: { trailer: Trailer; title: string; poster: string }) {
  const [playing, setPlaying] = useState(false);
  const { t } = useI18n();
  if (playing) {
    return (
      <iframe
        src={trailer.embedUrl}
        title={t("trailer.frameTitle", { title })}
        allow="autoplay; encrypted-media; picture-in-picture; fullscreen"
        allowFullScreen
        referrerPolicy="strict-origin-when-cross-origin"
        className="aspect-video w-full rounded-lg bg-black"
      />
    );
  }
  return (
    <a
      href={trailer.watchUrl}
      onClick={(e) => {
        e.preventDefault();
        setPlaying(true);
      }}
      className="group relative flex aspect-video w-full items-center justify-center overflow-hidden rounded-lg bg-slate-900"
    >
      <img src={poster} alt="" className="absolute inset-0 h-full w-full object-cover opacity-40 blur-sm" loading="lazy" />
      <span className="relative flex items-center gap-2 rounded-full bg-brand-600 px-5 py-3 font-semibold text-white shadow-lg group-hover:bg-brand-700">
        {/* The film's name is said after the visible words, so the link's name still contains them (axe: label-content-name-mismatch). */}
        <span aria-hidden>▶</span> {t("trailer.play")}<span className="sr-only">: {title}</span>
      </span>
      <span className="absolute bottom-2 right-3 text-xs text-white/80">{t("trailer.playsFrom", { provider: trailer.provider === "youtube" ? "YouTube" : "Vimeo" })}</span>
    </a>
  );
}

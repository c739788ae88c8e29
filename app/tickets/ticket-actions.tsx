import { useState, type MouseEvent } from "react";
import { useHydrated } from "#app/utils/use-hydrated";
import { useT } from "#app/i18n/context";

const button = "inline-flex min-h-11 items-center rounded-md border border-slate-400 px-4 py-2 text-sm font-semibold hover:bg-slate-100";

/**
 * Print, save, share and calendar for a confirmed ticket. Links work without JavaScript; Share
 * uses the Web Share API where there is one and otherwise copies the read-only ticket link.
 */
export function TicketActions({ bookingId, shareUrl, title, code = null }: { bookingId: string; shareUrl: string; title: string; code?: string | null }) {
  const hydrated = useHydrated();
  const t = useT();
  const [status, setStatus] = useState<string | null>(null);
  const base = `/bookings/${encodeURIComponent(bookingId)}`;

  /**
   * "Download image" as a PNG, which every phone gallery takes (an SVG is not): the server's SVG
   * ticket drawn on a canvas at twice its size. Without JS the link still saves the SVG.
   */
  async function downloadPng(event: MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    try {
      const svg = await (await fetch(event.currentTarget.href)).blob();
      const src = URL.createObjectURL(svg);
      const img = new Image();
      img.src = src;
      await img.decode();
      const canvas = document.createElement("canvas");
      canvas.width = img.naturalWidth * 2;
      canvas.height = img.naturalHeight * 2;
      const ctx = canvas.getContext("2d")!;
      ctx.fillStyle = "#fff";
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
      URL.revokeObjectURL(src);
      const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
      if (!png) throw new Error("no PNG");
      const a = document.createElement("a");
      a.href = URL.createObjectURL(png);
      a.download = `marquee-ticket-${code ?? bookingId}.png`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
      setStatus(t("ticketActions.saved"));
    } catch {
      setStatus(t("ticketActions.imageFailed"));
    }
  }

  async function share() {
    const data = { title: t("ticketActions.shareTitle", { title }), text: t("ticketActions.shareText", { title }), url: shareUrl };
    try {
      if (typeof navigator.share === "function" && (!navigator.canShare || navigator.canShare(data))) {
        await navigator.share(data);
        setStatus(t("ticketActions.shared"));
        return;
      }
      await navigator.clipboard.writeText(shareUrl);
      setStatus(t("ticketActions.copied"));
    } catch (error) {
      // The fan closing the share sheet is not an error worth shouting about.
      if (error instanceof DOMException && error.name === "AbortError") return;
      setStatus(t("ticketActions.copyFailed"));
    }
  }

  return (
    <div className="mt-4 print:hidden" data-testid="ticket-actions">
      <div className="flex flex-wrap gap-2">
        {hydrated && (
          <button type="button" className={button} onClick={() => window.print()}>
            {t("ticketActions.print")}
          </button>
        )}
        <a className={button} href={`${base}/ticket-image.svg`} download onClick={hydrated ? downloadPng : undefined} data-testid="download-image">
          {t("ticketActions.download")}
        </a>
        <a className={button} href={`${base}/calendar.ics`} download>
          {t("ticketActions.calendar")}
        </a>
        {hydrated && (
          <button type="button" className={button} onClick={share}>
            {t("ticketActions.share")}
          </button>
        )}
      </div>
      <p role="status" className="mt-2 min-h-5 text-sm text-slate-700">
        {status}
      </p>
      <details className="mt-1 text-sm">
        <summary className="cursor-pointer text-brand-700 underline">{t("ticketActions.link")}</summary>
        <label className="mt-2 block">
          <span className="text-slate-700">{t("ticketActions.linkNote")}</span>
          <input readOnly value={shareUrl} className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
        </label>
      </details>
    </div>
  );
}

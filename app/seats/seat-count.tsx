import { useT } from "#app/i18n/context";

type Props = {
  max: number;
  count: number | null;
  onCount: (n: number) => void;
  wheelchair: boolean;
  onWheelchair: (on: boolean) => void;
  onBest: () => void;
};

/**
 * "How many seats?", asked before the map: with a count, one tap on the map takes that many seats
 * together, and "Best available" picks them for the fan (app/domain/best-seats.ts).
 */
export function SeatCount({ max, count, onCount, wheelchair, onWheelchair, onBest }: Props) {
  const t = useT();
  return (
    <div className="mb-3 rounded-md border border-slate-200 bg-slate-50 p-3" data-testid="seat-count">
      {/* min-w-0: a fieldset is as wide as its content by default, which would widen the whole page on a phone. */}
      <fieldset className="min-w-0">
        <legend className="text-sm font-semibold">{t("seatCount.howMany")}</legend>
        <div className="mt-2 flex gap-1.5 overflow-x-auto pb-1">
          {Array.from({ length: max }, (_, i) => i + 1).map((n) => (
            <button
              key={n}
              type="button"
              aria-pressed={count === n}
              onClick={() => onCount(n)}
              className="h-11 min-w-11 shrink-0 rounded-full border border-slate-400 bg-white px-3 font-semibold aria-pressed:border-brand-600 aria-pressed:bg-brand-600 aria-pressed:text-white"
            >
              {n}
            </button>
          ))}
        </div>
      </fieldset>
      <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-2">
        <button
          type="button"
          onClick={onBest}
          disabled={count === null}
          className="h-11 rounded-md border border-brand-600 bg-white px-4 font-semibold text-brand-700 disabled:opacity-50"
        >
          {t("seatCount.best")}
        </button>
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input type="checkbox" checked={wheelchair} onChange={(e) => onWheelchair(e.target.checked)} className="h-5 w-5" />
          {t("seatCount.wheelchair")}
        </label>
      </div>
      <p className="mt-1 text-xs text-slate-600">
        {count === null ? t("seatCount.hint") : t("seatCount.hintCount", { count })}
      </p>
    </div>
  );
}

import { describe, expect, it } from "vitest";
import { occupancyPct, salesCsv, salesTotals, showtimeSales } from "./sales";

const base = { startsAt: 0, cinemaName: "Lido, MG Road", screenName: "Screen 1", status: "SCHEDULED", capacity: 200, bookings: 0, seatsSold: 0, grossPaise: 0, feesPaise: 0, refundsPaise: 0 };

describe("sales figures", () => {
  it("occupancy keeps one decimal and survives an empty screen", () => {
    expect(occupancyPct(1, 270)).toBe(0.4);
    expect(occupancyPct(135, 270)).toBe(50);
    expect(occupancyPct(0, 0)).toBe(0);
  });

  it("net is gross minus refunds, and totals add up across showtimes", () => {
    const a = showtimeSales({ ...base, showtimeId: "a", movieTitle: "A", seatsSold: 10, bookings: 3, grossPaise: 250_000, feesPaise: 35_400, refundsPaise: 50_000 });
    const b = showtimeSales({ ...base, showtimeId: "b", movieTitle: "B", seatsSold: 30, bookings: 5, grossPaise: 600_000, feesPaise: 100_000 });
    expect(a.netPaise).toBe(200_000);
    const t = salesTotals([a, b]);
    expect(t).toMatchObject({ capacity: 400, seatsSold: 40, bookings: 8, grossPaise: 850_000, refundsPaise: 50_000, netPaise: 800_000, occupancyPct: 10 });
  });

  it("CSV has a header, one escaped line per showtime and a total line", () => {
    const row = showtimeSales({ ...base, showtimeId: "st-1", movieTitle: 'The "Ghost"', seatsSold: 2, bookings: 1, grossPaise: 43_080, feesPaise: 7_080 });
    const csv = salesCsv([row], () => "2026-11-25 19:00");
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("showtime_id,starts_at_local,cinema,screen,movie,status,capacity,seats_sold,occupancy_pct,bookings,gross_inr,fees_inr,refunds_inr,net_inr");
    expect(lines[1]).toBe('st-1,2026-11-25 19:00,"Lido, MG Road",Screen 1,"The ""Ghost""",SCHEDULED,200,2,1.0,1,430.80,70.80,0.00,430.80');
    expect(lines[2]).toBe("TOTAL,,,,,,200,2,1.0,1,430.80,70.80,0.00,430.80");
  });
});

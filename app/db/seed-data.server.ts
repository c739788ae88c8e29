import type { LocalizedNames } from "#app/i18n/locales";
import { countSeats, type SeatLayout } from "#app/domain/layout";
import { layoutFromPattern } from "#app/domain/layout-schema";
import type { Credit } from "#app/domain/credits";
import { dateStrip, zonedTimeToUtc } from "#app/domain/time";

/**
 * Demo data for local development and tests. Ids are deterministic so seeding is idempotent:
 * every statement is INSERT OR IGNORE, and running the seed twice on the same day changes nothing.
 */

const TZ = "Asia/Kolkata";

const CATS = {
  RECLINER: { code: "RECLINER", name: "Recliner" },
  PRIME: { code: "PRIME", name: "Prime" },
  CLASSIC: { code: "CLASSIC", name: "Classic" },
};

const rowLetters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** A screen with `classic` + `prime` rows of `width` seats split by aisles, and recliners at the back. */
function auditorium(opts: { classic: number; prime: number; recliner: number; width: number }): SeatLayout {
  const half = Math.floor(opts.width / 2);
  const block = (n: number) => "s".repeat(n);
  const rows: { label: string; category: string; pattern: string }[] = [];
  let i = 0;
  for (let r = 0; r < opts.classic; r++, i++) {
    const pattern = r === 0 ? `w${block(half - 1)}__${block(opts.width - half - 1)}c` : `${block(half)}__${block(opts.width - half)}`;
    rows.push({ label: rowLetters[i]!, category: "CLASSIC", pattern });
  }
  for (let r = 0; r < opts.prime; r++, i++) {
    rows.push({ label: rowLetters[i]!, category: "PRIME", pattern: `${block(half)}__${block(opts.width - half)}` });
  }
  const reclinerHalf = Math.floor(opts.width / 4);
  for (let r = 0; r < opts.recliner; r++, i++) {
    rows.push({ label: rowLetters[i]!, category: "RECLINER", pattern: `_${block(reclinerHalf)}___${block(reclinerHalf)}_` });
  }
  const cats = [CATS.CLASSIC, CATS.PRIME, ...(opts.recliner ? [CATS.RECLINER] : [])];
  return layoutFromPattern(cats, rows);
}

export const SEED_CITIES = [
  { id: "city-mumbai", slug: "mumbai", name: "Mumbai", state: "Maharashtra" },
  { id: "city-bengaluru", slug: "bengaluru", name: "Bengaluru", state: "Karnataka" },
  { id: "city-delhi", slug: "delhi", name: "Delhi", state: "Delhi" },
];

export const SEED_CINEMAS = [
  { id: "cin-mum-regal", slug: "regal-colaba", cityId: "city-mumbai", name: "Regal Colaba", address: "Colaba Causeway" },
  { id: "cin-mum-galaxy", slug: "galaxy-bandra", cityId: "city-mumbai", name: "Galaxy Bandra", address: "Hill Road, Bandra West" },
  { id: "cin-blr-lido", slug: "lido-mg-road", cityId: "city-bengaluru", name: "Lido MG Road", address: "Off MG Road" },
  { id: "cin-blr-orion", slug: "orion-rajajinagar", cityId: "city-bengaluru", name: "Orion Rajajinagar", address: "Dr Rajkumar Road" },
  { id: "cin-del-plaza", slug: "plaza-connaught-place", cityId: "city-delhi", name: "Plaza Connaught Place", address: "H Block, Connaught Place" },
  { id: "cin-del-saket", slug: "saket-select", cityId: "city-delhi", name: "Saket Select", address: "Press Enclave Marg, Saket" },
].map((c) => ({ ...c, timeZone: TZ }));

/** Screen sizes cover the benchmarks: a 250-seat and a 400-seat house. */
const SCREEN_SPECS = [
  { suffix: "1", name: "Screen 1", layout: auditorium({ classic: 10, prime: 4, recliner: 2, width: 18 }) },
  { suffix: "2", name: "Screen 2", layout: auditorium({ classic: 6, prime: 3, recliner: 0, width: 14 }) },
];

export const SEED_SCREENS = SEED_CINEMAS.flatMap((c) =>
  SCREEN_SPECS.map((spec) => ({
    id: `${c.id.replace("cin-", "scr-")}-${spec.suffix}`,
    cinemaId: c.id,
    name: spec.name,
    layout: spec.layout,
    seatCount: countSeats(spec.layout),
  })),
);

export const SEED_MOVIES = [
  { slug: "monsoon-express", title: "Monsoon Express", runtime: 148, cert: "UA", langs: ["Hindi", "English"], genres: ["Action", "Thriller"], release: "2026-11-20", hue: 210, synopsis: "A night train to Goa, a stolen ledger and a ticket inspector who has had enough." },
  { slug: "the-last-lamplighter", title: "The Last Lamplighter", runtime: 121, cert: "U", langs: ["English"], genres: ["Drama", "Family"], release: "2026-11-13", hue: 40, synopsis: "In a town switching to LED, an old lamplighter teaches his granddaughter what light is for." },
  { slug: "chai-and-chaos", title: "Chai and Chaos", runtime: 134, cert: "UA13+", langs: ["Hindi"], genres: ["Comedy", "Romance"], release: "2026-11-06", hue: 20, synopsis: "Two rival tea stalls, one wedding, and a recipe nobody will admit to stealing." },
  { slug: "orbit-zero", title: "Orbit Zero", runtime: 162, cert: "UA16+", langs: ["English", "Hindi", "Tamil"], genres: ["Sci-Fi", "Adventure"], release: "2026-11-20", hue: 260, synopsis: "The first Indian crew to Europa finds that the ice is listening." },
  { slug: "kaveri-nights", title: "Kaveri Nights", runtime: 139, cert: "UA", langs: ["Kannada", "Tamil"], genres: ["Drama", "Music"], release: "2026-10-30", hue: 160, synopsis: "A folk singer and a sound engineer record a river before the dam opens." },
  { slug: "shadow-protocol", title: "Shadow Protocol", runtime: 155, cert: "A", langs: ["English", "Hindi"], genres: ["Action", "Crime"], release: "2026-11-13", hue: 0, synopsis: "A retired codebreaker is pulled back in when her own cipher starts a bank run." },
  { slug: "paper-kites", title: "Paper Kites", runtime: 102, cert: "U", langs: ["Hindi", "English"], genres: ["Animation", "Family"], release: "2026-11-20", hue: 120, synopsis: "On Makar Sankranti, a kite with a message sails across a city of rooftops." },
  { slug: "ghost-of-gulmohar", title: "The Ghost of Gulmohar Lane", runtime: 117, cert: "UA16+", langs: ["Hindi"], genres: ["Horror", "Mystery"], release: "2026-10-23", hue: 300, synopsis: "The new tenants of a Delhi haveli hear the piano at 3 a.m. There is no piano." },
].map((m) => ({ ...m, id: `mov-${m.slug}` }));

/** The demo films' titles in Hindi and Kannada, as an operator would enter them (search finds any). */
export const SEED_MOVIE_TITLES: Record<string, LocalizedNames> = {
  "monsoon-express": { hi: "मानसून एक्सप्रेस", kn: "ಮಾನ್ಸೂನ್ ಎಕ್ಸ್‌ಪ್ರೆಸ್" },
  "the-last-lamplighter": { hi: "द लास्ट लैम्पलाइटर", kn: "ದಿ ಲಾಸ್ಟ್ ಲ್ಯಾಂಪ್‌ಲೈಟರ್" },
  "chai-and-chaos": { hi: "चाय और चकल्लस", kn: "ಚಾಯ್ ಔರ್ ಚಕಲ್ಲಸ್" },
  "orbit-zero": { hi: "ऑर्बिट ज़ीरो", kn: "ಆರ್ಬಿಟ್ ಝೀರೋ" },
  "kaveri-nights": { hi: "कावेरी की रातें", kn: "ಕಾವೇರಿ ರಾತ್ರಿಗಳು" },
  "shadow-protocol": { hi: "शैडो प्रोटोकॉल", kn: "ಶ್ಯಾಡೋ ಪ್ರೋಟೋಕಾಲ್" },
  "paper-kites": { hi: "काग़ज़ की पतंगें", kn: "ಕಾಗದದ ಗಾಳಿಪಟಗಳು" },
  "ghost-of-gulmohar": { hi: "गुलमोहर लेन का भूत", kn: "ಗುಲ್‌ಮೋಹರ್ ಲೇನ್‌ನ ಭೂತ" },
  "monsoon-express-2": { hi: "मानसून एक्सप्रेस 2", kn: "ಮಾನ್ಸೂನ್ ಎಕ್ಸ್‌ಪ್ರೆಸ್ 2" },
};

export const SEED_CINEMA_NAMES: Record<string, LocalizedNames> = {
  "cin-mum-regal": { hi: "रीगल कोलाबा", kn: "ರೀಗಲ್ ಕೊಲಾಬಾ" },
  "cin-mum-galaxy": { hi: "गैलेक्सी बांद्रा", kn: "ಗ್ಯಾಲಕ್ಸಿ ಬಾಂದ್ರಾ" },
  "cin-blr-lido": { hi: "लीडो एमजी रोड", kn: "ಲಿಡೋ ಎಂಜಿ ರಸ್ತೆ" },
  "cin-blr-orion": { hi: "ओरियन राजाजीनगर", kn: "ಓರಿಯನ್ ರಾಜಾಜಿನಗರ" },
  "cin-del-plaza": { hi: "प्लाज़ा कनॉट प्लेस", kn: "ಪ್ಲಾಜಾ ಕನ್ನಾಟ್ ಪ್ಲೇಸ್" },
  "cin-del-saket": { hi: "साकेत सिलेक्ट", kn: "ಸಾಕೇತ್ ಸೆಲೆಕ್ಟ್" },
};

/** Films announced but not yet released: no showtimes, listed under "coming soon". */
export const SEED_COMING_SOON = [
  { slug: "monsoon-express-2", title: "Monsoon Express 2", runtime: 151, cert: "UA", langs: ["Hindi", "English"], genres: ["Action", "Thriller"], release: "2027-06-18", hue: 200, synopsis: "The ledger is back, and so is the ticket inspector, this time on the Konkan line." },
].map((m) => ({ ...m, id: `mov-${m.slug}` }));

const C = (role: Credit["role"], name: string, character?: string): Credit => (character ? { role, name, character } : { role, name });

/** Cast, crew, trailer and rating per movie slug (fictional people; the trailer ids are placeholders). */
export const SEED_MOVIE_DETAILS: Record<string, { credits: Credit[]; trailer: string | null; rating: number | null }> = {
  "monsoon-express": { credits: [C("Cast", "Arjun Mehra", "Inspector Dsouza"), C("Cast", "Priya Raman", "Leela"), C("Cast", "Kabir Sethi", "Banker"), C("Director", "Anand Iyer"), C("Music", "Rhea Kapoor")], trailer: "https://www.youtube.com/watch?v=mnsnXprs001", rating: 81 },
  "the-last-lamplighter": { credits: [C("Cast", "Naseer Qureshi", "Dinanath"), C("Cast", "Tara Sen", "Mini"), C("Director", "Meera Nair"), C("Writer", "Jaideep Bose")], trailer: "https://youtu.be/lmplgtr0002", rating: 88 },
  "chai-and-chaos": { credits: [C("Cast", "Ritika Joshi", "Pinky"), C("Cast", "Varun Malhotra", "Bunty"), C("Director", "Sameer Khan")], trailer: null, rating: 72 },
  "orbit-zero": { credits: [C("Cast", "Priya Raman", "Commander Asha Rao"), C("Cast", "Dev Patil", "Vikram"), C("Cast", "Zoë D'Souza", "Dr Ana"), C("Director", "Vikram Aditya"), C("Cinematography", "Ishaan Ghosh")], trailer: "https://www.youtube.com/watch?v=rbtZr00003x", rating: 84 },
  "kaveri-nights": { credits: [C("Cast", "Lakshmi Gowda", "Kaveri"), C("Cast", "Suriya Prakash", "Ravi"), C("Director", "Pawan Hegde"), C("Music", "Ilaiyaraja Murthy")], trailer: "https://vimeo.com/123456789", rating: 79 },
  "shadow-protocol": { credits: [C("Cast", "Neha Dhupia Rao", "Sara"), C("Cast", "Arjun Mehra", "Colonel Bhat"), C("Director", "Anand Iyer")], trailer: "https://www.youtube.com/watch?v=shdwPrtc004", rating: 76 },
  "paper-kites": { credits: [C("Cast", "Aarav Shah", "Chintu (voice)"), C("Cast", "Tara Sen", "Nani (voice)"), C("Director", "Gitanjali Rao")], trailer: null, rating: 90 },
  "ghost-of-gulmohar": { credits: [C("Cast", "Kabir Sethi", "Mr Malhotra"), C("Cast", "Ritika Joshi", "Anya"), C("Director", "Sameer Khan")], trailer: "https://www.youtube.com/watch?v=ghstGlmhr05", rating: 68 },
  "monsoon-express-2": { credits: [C("Cast", "Arjun Mehra", "Inspector Dsouza"), C("Cast", "Priya Raman", "Leela"), C("Director", "Anand Iyer")], trailer: null, rating: null },
};

/** Phone, amenities and step-free access per cinema id. */
export const SEED_CINEMA_DETAILS: Record<string, { phone: string; amenities: string[]; wheelchairAccess: boolean }> = {
  "cin-mum-regal": { phone: "+91 22 2202 1017", amenities: ["Dolby Atmos", "Recliners", "Food & beverages", "Parking"], wheelchairAccess: true },
  "cin-mum-galaxy": { phone: "+91 22 2640 2345", amenities: ["Food & beverages", "M-ticket"], wheelchairAccess: false },
  "cin-blr-lido": { phone: "+91 80 2555 3456", amenities: ["IMAX", "Recliners", "Parking"], wheelchairAccess: true },
  "cin-blr-orion": { phone: "+91 80 2333 4567", amenities: ["4K projection", "Food court", "Parking"], wheelchairAccess: true },
  "cin-del-plaza": { phone: "+91 11 2341 5678", amenities: ["Dolby 7.1", "Heritage building"], wheelchairAccess: false },
  "cin-del-saket": { phone: "+91 11 2956 6789", amenities: ["IMAX", "Recliners", "Food & beverages", "Parking"], wheelchairAccess: true },
};

const SLOTS = ["10:00", "13:30", "17:00", "21:00"];
const FORMATS = ["2D", "3D", "IMAX", "2D"] as const;
const PRICES: Record<string, number> = { CLASSIC: 18000, PRIME: 25000, RECLINER: 45000 };

export const DEMO_USERS = [
  { id: "usr-demo-customer", email: "demo@marquee.test", name: "Demo Moviegoer", phone: "+919876543210", password: "demo-password", role: "customer" as const },
  { id: "usr-demo-admin", email: "admin@marquee.test", name: "Marquee Admin", phone: null, password: "admin-password", role: "admin" as const },
  { id: "usr-demo-manager", email: "manager@marquee.test", name: "Bengaluru Manager", phone: null, password: "manager-password", role: "cinema_manager" as const },
  { id: "usr-demo-door", email: "door@marquee.test", name: "Lido Door", phone: null, password: "door-password", role: "door" as const },
];

/** Where the demo staff work: the manager runs both Bengaluru cinemas, the door account stands at Lido. */
export const DEMO_STAFF_CINEMAS = [
  { userId: "usr-demo-manager", cinemaId: "cin-blr-lido" },
  { userId: "usr-demo-manager", cinemaId: "cin-blr-orion" },
  { userId: "usr-demo-door", cinemaId: "cin-blr-lido" },
];

/** Showtimes for the 7-day strip starting on `now`'s day in IST. */
export function seedShowtimes(now: number) {
  const days = dateStrip(now, TZ, 7);
  const out: {
    id: string;
    movieId: string;
    screenId: string;
    startsAt: number;
    format: (typeof FORMATS)[number];
    language: string;
    prices: Record<string, number>;
  }[] = [];
  SEED_SCREENS.forEach((screen, screenIndex) => {
    days.forEach((day, dayIndex) => {
      SLOTS.forEach((slot, slotIndex) => {
        const movie = SEED_MOVIES[(screenIndex * 3 + slotIndex + dayIndex) % SEED_MOVIES.length]!;
        const cats = new Set(screen.layout.categories.map((c) => c.code));
        out.push({
          id: `${screen.id.replace("scr-", "st-")}-${day.replaceAll("-", "")}-${slot.replace(":", "")}`,
          movieId: movie.id,
          screenId: screen.id,
          startsAt: zonedTimeToUtc(day, slot, TZ),
          format: screen.id.endsWith("-2") ? "2D" : FORMATS[slotIndex]!,
          language: movie.langs[(slotIndex + dayIndex) % movie.langs.length]!,
          prices: Object.fromEntries(Object.entries(PRICES).filter(([k]) => cats.has(k))),
        });
      });
    });
  });
  return out;
}

function lit(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number") return String(Math.trunc(value));
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return `'${text.replaceAll("'", "''")}'`;
}

function insert(table: string, row: Record<string, unknown>): string {
  const cols = Object.keys(row);
  return `INSERT OR IGNORE INTO ${table} (${cols.join(", ")}) VALUES (${cols.map((c) => lit(row[c])).join(", ")});`;
}

/** Cities whose cinemas sell into booking shard 1 (ADR 031: shards by region). */
const SOUTH = new Set(["city-bengaluru"]);

/** The whole seed as SQL statements; `hashPassword` is injected so the same code runs in Node and workerd. */
export async function seedStatements(now: number, hashPassword: (pw: string) => Promise<string>): Promise<string[]> {
  const stmts: string[] = [];
  for (const c of SEED_CITIES) stmts.push(insert("cities", { id: c.id, slug: c.slug, name: c.name, state: c.state }));
  for (const c of SEED_CINEMAS) {
    stmts.push(insert("cinemas", { id: c.id, slug: c.slug, city_id: c.cityId, name: c.name, address: c.address, time_zone: c.timeZone }));
    // By region (ADR 031): the south sells into booking shard 1, so local journeys cross shards as production's do.
    stmts.push(`UPDATE cinemas SET booking_shard = ${SOUTH.has(c.cityId) ? 1 : 0} WHERE id = ${lit(c.id)};`);
    const d = SEED_CINEMA_DETAILS[c.id];
    // Fills in details on a database seeded before they existed; never overwrites an operator's edit.
    if (d) stmts.push(`UPDATE cinemas SET phone = ${lit(d.phone)}, amenities = ${lit(d.amenities)}, wheelchair_access = ${d.wheelchairAccess ? 1 : 0} WHERE id = ${lit(c.id)} AND phone IS NULL;`);
    const names = SEED_CINEMA_NAMES[c.id];
    if (names) stmts.push(`UPDATE cinemas SET names = ${lit(names)} WHERE id = ${lit(c.id)} AND names = '{}';`);
  }
  for (const s of SEED_SCREENS) {
    stmts.push(insert("screens", { id: s.id, cinema_id: s.cinemaId, name: s.name, layout: s.layout, seat_count: s.seatCount }));
  }
  for (const m of [...SEED_MOVIES, ...SEED_COMING_SOON]) {
    stmts.push(
      insert("movies", {
        id: m.id,
        slug: m.slug,
        title: m.title,
        synopsis: m.synopsis,
        runtime_minutes: m.runtime,
        certificate: m.cert,
        languages: m.langs,
        genres: m.genres,
        release_date: m.release,
        poster_hue: m.hue,
        status: "ACTIVE",
      }),
    );
    const titles = SEED_MOVIE_TITLES[m.slug];
    if (titles) stmts.push(`UPDATE movies SET titles = ${lit(titles)} WHERE id = ${lit(m.id)} AND titles = '{}';`);
    const d = SEED_MOVIE_DETAILS[m.slug];
    if (d) {
      stmts.push(
        `UPDATE movies SET credits = ${lit(d.credits)}, trailer_url = ${lit(d.trailer)}, rating_tenths = ${lit(d.rating)} WHERE id = ${lit(m.id)} AND credits = '[]';`,
      );
    }
  }
  for (const st of seedShowtimes(now)) {
    stmts.push(
      insert("showtimes", {
        id: st.id,
        movie_id: st.movieId,
        screen_id: st.screenId,
        starts_at: st.startsAt,
        format: st.format,
        language: st.language,
        prices: st.prices,
        status: "SCHEDULED",
      }),
    );
  }
  for (const u of DEMO_USERS) {
    stmts.push(
      insert("users", { id: u.id, email: u.email, name: u.name, phone: u.phone, password_hash: await hashPassword(u.password), role: u.role, email_verified_at: now, created_at: now }),
    );
  }
  for (const sc of DEMO_STAFF_CINEMAS) stmts.push(insert("staff_cinemas", { user_id: sc.userId, cinema_id: sc.cinemaId, created_at: now }));
  return stmts;
}

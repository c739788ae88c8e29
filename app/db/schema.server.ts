import { sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { ACCOUNT_TOKEN_PURPOSES, BOOKING_STATUSES, EMAIL_LOG_STATUSES, EMAIL_TYPES, SHOWTIME_OPTION_KINDS, USER_ROLES } from "#app/domain/enums";
import type { Credit } from "#app/domain/credits";
import type { SeatLayout } from "#app/domain/layout";
import { LOCALES, type LocalizedNames } from "#app/i18n/locales";

export type { BookingStatus, EmailType } from "#app/domain/enums";

/** Every timestamp is UTC epoch milliseconds; every amount is integer paise. */
const timestamps = {
  createdAt: integer("created_at").notNull(),
};

export const cities = sqliteTable("cities", {
  id: text("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  state: text("state").notNull(),
});

export const cinemas = sqliteTable(
  "cinemas",
  {
    id: text("id").primaryKey(),
    slug: text("slug").notNull().unique(),
    cityId: text("city_id")
      .notNull()
      .references(() => cities.id),
    name: text("name").notNull(),
    address: text("address").notNull(),
    timeZone: text("time_zone").notNull(),
    phone: text("phone"),
    amenities: text("amenities", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    /** The cinema's name in other languages, where the operator gives one (`name` is English). */
    names: text("names", { mode: "json" }).$type<LocalizedNames>().notNull().default(sql`'{}'`),
    wheelchairAccess: integer("wheelchair_access", { mode: "boolean" }).notNull().default(false),
    /** The booking database its showtimes sell into (app/db/shards.server.ts, ADR 031); 0 is the shared `DB`. */
    bookingShard: integer("booking_shard").notNull().default(0),
  },
  (t) => [index("cinemas_city_idx").on(t.cityId)],
);

export const screens = sqliteTable(
  "screens",
  {
    id: text("id").primaryKey(),
    cinemaId: text("cinema_id")
      .notNull()
      .references(() => cinemas.id),
    name: text("name").notNull(),
    layout: text("layout", { mode: "json" }).$type<SeatLayout>().notNull(),
    seatCount: integer("seat_count").notNull(),
  },
  (t) => [index("screens_cinema_idx").on(t.cinemaId)],
);

export const movies = sqliteTable("movies", {
  id: text("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  title: text("title").notNull(),
  /** The film's title in other languages, where the operator gives one (`title` is English); search finds any. */
  titles: text("titles", { mode: "json" }).$type<LocalizedNames>().notNull().default(sql`'{}'`),
  synopsis: text("synopsis").notNull(),
  runtimeMinutes: integer("runtime_minutes").notNull(),
  certificate: text("certificate", { enum: ["U", "UA", "UA13+", "UA16+", "A"] }).notNull(),
  languages: text("languages", { mode: "json" }).$type<string[]>().notNull(),
  genres: text("genres", { mode: "json" }).$type<string[]>().notNull(),
  releaseDate: text("release_date").notNull(),
  posterHue: integer("poster_hue").notNull(),
  status: text("status", { enum: ["ACTIVE", "ARCHIVED"] }).notNull().default("ACTIVE"),
  /** Cast and crew in billing order; their names are indexed for search (movie_search, by trigger). */
  credits: text("credits", { mode: "json" }).$type<Credit[]>().notNull().default(sql`'[]'`),
  trailerUrl: text("trailer_url"),
  /** Audience rating out of 10, in tenths (82 = 8.2/10); null until there is one. */
  ratingTenths: integer("rating_tenths"),
  /** R2 key of the uploaded poster (content-addressed, so it doubles as the cache version). */
  posterKey: text("poster_key"),
});

/**
 * Full-text index over movies (FTS5, in migrations/0008): title, credited names, genres; rowid is
 * movies.rowid. Written only by triggers on `movies`; read with raw SQL in app/catalogue/search.server.ts.
 */

/** One row, bumped by triggers on every catalogue write: cached catalogue reads are keyed by it. */
export const catalogueVersion = sqliteTable("catalogue_version", {
  id: integer("id").primaryKey(),
  version: integer("version").notNull(),
});

/** Seats sold per showtime, kept exact by triggers on booking_seats (migrations/0012). */
export const showtimeSales = sqliteTable("showtime_sales", {
  showtimeId: text("showtime_id")
    .primaryKey()
    .references(() => showtimes.id),
  seatsSold: integer("seats_sold").notNull().default(0),
});


export const showtimes = sqliteTable(
  "showtimes",
  {
    id: text("id").primaryKey(),
    movieId: text("movie_id")
      .notNull()
      .references(() => movies.id),
    screenId: text("screen_id")
      .notNull()
      .references(() => screens.id),
    startsAt: integer("starts_at").notNull(),
    /** Both chosen from the operator's lists in showtime_options (checked when a showtime is scheduled). */
    format: text("format").notNull(),
    language: text("language").notNull(),
    /** Price in paise for each seat category code of the screen's layout. */
    prices: text("prices", { mode: "json" }).$type<Record<string, number>>().notNull(),
    status: text("status", { enum: ["SCHEDULED", "CANCELLED"] }).notNull().default("SCHEDULED"),
  },
  (t) => [
    index("showtimes_movie_start_idx").on(t.movieId, t.startsAt),
    index("showtimes_screen_start_idx").on(t.screenId, t.startsAt),
  ],
);

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    /** Optional mobile number, stored normalised (app/domain/phone.ts) so the box office can look it up. */
    phone: text("phone"),
    /** PBKDF2-SHA256: "pbkdf2-sha256$iterations$saltB64$hashB64". */
    passwordHash: text("password_hash").notNull(),
    /** cinema_manager and door staff work only at the cinemas listed for them in staff_cinemas. */
    role: text("role", { enum: USER_ROLES }).notNull().default("customer"),
    /** When the owner proved the address by entering a code we mailed it; null = unverified (see isVerified). */
    emailVerifiedAt: integer("email_verified_at"),
    /** The language the fan chose (or signed up in); emails sent later, by the queue or the cron, use it. Null: English. */
    locale: text("locale", { enum: LOCALES }),
    ...timestamps,
  },
  (t) => [index("users_phone_idx").on(t.phone)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at").notNull(),
    ...timestamps,
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * Failed-login counters with growing delays, keyed "ip:<addr>", "acct:<email>|<addr>" or "acct:<email>"
 * (the account from every address, ADR 027; the owner still gets in by a mailed sign-in link).
 * `account` lets a reset or a sign-in link clear them.
 */
export const loginThrottle = sqliteTable(
  "login_throttle",
  {
    key: text("key").primaryKey(),
    account: text("account"),
    failures: integer("failures").notNull(),
    lastFailureAt: integer("last_failure_at").notNull(),
    /** An attempt before this instant is refused without checking the password. */
    nextAttemptAt: integer("next_attempt_at").notNull(),
  },
  (t) => [index("login_throttle_account_idx").on(t.account)],
);

/** Single-use secrets mailed to a user: signup verification codes and password reset tokens (hashed). */
export const accountTokens = sqliteTable(
  "account_tokens",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ACCOUNT_TOKEN_PURPOSES }).notNull(),
    secretHash: text("secret_hash").notNull(),
    attempts: integer("attempts").notNull().default(0),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
    ...timestamps,
  },
  (t) => [index("account_tokens_user_idx").on(t.userId, t.purpose, t.createdAt)],
);


export const bookings = sqliteTable(
  "bookings",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    showtimeId: text("showtime_id")
      .notNull()
      .references(() => showtimes.id),
    holdId: text("hold_id").notNull().unique(),
    /** Short box-office code (app/domain/booking-code.ts); unique, stored upper-case. */
    code: text("code").unique("bookings_code_unique"),
    /** The hold's deadline when the booking was made; past it a PENDING_PAYMENT booking reads as expired. */
    holdExpiresAt: integer("hold_expires_at"),
    status: text("status", { enum: BOOKING_STATUSES }).notNull(),
    seatsAmount: integer("seats_amount").notNull(),
    feeAmount: integer("fee_amount").notNull(),
    feeTaxAmount: integer("fee_tax_amount").notNull(),
    totalAmount: integer("total_amount").notNull(),
    currency: text("currency").notNull().default("INR"),
    razorpayOrderId: text("razorpay_order_id").unique(),
    razorpayPaymentId: text("razorpay_payment_id"),
    failureReason: text("failure_reason"),
    ...timestamps,
    confirmedAt: integer("confirmed_at"),
    cancelledAt: integer("cancelled_at"),
    checkedInAt: integer("checked_in_at"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("bookings_user_idx").on(t.userId, t.createdAt),
    index("bookings_status_idx").on(t.status, t.updatedAt),
  ],
);

export const bookingSeats = sqliteTable(
  "booking_seats",
  {
    bookingId: text("booking_id")
      .notNull()
      .references(() => bookings.id),
    showtimeId: text("showtime_id")
      .notNull()
      .references(() => showtimes.id),
    seatId: text("seat_id").notNull(),
    category: text("category").notNull(),
    pricePaise: integer("price_paise").notNull(),
    status: text("status", { enum: ["PENDING", "CONFIRMED", "RELEASED"] }).notNull(),
    /** When the door admitted this seat: a party may come in part by part. */
    checkedInAt: integer("checked_in_at"),
  },
  (t) => [
    uniqueIndex("booking_seats_booking_seat_uq").on(t.bookingId, t.seatId),
    // The double-sale guard: the database itself refuses a second CONFIRMED row for a seat.
    uniqueIndex("booking_seats_one_confirmed_uq")
      .on(t.showtimeId, t.seatId)
      .where(sql`status = 'CONFIRMED'`),
  ],
);

/** Every Razorpay payment we have seen for a booking (a booking may see more than one attempt). */
export const payments = sqliteTable(
  "payments",
  {
    id: text("id").primaryKey(), // razorpay_payment_id
    bookingId: text("booking_id")
      .notNull()
      .references(() => bookings.id),
    orderId: text("order_id").notNull(),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    status: text("status", { enum: ["created", "authorized", "captured", "failed", "refunded"] }).notNull(),
    method: text("method"),
    errorReason: text("error_reason"),
    ...timestamps,
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("payments_booking_idx").on(t.bookingId)],
);

export const refunds = sqliteTable(
  "refunds",
  {
    /** Our id, also sent as Razorpay's idempotency key, so a retried refund cannot pay out twice. */
    id: text("id").primaryKey(),
    bookingId: text("booking_id")
      .notNull()
      .references(() => bookings.id),
    paymentId: text("payment_id").notNull(),
    amount: integer("amount").notNull(),
    reason: text("reason").notNull(),
    razorpayRefundId: text("razorpay_refund_id").unique(),
    status: text("status", { enum: ["PENDING", "PROCESSED", "FAILED"] }).notNull(),
    ...timestamps,
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("refunds_payment_uq").on(t.paymentId), index("refunds_booking_idx").on(t.bookingId)],
);

/** Webhook de-duplication by X-Razorpay-Event-Id, and a record of what arrived. */
export const webhookEvents = sqliteTable("webhook_events", {
  id: text("id").primaryKey(),
  event: text("event").notNull(),
  payload: text("payload").notNull(),
  receivedAt: integer("received_at").notNull(),
  processedAt: integer("processed_at"),
});



/** One row per (booking, email type): the idempotency record for the queue consumer. */
export const emailLog = sqliteTable(
  "email_log",
  {
    id: text("id").primaryKey(), // `${type}:${bookingId}`, also the Resend idempotency key
    bookingId: text("booking_id")
      .notNull()
      .references(() => bookings.id),
    type: text("type", { enum: EMAIL_TYPES }).notNull(),
    recipient: text("recipient").notNull(),
    /**
     * SENDING: claimed by a consumer (a lease: reclaimable once updated_at is older than the lease);
     * RETRYING: the last attempt failed transiently; SENT/FAILED/SKIPPED are final.
     */
    status: text("status", { enum: EMAIL_LOG_STATUSES }).notNull(),
    providerId: text("provider_id"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    ...timestamps,
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("email_log_booking_idx").on(t.bookingId)],
);

export const emailDeadLetters = sqliteTable("email_dead_letters", {
  id: text("id").primaryKey(), // the queue message id
  body: text("body").notNull(),
  attempts: integer("attempts").notNull(),
  receivedAt: integer("received_at").notNull(),
  resentAt: integer("resent_at"),
  /** Why it is here: "retries exhausted", or why the consumer could not use it (malformed, unknown booking). */
  reason: text("reason"),
});

/**
 * The local mailbox (development only): what the app's Resend-compatible endpoint received instead
 * of sending. Never written in production.
 */
export const devMailbox = sqliteTable(
  "dev_mailbox",
  {
    id: text("id").primaryKey(),
    /** The Idempotency-Key header, so the mailbox deduplicates like Resend does. */
    idempotencyKey: text("idempotency_key").unique(),
    from: text("from").notNull(),
    to: text("to", { mode: "json" }).$type<string[]>().notNull(),
    subject: text("subject").notNull(),
    html: text("html"),
    text: text("text"),
    attachments: text("attachments", { mode: "json" })
      .$type<{ filename: string | null; contentType: string | null; contentId: string | null; content: string }[]>()
      .notNull(),
    ...timestamps,
  },
  (t) => [index("dev_mailbox_created_idx").on(t.createdAt)],
);

/** Operator actions, for accountability. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    actorUserId: text("actor_user_id").notNull(),
    action: text("action").notNull(),
    target: text("target").notNull(),
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>(),
    ...timestamps,
  },
  (t) => [index("audit_log_created_idx").on(t.createdAt), index("audit_log_actor_idx").on(t.actorUserId, t.createdAt)],
);

/** Which cinemas a cinema_manager or door account works at (admins need no rows: they see all). */
export const staffCinemas = sqliteTable(
  "staff_cinemas",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    cinemaId: text("cinema_id")
      .notNull()
      .references(() => cinemas.id),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.userId, t.cinemaId] }), index("staff_cinemas_cinema_idx").on(t.cinemaId)],
);

/** The operator-maintained lists a showtime's language and format are chosen from. */
export const showtimeOptions = sqliteTable(
  "showtime_options",
  {
    kind: text("kind", { enum: SHOWTIME_OPTION_KINDS }).notNull(),
    value: text("value").notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.kind, t.value] })],
);

export type City = typeof cities.$inferSelect;
export type Cinema = typeof cinemas.$inferSelect;
export type Screen = typeof screens.$inferSelect;
export type Movie = typeof movies.$inferSelect;
export type Showtime = typeof showtimes.$inferSelect;
export type User = typeof users.$inferSelect;
export type Booking = typeof bookings.$inferSelect;
export type BookingSeat = typeof bookingSeats.$inferSelect;
export type Payment = typeof payments.$inferSelect;
export type Refund = typeof refunds.$inferSelect;
export type EmailLog = typeof emailLog.$inferSelect;
export type EmailDeadLetter = typeof emailDeadLetters.$inferSelect;
export type DevMailboxEmail = typeof devMailbox.$inferSelect;

/**
 * The local Razorpay sandbox's own state (development and tests only; see docs/decisions/
 * 008-razorpay-sandbox.md). Orders, payments and refunds are stored as Razorpay-shaped JSON so the
 * sandbox answers exactly what the real API would; nothing in the app reads these tables.
 */
export const razorpaySandboxEntities = sqliteTable(
  "razorpay_sandbox_entities",
  {
    id: text("id").primaryKey(),
    kind: text("kind", { enum: ["order", "payment", "refund"] }).notNull(),
    parentId: text("parent_id"),
    /** X-Refund-Idempotency of the request that created a refund. */
    idempotencyKey: text("idempotency_key").unique(),
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("razorpay_sandbox_parent_idx").on(t.parentId)],
);

/** Webhooks the sandbox owes the app, retried until the app answers 2xx. */
export const razorpaySandboxWebhooks = sqliteTable(
  "razorpay_sandbox_webhooks",
  {
    id: text("id").primaryKey(), // X-Razorpay-Event-Id
    body: text("body").notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    deliveredAt: integer("delivered_at"),
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("razorpay_sandbox_webhooks_due_idx").on(t.deliveredAt, t.nextAttemptAt)],
);

/** High-demand on-sales (migration 0004): while ACTIVE, holds on the showtime need a waiting-room admission. */
export const waitingRooms = sqliteTable("waiting_rooms", {
  showtimeId: text("showtime_id")
    .primaryKey()
    .references(() => showtimes.id),
  opensAt: integer("opens_at").notNull(),
  /** Fans admitted per minute; null: derived from seats left and the seat object's capacity. */
  admitPerMinute: integer("admit_per_minute"),
  status: text("status", { enum: ["ACTIVE", "ENDED"] }).notNull().default("ACTIVE"),
  /** Rooms with the same on-sale name share one per-account ticket cap (ADR 027); null: the room is its own on-sale. */
  onSale: text("on_sale"),
  /** Tickets one account may hold + buy across the on-sale's shows while the room is ACTIVE; null: no cap beyond the per-show one. */
  ticketsPerAccount: integer("tickets_per_account"),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export type WaitingRoomRow = typeof waitingRooms.$inferSelect;

/**
 * One row per (account, show) the account may be holding seats on (ADR 027): reserved by one
 * conditional statement before the seat object takes the hold, so parallel holds on different shows
 * cannot all pass the cross-show caps. A row counts while `expires_at` is ahead; the seat object
 * deletes it when the hold is released or turned into a payment claim.
 */
export const heldShows = sqliteTable(
  "held_shows",
  {
    userId: text("user_id").notNull(),
    showtimeId: text("showtime_id").notNull(),
    /** The seat object's hold, once it has answered; null while the reservation is in flight. */
    holdId: text("hold_id"),
    seats: integer("seats").notNull(),
    expiresAt: integer("expires_at").notNull(),
    /** The request that made the row live: only it may take a refused reservation back. */
    reservedBy: text("reserved_by").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.showtimeId] }), index("held_shows_showtime_idx").on(t.showtimeId)],
);

/**
 * Observability events, local store (development and tests only; ADR 029). In production the same
 * records go to Workers Analytics Engine (binding EVENTS) and nothing writes this table, so the hold
 * path never adds D1 load there. Columns mirror the data point: kind, showtime, a reason/outcome,
 * a method/detail, a ref (booking or message id), a value (count or ms).
 */
export const obsEvents = sqliteTable(
  "obs_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at").notNull(),
    kind: text("kind").notNull(),
    showtimeId: text("showtime_id"),
    reason: text("reason"),
    detail: text("detail"),
    ref: text("ref"),
    value: real("value").notNull().default(1),
  },
  (t) => [index("obs_events_kind_at").on(t.kind, t.at), index("obs_events_showtime_at").on(t.showtimeId, t.at)],
);

/**
 * Alert thresholds an admin sets (one row, id = 'default') and the incidents they opened (ADR 029).
 * An incident row is open while resolved_at is null: the cron notifies on open and on resolve only.
 */
export const alertSettings = sqliteTable("alert_settings", {
  id: text("id").primaryKey(),
  paymentFailurePercent: real("payment_failure_percent").notNull().default(20),
  /** The failure rate is judged only once this many payments were attempted in the 5 minutes. */
  paymentMinAttempts: integer("payment_min_attempts").notNull().default(10),
  webhookLagP95Seconds: real("webhook_lag_p95_seconds").notNull().default(60),
  deadLetters: integer("dead_letters", { mode: "boolean" }).notNull().default(true),
  overloads: integer("overloads", { mode: "boolean" }).notNull().default(true),
  admitOverSellRatio: real("admit_over_sell_ratio").notNull().default(3),
  /** Comma-separated on-call addresses. */
  onCallEmails: text("on_call_emails").notNull().default(""),
  webhookUrl: text("webhook_url"),
  updatedAt: integer("updated_at").notNull(),
});

export const alertIncidents = sqliteTable(
  "alert_incidents",
  {
    id: text("id").primaryKey(),
    rule: text("rule").notNull(),
    /** What breached: '' for Marquee-wide rules, a showtime id for per-room ones. */
    subject: text("subject").notNull().default(""),
    openedAt: integer("opened_at").notNull(),
    resolvedAt: integer("resolved_at"),
    /** When it was last seen clear (null while breaching): resolved after a few clear minutes in a row. */
    clearSince: integer("clear_since"),
    detail: text("detail").notNull(),
  },
  (t) => [uniqueIndex("alert_incidents_open").on(t.rule, t.subject).where(sql`resolved_at IS NULL`)],
);

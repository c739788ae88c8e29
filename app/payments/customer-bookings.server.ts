import { desc, eq } from "drizzle-orm";
import { bookings, cinemas, movies, screens, showtimes } from "#app/db/schema.server";
import type { Db } from "#app/utils/db.server";

export async function bookingsOfUser(db: Db, userId: string) {
  return db
    .select({
      id: bookings.id,
      status: bookings.status,
      totalAmount: bookings.totalAmount,
      createdAt: bookings.createdAt,
      startsAt: showtimes.startsAt,
      movieTitle: movies.title,
      cinemaName: cinemas.name,
      timeZone: cinemas.timeZone,
    })
    .from(bookings)
    .innerJoin(showtimes, eq(showtimes.id, bookings.showtimeId))
    .innerJoin(movies, eq(movies.id, showtimes.movieId))
    .innerJoin(screens, eq(screens.id, showtimes.screenId))
    .innerJoin(cinemas, eq(cinemas.id, screens.cinemaId))
    .where(eq(bookings.userId, userId))
    .orderBy(desc(bookings.createdAt))
    .all();
}

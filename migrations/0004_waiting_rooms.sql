-- High-demand on-sales: while a row is ACTIVE, holds on the showtime need an admission from its waiting room.
CREATE TABLE `waiting_rooms` (
	`showtime_id` text PRIMARY KEY NOT NULL REFERENCES `showtimes`(`id`),
	`opens_at` integer NOT NULL,
	`admit_per_minute` integer,
	`status` text DEFAULT 'ACTIVE' NOT NULL CHECK (`status` IN ('ACTIVE', 'ENDED')),
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);

CREATE TABLE `held_shows` (
	`user_id` text NOT NULL,
	`showtime_id` text NOT NULL,
	`hold_id` text,
	`seats` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`reserved_by` text NOT NULL,
	PRIMARY KEY(`user_id`, `showtime_id`)
);
--> statement-breakpoint
CREATE INDEX `held_shows_showtime_idx` ON `held_shows` (`showtime_id`);--> statement-breakpoint
ALTER TABLE `waiting_rooms` ADD `on_sale` text;--> statement-breakpoint
ALTER TABLE `waiting_rooms` ADD `tickets_per_account` integer;
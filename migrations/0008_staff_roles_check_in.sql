-- Staff scoped to cinemas (roles cinema_manager and door), per-seat door admission.
ALTER TABLE `booking_seats` ADD `checked_in_at` integer;--> statement-breakpoint
CREATE TABLE `staff_cinemas` (
	`user_id` text NOT NULL,
	`cinema_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `cinema_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`cinema_id`) REFERENCES `cinemas`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
CREATE INDEX `staff_cinemas_cinema_idx` ON `staff_cinemas` (`cinema_id`);--> statement-breakpoint
CREATE INDEX `audit_log_actor_idx` ON `audit_log` (`actor_user_id`, `created_at`);
--> statement-breakpoint
-- Tickets admitted before seats were stamped one by one: all their seats came in together.
UPDATE `booking_seats` SET `checked_in_at` = (SELECT `checked_in_at` FROM `bookings` WHERE `bookings`.`id` = `booking_seats`.`booking_id`)
WHERE `checked_in_at` IS NULL AND `status` = 'CONFIRMED' AND EXISTS (SELECT 1 FROM `bookings` WHERE `bookings`.`id` = `booking_seats`.`booking_id` AND `bookings`.`checked_in_at` IS NOT NULL);

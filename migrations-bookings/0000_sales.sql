-- A booking shard (ADR 031): the sales tables only, as migrations/ leaves them, without the foreign
-- keys to accounts and the catalogue (those live in the shared database; D1 cannot reach across).
-- Shard 0 is the shared database itself and keeps migrations/. A change to a sales table is made
-- in both folders.
CREATE TABLE `bookings` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`showtime_id` text NOT NULL,
	`hold_id` text NOT NULL,
	`status` text NOT NULL,
	`seats_amount` integer NOT NULL,
	`fee_amount` integer NOT NULL,
	`fee_tax_amount` integer NOT NULL,
	`total_amount` integer NOT NULL,
	`currency` text DEFAULT 'INR' NOT NULL,
	`razorpay_order_id` text,
	`razorpay_payment_id` text,
	`failure_reason` text,
	`created_at` integer NOT NULL,
	`confirmed_at` integer,
	`cancelled_at` integer,
	`checked_in_at` integer,
	`updated_at` integer NOT NULL,
	`hold_expires_at` integer,
	`code` text
);--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_hold_id_unique` ON `bookings` (`hold_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_razorpay_order_id_unique` ON `bookings` (`razorpay_order_id`);--> statement-breakpoint
CREATE INDEX `bookings_user_idx` ON `bookings` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `bookings_status_idx` ON `bookings` (`status`,`updated_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_code_unique` ON `bookings` (`code`);--> statement-breakpoint
CREATE INDEX `bookings_showtime_idx` ON `bookings` (`showtime_id`);--> statement-breakpoint
CREATE TABLE `booking_seats` (
	`booking_id` text NOT NULL,
	`showtime_id` text NOT NULL,
	`seat_id` text NOT NULL,
	`category` text NOT NULL,
	`price_paise` integer NOT NULL,
	`status` text NOT NULL,
	`checked_in_at` integer,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
CREATE UNIQUE INDEX `booking_seats_booking_seat_uq` ON `booking_seats` (`booking_id`,`seat_id`);--> statement-breakpoint
-- The final judge of every sale, inside the one database that holds the showtime's seats.
CREATE UNIQUE INDEX `booking_seats_one_confirmed_uq` ON `booking_seats` (`showtime_id`,`seat_id`) WHERE status = 'CONFIRMED';--> statement-breakpoint
CREATE TABLE `showtime_sales` (
	`showtime_id` text PRIMARY KEY NOT NULL,
	`seats_sold` integer DEFAULT 0 NOT NULL
);--> statement-breakpoint
CREATE TRIGGER `booking_seats_sold_insert` AFTER INSERT ON `booking_seats` WHEN NEW.status = 'CONFIRMED' BEGIN
  INSERT INTO showtime_sales (showtime_id, seats_sold) VALUES (NEW.showtime_id, 1)
    ON CONFLICT (showtime_id) DO UPDATE SET seats_sold = seats_sold + 1;
END;--> statement-breakpoint
CREATE TRIGGER `booking_seats_sold_update` AFTER UPDATE OF status ON `booking_seats`
  WHEN NEW.status = 'CONFIRMED' AND OLD.status <> 'CONFIRMED' BEGIN
  INSERT INTO showtime_sales (showtime_id, seats_sold) VALUES (NEW.showtime_id, 1)
    ON CONFLICT (showtime_id) DO UPDATE SET seats_sold = seats_sold + 1;
END;--> statement-breakpoint
CREATE TRIGGER `booking_seats_released_update` AFTER UPDATE OF status ON `booking_seats`
  WHEN OLD.status = 'CONFIRMED' AND NEW.status <> 'CONFIRMED' BEGIN
  UPDATE showtime_sales SET seats_sold = max(seats_sold - 1, 0) WHERE showtime_id = OLD.showtime_id;
END;--> statement-breakpoint
CREATE TRIGGER `booking_seats_released_delete` AFTER DELETE ON `booking_seats` WHEN OLD.status = 'CONFIRMED' BEGIN
  UPDATE showtime_sales SET seats_sold = max(seats_sold - 1, 0) WHERE showtime_id = OLD.showtime_id;
END;--> statement-breakpoint
CREATE TABLE `payments` (
	`id` text PRIMARY KEY NOT NULL,
	`booking_id` text NOT NULL,
	`order_id` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`status` text NOT NULL,
	`method` text,
	`error_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
CREATE INDEX `payments_booking_idx` ON `payments` (`booking_id`);--> statement-breakpoint
CREATE TABLE `refunds` (
	`id` text PRIMARY KEY NOT NULL,
	`booking_id` text NOT NULL,
	`payment_id` text NOT NULL,
	`amount` integer NOT NULL,
	`reason` text NOT NULL,
	`razorpay_refund_id` text,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
CREATE UNIQUE INDEX `refunds_razorpay_refund_id_unique` ON `refunds` (`razorpay_refund_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `refunds_payment_uq` ON `refunds` (`payment_id`);--> statement-breakpoint
CREATE INDEX `refunds_booking_idx` ON `refunds` (`booking_id`);--> statement-breakpoint
CREATE TABLE `webhook_events` (
	`id` text PRIMARY KEY NOT NULL,
	`event` text NOT NULL,
	`payload` text NOT NULL,
	`received_at` integer NOT NULL,
	`processed_at` integer
);--> statement-breakpoint
CREATE TABLE `email_log` (
	`id` text PRIMARY KEY NOT NULL,
	`booking_id` text NOT NULL,
	`type` text NOT NULL,
	`recipient` text NOT NULL,
	`status` text NOT NULL,
	`provider_id` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
CREATE INDEX `email_log_booking_idx` ON `email_log` (`booking_id`);

-- Issue 16: seats sold per showtime, for the availability on showtime chips without waking every
-- showtime's Durable Object. Triggers on booking_seats keep it exact: a sale or release is a
-- booking_seats status change inside the same D1 batch, so the counter moves in that same commit.
CREATE TABLE `showtime_sales` (
	`showtime_id` text PRIMARY KEY NOT NULL,
	`seats_sold` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`showtime_id`) REFERENCES `showtimes`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
INSERT INTO `showtime_sales` (`showtime_id`, `seats_sold`)
  SELECT showtime_id, count(*) FROM booking_seats WHERE status = 'CONFIRMED' GROUP BY showtime_id;--> statement-breakpoint
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
END;

-- The hold deadline the seat object gave when the booking was made: pages read a PENDING_PAYMENT
-- booking past it as expired at once, without waiting for the reconciliation cron.
ALTER TABLE `bookings` ADD `hold_expires_at` integer;--> statement-breakpoint
UPDATE `bookings` SET `hold_expires_at` = `created_at` + 600000 WHERE `hold_expires_at` IS NULL;--> statement-breakpoint
-- A short code for the box office: 8 characters from an alphabet without 0/O/1/I, stored upper-case.
ALTER TABLE `bookings` ADD `code` text;--> statement-breakpoint
UPDATE `bookings` SET `code` =
  substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', (abs(random()) % 32) + 1, 1) ||
  substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', (abs(random()) % 32) + 1, 1) ||
  substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', (abs(random()) % 32) + 1, 1) ||
  substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', (abs(random()) % 32) + 1, 1) ||
  substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', (abs(random()) % 32) + 1, 1) ||
  substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', (abs(random()) % 32) + 1, 1) ||
  substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', (abs(random()) % 32) + 1, 1) ||
  substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', (abs(random()) % 32) + 1, 1)
WHERE `code` IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_code_unique` ON `bookings` (`code`);

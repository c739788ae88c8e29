-- Accounts people can trust and recover (issue 12).
-- Accounts that existed before verification was introduced are taken as verified: they have been
-- receiving their tickets at that address already.
ALTER TABLE `users` ADD `email_verified_at` integer;--> statement-breakpoint
UPDATE `users` SET `email_verified_at` = `created_at`;--> statement-breakpoint
-- Single-use secrets sent by email: signup verification codes and password reset tokens. Only a
-- hash is stored; the code itself is derived from the row id and the server secret when mailed.
CREATE TABLE `account_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL REFERENCES `users`(`id`) ON DELETE CASCADE,
	`purpose` text NOT NULL,
	`secret_hash` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer NOT NULL
);--> statement-breakpoint
CREATE INDEX `account_tokens_user_idx` ON `account_tokens` (`user_id`, `purpose`, `created_at`);--> statement-breakpoint
-- The old fixed-window counters locked an account for everyone; the new ones are per IP and per
-- account+IP with growing delays. Their contents are transient, so the table is simply replaced.
DROP TABLE `login_throttle`;--> statement-breakpoint
CREATE TABLE `login_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`account` text,
	`failures` integer NOT NULL,
	`last_failure_at` integer NOT NULL,
	`next_attempt_at` integer NOT NULL
);--> statement-breakpoint
CREATE INDEX `login_throttle_account_idx` ON `login_throttle` (`account`);

CREATE TABLE `dev_mailbox` (
	`id` text PRIMARY KEY NOT NULL,
	`idempotency_key` text,
	`from` text NOT NULL,
	`to` text NOT NULL,
	`subject` text NOT NULL,
	`html` text,
	`text` text,
	`attachments` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dev_mailbox_idempotency_key_unique` ON `dev_mailbox` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `dev_mailbox_created_idx` ON `dev_mailbox` (`created_at`);--> statement-breakpoint
ALTER TABLE `email_dead_letters` ADD `reason` text;
CREATE TABLE `razorpay_sandbox_entities` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`parent_id` text,
	`idempotency_key` text,
	`body` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `razorpay_sandbox_entities_idempotency_key_unique` ON `razorpay_sandbox_entities` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `razorpay_sandbox_parent_idx` ON `razorpay_sandbox_entities` (`parent_id`);--> statement-breakpoint
CREATE TABLE `razorpay_sandbox_webhooks` (
	`id` text PRIMARY KEY NOT NULL,
	`body` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`delivered_at` integer,
	`last_error` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `razorpay_sandbox_webhooks_due_idx` ON `razorpay_sandbox_webhooks` (`delivered_at`,`next_attempt_at`);
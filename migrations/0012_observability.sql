CREATE TABLE `alert_incidents` (
	`id` text PRIMARY KEY NOT NULL,
	`rule` text NOT NULL,
	`subject` text DEFAULT '' NOT NULL,
	`opened_at` integer NOT NULL,
	`resolved_at` integer,
	`clear_since` integer,
	`detail` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alert_incidents_open` ON `alert_incidents` (`rule`,`subject`) WHERE resolved_at IS NULL;--> statement-breakpoint
CREATE TABLE `alert_settings` (
	`id` text PRIMARY KEY NOT NULL,
	`payment_failure_percent` real DEFAULT 20 NOT NULL,
	`payment_min_attempts` integer DEFAULT 10 NOT NULL,
	`webhook_lag_p95_seconds` real DEFAULT 60 NOT NULL,
	`dead_letters` integer DEFAULT true NOT NULL,
	`overloads` integer DEFAULT true NOT NULL,
	`admit_over_sell_ratio` real DEFAULT 3 NOT NULL,
	`on_call_emails` text DEFAULT '' NOT NULL,
	`webhook_url` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `obs_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`showtime_id` text,
	`reason` text,
	`detail` text,
	`ref` text,
	`value` real DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `obs_events_kind_at` ON `obs_events` (`kind`,`at`);--> statement-breakpoint
CREATE INDEX `obs_events_showtime_at` ON `obs_events` (`showtime_id`,`at`);
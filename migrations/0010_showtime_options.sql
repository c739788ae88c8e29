-- The languages and formats an operator offers for showtimes (chosen from lists, not free text).
CREATE TABLE `showtime_options` (
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`kind`, `value`)
);--> statement-breakpoint
INSERT OR IGNORE INTO `showtime_options` (`kind`, `value`, `created_at`) VALUES
	('format', '2D', 0), ('format', '3D', 0), ('format', 'IMAX', 0), ('format', '4DX', 0),
	('language', 'English', 0), ('language', 'Hindi', 0), ('language', 'Tamil', 0), ('language', 'Telugu', 0),
	('language', 'Kannada', 0), ('language', 'Malayalam', 0), ('language', 'Marathi', 0), ('language', 'Bengali', 0);--> statement-breakpoint
INSERT OR IGNORE INTO `showtime_options` (`kind`, `value`, `created_at`) SELECT DISTINCT 'language', `language`, 0 FROM `showtimes`;--> statement-breakpoint
INSERT OR IGNORE INTO `showtime_options` (`kind`, `value`, `created_at`) SELECT DISTINCT 'format', `format`, 0 FROM `showtimes`;

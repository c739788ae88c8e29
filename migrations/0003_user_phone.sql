ALTER TABLE `users` ADD `phone` text;--> statement-breakpoint
CREATE INDEX `users_phone_idx` ON `users` (`phone`);
-- Issue 28: the fan's language on the account (emails sent later follow it), and film and cinema
-- names per language ({"hi": "…", "kn": "…"}; English stays in title/name).
ALTER TABLE `users` ADD `locale` text;--> statement-breakpoint
ALTER TABLE `movies` ADD `titles` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `cinemas` ADD `names` text DEFAULT '{}' NOT NULL;

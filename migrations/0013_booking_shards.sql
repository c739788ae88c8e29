-- Issue 30 / ADR 031: each cinema's showtimes sell into one booking database (0 = this one).
ALTER TABLE `cinemas` ADD `booking_shard` integer DEFAULT 0 NOT NULL;

-- Issue 16: richer catalogue (credits, trailer, rating, uploaded poster; cinema phone, amenities,
-- step-free access) and full-text search kept in step with `movies` by triggers, so every write
-- path (console, seed, future imports) updates the index in the same statement.
ALTER TABLE `movies` ADD `credits` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `movies` ADD `trailer_url` text;--> statement-breakpoint
ALTER TABLE `movies` ADD `rating_tenths` integer;--> statement-breakpoint
ALTER TABLE `movies` ADD `poster_key` text;--> statement-breakpoint
ALTER TABLE `cinemas` ADD `phone` text;--> statement-breakpoint
ALTER TABLE `cinemas` ADD `amenities` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `cinemas` ADD `wheelchair_access` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Bumped by every catalogue write (triggers below): cached catalogue reads are keyed by it.
CREATE TABLE `catalogue_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);--> statement-breakpoint
-- A random start, so a recreated database never reuses an old version's cache entries.
INSERT INTO `catalogue_version` (`id`, `version`) VALUES (1, abs(random() % 1000000000));--> statement-breakpoint
CREATE VIRTUAL TABLE `movie_search` USING fts5(title, people, genres, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');--> statement-breakpoint
INSERT INTO `movie_search` (rowid, title, people, genres)
  SELECT rowid, title,
    (SELECT coalesce(group_concat(json_extract(value, '$.name'), ' '), '') FROM json_each(movies.credits)),
    (SELECT coalesce(group_concat(value, ' '), '') FROM json_each(movies.genres))
  FROM movies;--> statement-breakpoint
CREATE TRIGGER `movies_search_insert` AFTER INSERT ON `movies` BEGIN
  INSERT INTO movie_search (rowid, title, people, genres) VALUES (NEW.rowid, NEW.title,
    (SELECT coalesce(group_concat(json_extract(value, '$.name'), ' '), '') FROM json_each(NEW.credits)),
    (SELECT coalesce(group_concat(value, ' '), '') FROM json_each(NEW.genres)));
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;--> statement-breakpoint
CREATE TRIGGER `movies_search_update` AFTER UPDATE ON `movies` BEGIN
  DELETE FROM movie_search WHERE rowid = OLD.rowid;
  INSERT INTO movie_search (rowid, title, people, genres) VALUES (NEW.rowid, NEW.title,
    (SELECT coalesce(group_concat(json_extract(value, '$.name'), ' '), '') FROM json_each(NEW.credits)),
    (SELECT coalesce(group_concat(value, ' '), '') FROM json_each(NEW.genres)));
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;--> statement-breakpoint
CREATE TRIGGER `movies_search_delete` AFTER DELETE ON `movies` BEGIN
  DELETE FROM movie_search WHERE rowid = OLD.rowid;
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;--> statement-breakpoint
CREATE TRIGGER `cinemas_version_insert` AFTER INSERT ON `cinemas` BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;--> statement-breakpoint
CREATE TRIGGER `cinemas_version_update` AFTER UPDATE ON `cinemas` BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;--> statement-breakpoint
CREATE TRIGGER `showtimes_version_insert` AFTER INSERT ON `showtimes` BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;--> statement-breakpoint
CREATE TRIGGER `showtimes_version_update` AFTER UPDATE ON `showtimes` BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;--> statement-breakpoint
CREATE TRIGGER `screens_version_update` AFTER UPDATE ON `screens` BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;--> statement-breakpoint
CREATE TRIGGER `cities_version_insert` AFTER INSERT ON `cities` BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;

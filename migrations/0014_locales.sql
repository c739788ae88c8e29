-- Issue 28: the fan's language on the account (emails sent later follow it), and film and cinema
-- names per language ({"hi": "…", "kn": "…"}; English stays in title/name).
ALTER TABLE `users` ADD `locale` text;--> statement-breakpoint
ALTER TABLE `movies` ADD `titles` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `cinemas` ADD `names` text DEFAULT '{}' NOT NULL;
--> statement-breakpoint
-- Search finds a film by any of its names: the index's title column holds them all.
DROP TRIGGER `movies_search_insert`;--> statement-breakpoint
DROP TRIGGER `movies_search_update`;--> statement-breakpoint
CREATE TRIGGER `movies_search_insert` AFTER INSERT ON `movies` BEGIN
  INSERT INTO movie_search (rowid, title, people, genres) VALUES (NEW.rowid,
    NEW.title || ' ' || (SELECT coalesce(group_concat(value, ' '), '') FROM json_each(NEW.titles)),
    (SELECT coalesce(group_concat(json_extract(value, '$.name'), ' '), '') FROM json_each(NEW.credits)),
    (SELECT coalesce(group_concat(value, ' '), '') FROM json_each(NEW.genres)));
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;--> statement-breakpoint
CREATE TRIGGER `movies_search_update` AFTER UPDATE ON `movies` BEGIN
  DELETE FROM movie_search WHERE rowid = OLD.rowid;
  INSERT INTO movie_search (rowid, title, people, genres) VALUES (NEW.rowid,
    NEW.title || ' ' || (SELECT coalesce(group_concat(value, ' '), '') FROM json_each(NEW.titles)),
    (SELECT coalesce(group_concat(json_extract(value, '$.name'), ' '), '') FROM json_each(NEW.credits)),
    (SELECT coalesce(group_concat(value, ' '), '') FROM json_each(NEW.genres)));
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;

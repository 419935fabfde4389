-- Sessions keep only the SHA-256 hash of their id (the cookie holds the id), so a copy of the database holds
-- no usable session. SQLite cannot hash the ids already stored: every existing session ends (everyone signs in again).
DELETE FROM `sessions`;--> statement-breakpoint
ALTER TABLE `sessions` RENAME COLUMN `id` TO `id_hash`;

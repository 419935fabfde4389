CREATE TABLE `data_changes` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` text NOT NULL,
	`previous` text NOT NULL,
	`work_item_refs` text,
	`service_refs` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `data_changes_version_unique` ON `data_changes` (`version`);
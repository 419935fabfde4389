CREATE TABLE `month_summaries` (
	`team_id` integer NOT NULL,
	`worker_id` integer NOT NULL,
	`month` text NOT NULL,
	`figures` text NOT NULL,
	PRIMARY KEY(`worker_id`, `team_id`, `month`)
);
--> statement-breakpoint
CREATE INDEX `month_summaries_month` ON `month_summaries` (`worker_id`,`month`);--> statement-breakpoint
CREATE TABLE `worker_load_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`worker_id` integer NOT NULL,
	`note` text NOT NULL,
	`written_by_user_id` integer NOT NULL,
	`written_at` text NOT NULL,
	FOREIGN KEY (`worker_id`) REFERENCES `workers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`written_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `worker_load_notes_worker` ON `worker_load_notes` (`worker_id`,`written_at`);
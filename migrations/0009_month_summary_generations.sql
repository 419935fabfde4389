-- Stored month figures are counted again at start-up: the old rows have no generation, so they are dropped.
DROP TABLE `month_summaries`;--> statement-breakpoint
DELETE FROM `app_settings` WHERE `key` = 'month_summaries';--> statement-breakpoint
CREATE TABLE `month_summaries` (
	`generation` integer NOT NULL,
	`team_id` integer NOT NULL,
	`worker_id` integer NOT NULL,
	`month` text NOT NULL,
	`figures` text NOT NULL,
	PRIMARY KEY(`generation`, `worker_id`, `team_id`, `month`)
);
--> statement-breakpoint
CREATE INDEX `month_summaries_month` ON `month_summaries` (`generation`,`worker_id`,`month`);

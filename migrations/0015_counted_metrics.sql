CREATE TABLE `primed_metric_teams` (
	`metric_id` integer NOT NULL,
	`team_id` integer NOT NULL,
	PRIMARY KEY(`metric_id`, `team_id`),
	FOREIGN KEY (`metric_id`) REFERENCES `primed_metrics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `primed_metrics` ADD `kind` text DEFAULT 'entered' NOT NULL;--> statement-breakpoint
ALTER TABLE `primed_metrics` ADD `counted_measure` text;
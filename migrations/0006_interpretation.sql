CREATE TABLE `primed_metric_trajectory` (
	`metric_id` integer NOT NULL,
	`month` text NOT NULL,
	`value` real NOT NULL,
	PRIMARY KEY(`metric_id`, `month`),
	FOREIGN KEY (`metric_id`) REFERENCES `primed_metrics`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `primed_metric_values` (
	`metric_id` integer NOT NULL,
	`month` text NOT NULL,
	`value` real NOT NULL,
	`entered_by_user_id` integer,
	`entered_at` text NOT NULL,
	PRIMARY KEY(`metric_id`, `month`),
	FOREIGN KEY (`metric_id`) REFERENCES `primed_metrics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entered_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `primed_metrics` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`unit` text NOT NULL,
	`measure` text NOT NULL,
	`direction` text NOT NULL,
	`owner_user_id` integer NOT NULL,
	`baseline_from` text NOT NULL,
	`baseline_to` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`owner_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `primed_metrics_name_unique` ON `primed_metrics` (`name`);--> statement-breakpoint
CREATE TABLE `prompt_sheets` (
	`team_id` integer NOT NULL,
	`month` text NOT NULL,
	`answers` text NOT NULL,
	`updated_by_user_id` integer NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`team_id`, `month`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `prompt_templates` (
	`team_type` text PRIMARY KEY NOT NULL,
	`questions` text NOT NULL,
	`updated_by_user_id` integer,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`updated_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `recalculations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series` text NOT NULL,
	`team_id` integer NOT NULL,
	`month` text NOT NULL,
	`reason` text NOT NULL,
	`recorded_by_user_id` integer NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`recorded_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recalculations_series_month` ON `recalculations` (`series`,`team_id`,`month`);--> statement-breakpoint
CREATE TABLE `series_directions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series` text NOT NULL,
	`team_id` integer NOT NULL,
	`direction` text NOT NULL,
	`set_by_user_id` integer,
	`set_at` text NOT NULL,
	FOREIGN KEY (`set_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `series_directions_level` ON `series_directions` (`series`,`team_id`);--> statement-breakpoint
CREATE TABLE `targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series` text NOT NULL,
	`team_id` integer NOT NULL,
	`worker_id` integer NOT NULL,
	`value` real NOT NULL,
	`start_month` text NOT NULL,
	`set_by_user_id` integer,
	`set_at` text NOT NULL,
	FOREIGN KEY (`set_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `targets_level_start` ON `targets` (`series`,`team_id`,`worker_id`,`start_month`);
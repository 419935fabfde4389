CREATE TABLE `outcomes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`value` text NOT NULL,
	`group_name` text NOT NULL,
	`sort_order` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outcomes_value_unique` ON `outcomes` (`value`);--> statement-breakpoint
CREATE TABLE `services` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`la_code` text
);
--> statement-breakpoint
CREATE TABLE `teams` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`service_id` integer NOT NULL,
	`name` text NOT NULL,
	`slug` text NOT NULL,
	`type` text NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_name_unique` ON `teams` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `teams_slug_unique` ON `teams` (`slug`);--> statement-breakpoint
CREATE TABLE `work_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_ref` text NOT NULL,
	`person_ref` text NOT NULL,
	`work_type_id` integer NOT NULL,
	`team_id` integer NOT NULL,
	`worker_id` integer,
	`received_on` text NOT NULL,
	`allocated_on` text,
	`due_on` text NOT NULL,
	`completed_on` text,
	`outcome_id` integer,
	`outcome_raw` text,
	`event_type` text,
	`client_type` text,
	`route_of_access` text,
	`assessment_type` text,
	`review_reason` text,
	`description` text,
	FOREIGN KEY (`work_type_id`) REFERENCES `work_types`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`worker_id`) REFERENCES `workers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`outcome_id`) REFERENCES `outcomes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `work_items_source_ref_unique` ON `work_items` (`source_ref`);--> statement-breakpoint
CREATE INDEX `work_items_team_completed` ON `work_items` (`team_id`,`completed_on`);--> statement-breakpoint
CREATE INDEX `work_items_worker_completed` ON `work_items` (`worker_id`,`completed_on`);--> statement-breakpoint
CREATE INDEX `work_items_team_due` ON `work_items` (`team_id`,`due_on`);--> statement-breakpoint
CREATE INDEX `work_items_open_team` ON `work_items` (`team_id`,`received_on`) WHERE completed_on is null;--> statement-breakpoint
CREATE TABLE `work_types` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`category` text NOT NULL,
	`timescale` integer NOT NULL,
	`timescale_unit` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `work_types_code_unique` ON `work_types` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `work_types_name_unique` ON `work_types` (`name`);--> statement-breakpoint
CREATE TABLE `workers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` integer,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workers_team_name` ON `workers` (`team_id`,`name`);
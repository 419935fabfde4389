CREATE TABLE `care_services` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_ref` text NOT NULL,
	`person_ref` text NOT NULL,
	`team_id` integer NOT NULL,
	`worker_id` integer,
	`service_type` text NOT NULL,
	`service_type_raw` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text,
	`unit_cost` real,
	`cost_frequency` text,
	`planned_units` real,
	`weekly_cost` real NOT NULL,
	`age_at_start` integer,
	`service_component` text,
	`delivery_mechanism` text,
	`provider_location` text,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`worker_id`) REFERENCES `workers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `care_services_source_ref_unique` ON `care_services` (`source_ref`);--> statement-breakpoint
CREATE INDEX `care_services_team` ON `care_services` (`team_id`,`starts_on`);--> statement-breakpoint
CREATE INDEX `care_services_worker` ON `care_services` (`worker_id`,`starts_on`);--> statement-breakpoint
CREATE INDEX `care_services_person` ON `care_services` (`person_ref`,`starts_on`);
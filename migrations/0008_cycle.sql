CREATE TABLE `action_follow_ups` (
	`meeting_id` integer NOT NULL,
	`action_id` integer NOT NULL,
	`outcome` text NOT NULL,
	`new_deadline` text,
	`reason` text DEFAULT '' NOT NULL,
	`recorded_by_user_id` integer NOT NULL,
	`recorded_at` text NOT NULL,
	PRIMARY KEY(`meeting_id`, `action_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`action_id`) REFERENCES `actions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` integer NOT NULL,
	`title` text NOT NULL,
	`detail` text DEFAULT '' NOT NULL,
	`owner_user_id` integer NOT NULL,
	`deadline` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`month` text NOT NULL,
	`meeting_id` integer,
	`objective_id` integer,
	`series` text,
	`primed_metric_id` integer,
	`completed_on` text,
	`escalated_at` text,
	`escalated_by_user_id` integer,
	`escalation_reason` text,
	`created_by_user_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`objective_id`) REFERENCES `objectives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`primed_metric_id`) REFERENCES `primed_metrics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`escalated_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `actions_team` ON `actions` (`team_id`,`status`,`deadline`);--> statement-breakpoint
CREATE INDEX `actions_owner` ON `actions` (`owner_user_id`,`status`,`deadline`);--> statement-breakpoint
CREATE INDEX `actions_metric` ON `actions` (`primed_metric_id`);--> statement-breakpoint
CREATE INDEX `actions_meeting` ON `actions` (`meeting_id`);--> statement-breakpoint
CREATE TABLE `calendar_feeds` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_feeds_token_hash_unique` ON `calendar_feeds` (`token_hash`);--> statement-breakpoint
CREATE TABLE `ground_rules` (
	`team_id` integer NOT NULL,
	`version` integer NOT NULL,
	`rules` text NOT NULL,
	`written_by_user_id` integer NOT NULL,
	`written_at` text NOT NULL,
	PRIMARY KEY(`team_id`, `version`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`written_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `meeting_templates` (
	`team_type` text PRIMARY KEY NOT NULL,
	`purpose` text NOT NULL,
	`chair` text NOT NULL,
	`decisions` text NOT NULL,
	`escalates` text NOT NULL,
	`standing_items` text NOT NULL,
	`updated_by_user_id` integer,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`updated_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` integer NOT NULL,
	`month` text NOT NULL,
	`held_on` text NOT NULL,
	`chair` text DEFAULT '' NOT NULL,
	`attendees` text DEFAULT '[]' NOT NULL,
	`guests` text DEFAULT '[]' NOT NULL,
	`agenda` text NOT NULL,
	`key_messages` text DEFAULT '' NOT NULL,
	`decisions` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`created_by_user_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `meetings_team_month` ON `meetings` (`team_id`,`month`);--> statement-breakpoint
CREATE TABLE `objectives` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` integer,
	`worker_id` integer,
	`statement` text NOT NULL,
	`owner_user_id` integer NOT NULL,
	`series` text,
	`primed_metric_id` integer,
	`period_from` text NOT NULL,
	`period_to` text NOT NULL,
	`created_by_user_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`retired_at` text,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`worker_id`) REFERENCES `workers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`primed_metric_id`) REFERENCES `primed_metrics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `objectives_team` ON `objectives` (`team_id`);--> statement-breakpoint
CREATE INDEX `objectives_worker` ON `objectives` (`worker_id`);--> statement-breakpoint
CREATE TABLE `team_cycles` (
	`team_id` integer NOT NULL,
	`month` text NOT NULL,
	`purpose_confirmed_at` text,
	`purpose_confirmed_by_user_id` integer,
	`purpose_note` text DEFAULT '' NOT NULL,
	`pack_issued_at` text,
	`pack_issued_by_user_id` integer,
	`pack_snapshot` text,
	PRIMARY KEY(`team_id`, `month`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`purpose_confirmed_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pack_issued_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity_id` ON `audit_log` (`entity`,`entity_id`,`at`);
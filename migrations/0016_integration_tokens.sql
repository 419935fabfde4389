CREATE TABLE `integration_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`expires_on` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by_user_id` integer NOT NULL,
	`revoked_at` text,
	`revoked_by_user_id` integer,
	`last_used_at` text,
	`refused_uses` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revoked_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `integration_tokens_token_hash_unique` ON `integration_tokens` (`token_hash`);
ALTER TABLE `import_runs` ADD `services_added` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `import_runs` ADD `services_updated` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `import_runs` ADD `services_unchanged` integer DEFAULT 0 NOT NULL;
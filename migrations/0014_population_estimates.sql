CREATE TABLE `population_estimates` (
	`year` integer PRIMARY KEY NOT NULL,
	`adults_18_to_64` integer NOT NULL,
	`adults_65_and_over` integer NOT NULL,
	`source` text NOT NULL,
	`updated_at` text NOT NULL
);

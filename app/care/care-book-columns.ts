/*
 * The columns the care book reads of each table (care-book.server.ts): a work
 * item is in the book when it is a completed review (its type and completed
 * date), with its person, team, worker and dates; a service with every column
 * here. A load that changes none of a row's leaves the book as it was, so it
 * does not list the row for the book to read back (data-changes.server.ts):
 * the morning rush's reload changed 6,691 work items' due dates and
 * descriptions, which each serving process read back after every load.
 */
export const CARE_BOOK_COLUMNS = {
  work_items: ["person_ref", "team_id", "worker_id", "received_on", "completed_on", "work_type_id"],
  care_services: ["person_ref", "team_id", "worker_id", "service_type", "starts_on", "ends_on", "unit_cost", "cost_frequency", "weekly_cost", "age_at_start"],
} as const;

/*
 * The form kit every page uses: a post read into an object, blank boxes read as
 * unanswered, and zod's issues turned into one message a field. Each feature
 * keeps its own schemas beside its rules; how a field looks is in
 * components/ui/form-errors.tsx, and dates in ./date-field.ts.
 * Why our own small kit and not Conform: docs/decisions/2026-12-03-form-kit.md.
 */
import { z } from "zod";

/** An empty box counts as not answered, so it gets the "enter" message rather than being read as 0. */
export const blankAsMissing = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** Messages keyed by field name; "form" holds one about the whole form, such as a refused self-deactivation. */
export type FieldErrors = Record<string, string>;

/** Where a form shows one zod issue: the field's id and, when the schema's words are not the page's, the message. */
export type IssuePlace = (issue: z.core.$ZodIssue) => { field: string; message?: string } | undefined;

/**
 * The one way to turn zod's issues into messages: the first message for each
 * field, keyed by the field's name (or "form"). `placeOf` is for forms whose
 * fields are not named by the path's first part (a meeting's note `note.2` is
 * `note-2`), or whose forged values get a message about the whole form.
 */
export function fieldErrorsOf(error: z.ZodError | readonly z.core.$ZodIssue[], placeOf?: IssuePlace): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of "issues" in error ? error.issues : error) {
    const place = placeOf?.(issue);
    errors[place?.field ?? String(issue.path[0] ?? "form")] ??= place?.message ?? issue.message;
  }
  return errors;
}

/** A form post as an object: repeated fields (checkboxes) become arrays. */
export function formObject(form: FormData, arrays: string[] = []): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    values[key] = arrays.includes(key) ? form.getAll(key).map(String) : String(form.get(key));
  }
  for (const key of arrays) values[key] ??= [];
  return values;
}

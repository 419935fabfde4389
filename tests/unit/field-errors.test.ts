/* The one function that turns zod's issues into a form's messages (fieldErrorsOf). */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrorsOf } from "~/forms/form-kit";

const form = z.object({ title: z.string().min(1, "Enter a title"), note: z.array(z.string().max(2, "Too long")) });
const issuesOf = (value: unknown) => form.safeParse(value).error!;

describe("field errors from zod", () => {
  it("keys the first message of each field by its name, the rest by 'form'", () => {
    expect(fieldErrorsOf(issuesOf({ title: "", note: ["abc", "def"] }))).toEqual({ title: "Enter a title", note: "Too long" });
    expect(fieldErrorsOf(z.string().safeParse(1).error!)).toEqual({ form: expect.any(String) });
  });

  it("lets a form name its own fields and words, from an error or its issues", () => {
    const place = (issue: z.core.$ZodIssue) => (issue.path[0] === "note" ? { field: `note-${String(issue.path[1])}` } : undefined);
    expect(fieldErrorsOf(issuesOf({ title: "", note: ["a", "def"] }), place)).toEqual({ title: "Enter a title", "note-1": "Too long" });
    expect(fieldErrorsOf(issuesOf({ title: "", note: [] }).issues, () => ({ field: "form", message: "Open the page again" }))).toEqual({ form: "Open the page again" });
  });
});

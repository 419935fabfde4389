import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { teamTypes } from "../../db/schema";
import { savedMessage } from "~/admin/choices.server";
import { formObject } from "~/forms/form-kit";
import { requireAdmin } from "~/admin/guard.server";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { ErrorSummary, Field, SavedBanner } from "~/components/ui/form-errors";
import { formatDate, todayInLondon } from "~/dates";
import { getDb } from "~/db.server";
import { listTemplates, saveTemplate } from "~/interpretation/prompt-sheets.server";
import { questionsFromText, TEMPLATE_QUESTION_MAX_LENGTH, TEMPLATE_QUESTIONS_MAX } from "~/interpretation/prompt-templates";

export const meta: MetaFunction = () => [{ title: "Prompt sheet questions – Primed" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request, "manage", "prompt-templates");
  const templates = listTemplates(getDb()).map((t) => ({
    teamType: t.teamType,
    label: t.label,
    text: t.questions.join("\n"),
    count: t.questions.length,
    changed: t.isDefault ? null : `Last changed by ${t.updatedBy ?? "someone no longer recorded"} on ${formatDate(todayInLondon(new Date(t.updatedAt!)))}.`,
  }));
  return { templates, saved: savedMessage(new URL(request.url)) };
}

const templateForm = z.object({
  teamType: z.enum(teamTypes, { message: "Choose a team type from the list" }),
  questions: z.string({ message: "Enter the questions, one per line" }).max(20_000, "The questions are too long: keep to 15 questions of up to 300 characters each"),
});

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireAdmin(request, "manage", "prompt-templates");
  const values = formObject(await request.formData());
  const parsed = templateForm.safeParse(values);
  const teamType = typeof values.teamType === "string" ? values.teamType : "";
  const text = typeof values.questions === "string" ? values.questions : "";
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return data({ teamType, text, errors: { [issue.path[0] === "teamType" ? "form" : questionsId(teamType)]: issue.message } }, { status: 400 });
  }
  const result = saveTemplate(getDb(), user, parsed.data.teamType, questionsFromText(parsed.data.questions));
  if (!result.ok) return data({ teamType, text, errors: { [questionsId(teamType)]: result.error } }, { status: 400 });
  return redirect(`/admin/prompts?saved=updated#template-${parsed.data.teamType}`);
}

/** Each team type has its own form, so a field's id carries the team type. */
const questionsId = (teamType: string) => `questions-${teamType}`;

export default function PromptTemplates() {
  const { templates, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <Breadcrumbs trail={[{ label: "Administration", to: "/admin" }, { label: "Prompt sheet questions" }]} />
      <SavedBanner message={saved} />
      <ErrorSummary errors={result?.errors} />
      <h1 className="govuk-heading-xl">Prompt sheet questions</h1>
      <p className="govuk-body">
        Each month a team manager works through a prompt sheet before the team meeting. It starts with the questions the figures raise (the signals found in that month), then asks
        the questions set here for the team's type.
      </p>
      <p className="govuk-body">
        Write one question per line, up to {TEMPLATE_QUESTIONS_MAX}, each up to {TEMPLATE_QUESTION_MAX_LENGTH} characters. A change applies to sheets not yet saved: a saved sheet
        keeps the questions it was answered against.
      </p>
      {templates.map((t) => {
        const id = questionsId(t.teamType);
        const failed = result && result.teamType === t.teamType ? result : undefined;
        return (
          <Form method="post" noValidate key={t.teamType} aria-labelledby={`template-${t.teamType}`} className="app-report-section">
            <input type="hidden" name="teamType" value={t.teamType} />
            <h2 className="govuk-heading-m" id={`template-${t.teamType}`}>
              {t.label}
            </h2>
            <p className="govuk-body app-secondary-text">{t.changed ?? "Primed's own questions: not changed yet."}</p>
            <Field id={id} label={`Questions for ${t.label}`} hint="One question per line." error={failed?.errors[id]}>
              {(describedBy, invalid) => (
                <textarea
                  // A new box once saved, so it shows the questions as stored (trimmed, blank lines gone).
                  key={t.text}
                  className={`govuk-textarea${invalid ? " govuk-textarea--error" : ""}`}
                  id={id}
                  name="questions"
                  rows={Math.max(t.count + 1, 5)}
                  defaultValue={failed ? failed.text : t.text}
                  aria-describedby={describedBy}
                />
              )}
            </Field>
            <button type="submit" className="govuk-button govuk-button--secondary">
              Save<span className="govuk-visually-hidden"> the questions for {t.label}</span>
            </button>
          </Form>
        );
      })}
    </>
  );
}

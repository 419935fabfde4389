import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { SignedInUser } from "~/people/users.server";
import { data, MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { ErrorSummary, SavedBanner } from "~/components/ui/form-errors";
import { getDb } from "~/db.server";
import { unreadableUploadMessage } from "~/http/unreadable-forms.server";
import { monthOf } from "~/dates";
import { mayManageMetrics } from "~/primed-metrics/access";
import { CSV_COLUMNS, MAX_CSV_ROWS, type CsvProblem } from "~/primed-metrics/csv-format";
import { requireMetricsUser } from "~/primed-metrics/guard.server";
import { listMetrics, loadValuesCsv, type CsvLoadSummary } from "~/primed-metrics/metrics.server";
import { CsvFileField, ExampleCsv } from "~/components/ui/csv-upload";
import { ScrollTable } from "~/components/ui/scroll-table";
import { clockToday } from "~/platform/clock.server";
import { ColumnHeads } from "~/components/ui/column-heads";

export const meta: MetaFunction = () => [{ title: "Load Primed Metrics values – Primed" }];

const MAX_UPLOAD_BYTES = 1024 * 1024;

/** Managers load any metric's values; an owner only their own, so the page is theirs too. */
async function requireUploader(request: Request) {
  const { user } = await requireMetricsUser(request);
  if (!mayManageMetrics(user) && !listMetrics(getDb()).some((m) => m.ownerUserId === user.id)) {
    throw data("Only a metric's owner, a head of service or an administrator may load Primed Metrics values.", { status: 403 });
  }
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUploader(request);
  return null;
}

type Outcome =
  | { errors: Record<string, string>; problems?: CsvProblem[]; fileName?: string; summary?: undefined }
  | { summary: CsvLoadSummary; fileName: string; errors?: undefined; problems?: undefined };

function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Excel's plain "CSV" is Windows-1252.
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user: SignedInUser = await requireUploader(request);
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }));
  } catch (error) {
    const message =
      error instanceof MaxPartSizeExceededError
        ? "The file is larger than 1 MB: a file of monthly values is much smaller. Check it is the right file."
        : unreadableUploadMessage(error);
    return data<Outcome>({ errors: { file: message } }, { status: 400 });
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.name === "") return data<Outcome>({ errors: { file: "Choose a CSV file to load" } }, { status: 400 });
  const fileName = file.name.replace(/\\/g, "/").split("/").pop()!.slice(0, 200);
  if (!/\.(csv|txt)$/i.test(fileName)) {
    return data<Outcome>({ errors: { file: `"${fileName}" is not a CSV file: choose a file whose name ends .csv` }, fileName }, { status: 400 });
  }
  if (file.size === 0) return data<Outcome>({ errors: { file: `"${fileName}" is empty` }, fileName }, { status: 400 });
  const text = decode(new Uint8Array(await file.arrayBuffer()));
  const result = loadValuesCsv(getDb(), user, fileName, text, monthOf(clockToday()));
  if (!result.ok) {
    const rows = result.problems.length;
    return data<Outcome>(
      {
        errors: { file: `${rows === 1 ? "1 row has" : `${rows} rows have`} problems, so nothing was loaded: correct ${rows === 1 ? "it" : "them"} and load the file again` },
        problems: result.problems,
        fileName,
      },
      { status: 400 },
    );
  }
  return data<Outcome>({ summary: result.summary, fileName });
}

export default function UploadValues() {
  const outcome = useActionData<typeof action>();
  const summary = outcome?.summary;
  return (
    <>
      <Breadcrumbs trail={[{ label: "Primed Metrics", to: "/metrics" }, { label: "Load values from a CSV file" }]} />
      <SavedBanner
        message={
          summary
            ? `Loaded ${outcome.fileName}: ${summary.rows} ${summary.rows === 1 ? "value" : "values"} (${summary.added} added, ${summary.changed} changed, ${summary.unchanged} the same as before) for ${summary.metrics.join(", ")}.`
            : null
        }
      />
      <ErrorSummary errors={outcome?.errors} />
      <h1 className="govuk-heading-xl">Load values from a CSV file</h1>
      <div className="govuk-!-width-two-thirds">
        <p className="govuk-body">
          A CSV file whose first row names the columns <code>{CSV_COLUMNS.join(",")}</code>, then one row for each metric and month:
        </p>
        <ExampleCsv
          columns={CSV_COLUMNS}
          rows={[
            ["Staff pulse survey score", "2026-10", "6.9"],
            ["Reablement: still at home after 91 days", "2026-10", "83.5"],
          ]}
        />
        <ul className="govuk-list govuk-list--bullet">
          <li>the metric by its name, as the list of Primed Metrics shows it</li>
          <li>the month as YYYY-MM, up to this month</li>
          <li>the value as a number</li>
        </ul>
        <p className="govuk-body">
          A month already entered takes the new value, and the audit trail keeps the old. If any row has a problem nothing is loaded, and every row with a problem is listed, so the
          file can be corrected and loaded again. Up to {MAX_CSV_ROWS.toLocaleString("en-GB")} rows.
        </p>
        <Form method="post" encType="multipart/form-data" noValidate>
          <CsvFileField error={outcome?.errors?.file} />
          <button type="submit" className="govuk-button">
            Load the values
          </button>
        </Form>
      </div>
      {outcome?.problems && outcome.problems.length > 0 && (
        <ScrollTable id="problems-table" labelledBy="problems-caption">
          <caption className="govuk-table__caption govuk-table__caption--m" id="problems-caption">
            The rows with problems in {outcome.fileName}
          </caption>
          <ColumnHeads columns={[{ label: "Row", numeric: true }, "What is wrong"]} />
          <tbody className="govuk-table__body">
            {outcome.problems.map((p) => (
              <tr className="govuk-table__row" key={p.row} data-row={p.row}>
                <th scope="row" className="govuk-table__header app-numeric">
                  {p.row}
                </th>
                <td className="govuk-table__cell">
                  {p.reasons.length === 1 ? (
                    p.reasons[0]!.replace(/^./, (c) => c.toUpperCase())
                  ) : (
                    <ul className="govuk-list govuk-list--bullet govuk-!-margin-bottom-0">
                      {p.reasons.map((r) => (
                        <li key={r}>{r.replace(/^./, (c) => c.toUpperCase())}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to="/metrics">
          Back to Primed Metrics
        </Link>
      </p>
    </>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { decodeCsvBytes, MAX_USER_ROWS, MAX_USERS_FILE_BYTES, USER_COLUMNS, type UserCsvProblem } from "~/admin/bulk-users-format";
import { loadUsersCsv, type UsersLoadSummary } from "~/admin/bulk-users.server";
import { requireAdmin } from "~/admin/guard.server";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { ColumnHeads } from "~/components/ui/column-heads";
import { ErrorSummary, SavedBanner } from "~/components/ui/form-errors";
import { CsvFileField, ExampleCsv } from "~/components/ui/csv-upload";
import { ScrollTable } from "~/components/ui/scroll-table";
import { getDb } from "~/db.server";
import { unreadableUploadMessage } from "~/http/unreadable-forms.server";
import { roleLabels } from "~/people/permissions";

export const meta: MetaFunction = () => [{ title: "Add users from a CSV file – Primed" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request, "manage", "users");
  return null;
}

type Outcome =
  | { errors: Record<string, string>; problems?: UserCsvProblem[]; notes?: string[]; fileName?: string; summary?: undefined }
  | { summary: UsersLoadSummary; notes: string[]; fileName: string; errors?: undefined; problems?: undefined };

const MAX_MB = MAX_USERS_FILE_BYTES / (1024 * 1024);

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireAdmin(request, "manage", "users");
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_USERS_FILE_BYTES }));
  } catch (error) {
    const message =
      error instanceof MaxPartSizeExceededError
        ? `The file is larger than ${MAX_MB} MB: a file of people is much smaller. Check it is the right file, or load it in parts.`
        : unreadableUploadMessage(error);
    return data<Outcome>({ errors: { file: message } }, { status: 400 });
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.name === "") return data<Outcome>({ errors: { file: "Choose a CSV file of people to load" } }, { status: 400 });
  const fileName = file.name.replace(/\\/g, "/").split("/").pop()!.slice(0, 200);
  if (!/\.(csv|txt)$/i.test(fileName)) {
    return data<Outcome>({ errors: { file: `"${fileName}" is not a CSV file: choose a file whose name ends .csv` }, fileName }, { status: 400 });
  }
  if (file.size === 0) return data<Outcome>({ errors: { file: `"${fileName}" is empty` }, fileName }, { status: 400 });
  const dryRun = form.get("dryRun") === "on";
  const text = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
  const result = loadUsersCsv(getDb(), actor, fileName, text, { dryRun });
  if (!result.ok) {
    const rows = new Set(result.problems.map((p) => p.row)).size;
    return data<Outcome>(
      {
        errors: {
          file: `${rows === 1 ? "1 row has" : `${rows} rows have`} problems${dryRun ? "" : ", so nothing was stored"}: correct ${rows === 1 ? "it" : "them"} and ${dryRun ? "check" : "load"} the file again`,
        },
        problems: result.problems,
        notes: result.notes,
        fileName,
      },
      { status: 400 },
    );
  }
  return data<Outcome>({ summary: result.summary, notes: result.notes, fileName });
}

const people = (n: number) => `${n} ${n === 1 ? "person" : "people"}`;

function summaryMessage(fileName: string, s: UsersLoadSummary): string {
  if (s.dryRun) {
    return `Checked ${fileName}, and stored nothing: ${people(s.added)} would be added, ${s.updated} updated and ${s.unchanged} left as they are. Load it without "Check only" to store it.`;
  }
  return `Loaded ${fileName}: ${people(s.added)} added, ${s.updated} updated and ${s.unchanged} left as they are.`;
}

const example = [
  ["Sam Patel", "sam.patel@council.gov.uk", "Practitioner", "North Locality", "Sam Patel"],
  ["Jo Brown", "jo.brown@council.gov.uk", "Team manager", "North Locality; Hospital Discharge", ""],
  ["Alex Khan", "alex.khan@council.gov.uk", "Head of service", "", ""],
];

export default function UploadUsers() {
  const outcome = useActionData<typeof action>();
  const summary = outcome?.summary;
  const uploading = useNavigation().state === "submitting";
  return (
    <>
      <Breadcrumbs trail={[{ label: "Administration", to: "/admin" }, { label: "Users", to: "/admin/users" }, { label: "Add users from a CSV file" }]} />
      <SavedBanner message={summary && outcome.fileName ? summaryMessage(outcome.fileName, summary) : null} />
      <ErrorSummary errors={outcome?.errors} />
      <h1 className="govuk-heading-xl">Add users from a CSV file</h1>
      <div className="govuk-!-width-two-thirds">
        <p className="govuk-body">A CSV file whose first row names the columns, then one row a person:</p>
        <ExampleCsv columns={USER_COLUMNS} rows={example} />
        <ul className="govuk-list govuk-list--bullet">
          <li>Name and Email: as the Add a user form takes them; the email address is what they sign in with</li>
          <li>Role: one of {Object.values(roleLabels).join(", ")}</li>
          <li>
            Teams (or Team): a team manager's teams, separated by &quot;;&quot;; for anyone else, the team their worker record is in, or blank. Teams by their name or their short
            name in the address
          </li>
          <li>Worker: their worker record, by name, in the (first) team; a practitioner must have one, anyone else may leave it blank</li>
        </ul>
        <p className="govuk-body">
          The columns may come in any order, in any case; other columns are left out. A person whose email address is already a user&apos;s changes that user&apos;s name, role,
          teams and worker, as their page would. If any row has a problem nothing is stored, and every problem is listed, so the file can be corrected and loaded again. Up to{" "}
          {MAX_USER_ROWS.toLocaleString("en-GB")} people and {MAX_MB} MB.
        </p>
        <div className="govuk-inset-text">
          People added from a file have no password: they sign in with the council&apos;s account, or an administrator sets their password on their page.
        </div>
        <Form method="post" encType="multipart/form-data" noValidate>
          <CsvFileField hint="Saved as CSV by Excel or another spreadsheet (UTF-8 or Excel's plain CSV)." accept=".csv,.txt,text/csv" error={outcome?.errors?.file} />
          <div className="govuk-form-group">
            <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
              <div className="govuk-checkboxes__item">
                <input className="govuk-checkboxes__input" id="dryRun" name="dryRun" type="checkbox" />
                <label className="govuk-label govuk-checkboxes__label" htmlFor="dryRun">
                  Check only (dry run): show what would change, and store nothing
                </label>
              </div>
            </div>
          </div>
          <button type="submit" className="govuk-button" disabled={uploading} aria-disabled={uploading}>
            {uploading ? "Loading the file…" : "Load the file"}
          </button>
        </Form>
      </div>
      {outcome?.notes && outcome.notes.length > 0 && (
        <div className="govuk-inset-text" id="notes">
          {outcome.notes.map((note) => (
            <p className="govuk-body" key={note}>
              {note}
            </p>
          ))}
        </div>
      )}
      {outcome?.problems && outcome.problems.length > 0 && (
        <ScrollTable id="problems-table" labelledBy="problems-caption">
          <caption className="govuk-table__caption govuk-table__caption--m" id="problems-caption">
            The problems in {outcome.fileName}
          </caption>
          <ColumnHeads columns={[{ label: "Row", numeric: true }, "Column", "Value", "What is wrong"]} />
          <tbody className="govuk-table__body">
            {outcome.problems.map((p, i) => (
              <tr className="govuk-table__row" key={i} data-row={p.row}>
                <th scope="row" className="govuk-table__header app-numeric">
                  {p.row}
                </th>
                <td className="govuk-table__cell">{p.column || "The file"}</td>
                <td className="govuk-table__cell">{p.value === "" ? "(blank)" : p.value.length > 200 ? `${p.value.slice(0, 200)}…` : p.value}</td>
                <td className="govuk-table__cell">{p.message}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to="/admin/users">
          Back to users
        </Link>
      </p>
    </>
  );
}

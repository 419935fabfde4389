import path from "node:path";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  data,
  MaxPartSizeExceededError,
  NodeOnDiskFile,
  redirect,
  unstable_composeUploadHandlers,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { uploadChoicesForm } from "~/admin/forms";
import { formObject } from "~/forms/form-kit";
import { requireAdmin } from "~/admin/guard.server";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { ErrorSummary } from "~/components/ui/form-errors";
import { getDb } from "~/db.server";
import { DISK_FULL, isDiskFull } from "~/http/disk-full.server";
import { unreadableUploadMessage } from "~/http/unreadable-forms.server";
import { uploadToDisk } from "~/http/upload-to-disk.server";
import { getEnv } from "~/platform/env-cache.server";
import { discardUploadFolder, LoadAlreadyRunning, newUploadFolder, runningJob, startUploadJob } from "~/import/upload-jobs.server";

export const meta: MetaFunction = () => [{ title: "Load an extract – Primed" }];

/** About 2.5 million rows of a typical extract: more than five years of a large council's work. */
const MAX_UPLOAD_MB = 500;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request, "manage", "imports");
  const running = runningJob(getEnv().DATABASE_PATH);
  return { running: running ? { id: running.id, fileName: running.fileName, startedBy: running.startedBy } : null };
}

type Errors = Record<string, string>;

function problemWithFile(name: string, size: number): string | null {
  if (!/\.(csv|txt)$/i.test(name)) return `"${name}" is not a CSV file: choose a file whose name ends .csv, as care systems and Excel save them`;
  if (size === 0) return `"${name}" is empty`;
  return null;
}
const refuse = (errors: Errors) => data({ errors }, { status: 400 });

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireAdmin(request, "manage", "imports");
  const databasePath = getEnv().DATABASE_PATH;
  const folder = newUploadFolder(databasePath);
  // The file is saved under a name of Primed's choosing; people know it by the name it had on their computer.
  let originalName = "";
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_composeUploadHandlers(
        uploadToDisk({
          field: "extract",
          file: folder.file,
          maxPartSize: MAX_UPLOAD_MB * 1024 * 1024,
          onFileName: (filename) => {
            originalName = path.basename(filename.replace(/\\/g, "/")).slice(0, 200);
          },
        }),
        unstable_createMemoryUploadHandler({ maxPartSize: 1024 }),
      ),
    );
  } catch (error) {
    discardUploadFolder(folder.dir);
    if (isDiskFull(error)) return data({ errors: { extract: DISK_FULL } as Errors }, { status: 507 });
    if (error instanceof MaxPartSizeExceededError) {
      return refuse({ extract: `The file is larger than ${MAX_UPLOAD_MB} MB. Load it in parts, for example a year at a time.` });
    }
    return refuse({ extract: unreadableUploadMessage(error) });
  }
  const extract = form.get("extract");
  const choices = uploadChoicesForm.parse(formObject(form));
  const fileProblem = extract instanceof NodeOnDiskFile ? problemWithFile(originalName, extract.size) : "Choose the extract to load: a CSV file";
  if (fileProblem) {
    discardUploadFolder(folder.dir);
    return refuse({ extract: fileProblem });
  }
  try {
    const job = startUploadJob({ db: getDb(), databasePath, folder, fileName: originalName, actor, choices });
    return redirect(`/admin/imports/uploads/${job.id}`);
  } catch (error) {
    discardUploadFolder(folder.dir);
    if (error instanceof LoadAlreadyRunning) return refuse({ form: error.message });
    throw error;
  }
}

const checkboxes = [
  { name: "dryRun", label: "Dry run: check the file and show what would change, without changing anything" },
  { name: "skipInvalid", label: "Load the valid rows and set aside the rows with problems, in a file to download and fix" },
  { name: "createMissing", label: "Create the teams and workers the file names that Primed does not know yet" },
];

export default function NewImport() {
  const { running } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Errors = result?.errors ?? {};
  const uploading = useNavigation().state === "submitting";
  return (
    <>
      <Breadcrumbs trail={[{ label: "Administration", to: "/admin" }, { label: "Data loads", to: "/admin/imports" }, { label: "Load an extract" }]} />
      <ErrorSummary errors={errors} />
      <h1 className="govuk-heading-xl">Load an extract</h1>
      {running ? (
        <div className="govuk-inset-text">
          {running.fileName} is loading now (started by {running.startedBy}).{" "}
          <Link className="govuk-link" to={`/admin/imports/uploads/${running.id}`}>
            See its progress
          </Link>
          . You can start another load when it has finished.
        </div>
      ) : null}
      <p className="govuk-body">
        The care system's extract, in the shape of the Client Level Data return with Primed's columns (Team, Worker, Allocated Date, Due Date). Rows are matched on their Event
        Reference: a newer extract updates the work it names and adds new work; work it does not mention is left as it was.
      </p>
      <p className="govuk-body">Unless you choose to set aside rows with problems, a file with any problem changes nothing, and you get the list of problems to fix.</p>
      <Form method="post" encType="multipart/form-data" noValidate className="govuk-!-width-two-thirds">
        <div className={`govuk-form-group${errors.extract ? " govuk-form-group--error" : ""}`}>
          <label className="govuk-label govuk-label--s" htmlFor="extract">
            The extract (CSV, up to {MAX_UPLOAD_MB} MB)
          </label>
          <div id="extract-hint" className="govuk-hint">
            Saved as CSV by the care system or by Excel (UTF-8 or Excel's plain CSV).
          </div>
          {errors.extract ? (
            <p id="extract-error" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {errors.extract}
            </p>
          ) : null}
          <input
            className={`govuk-file-upload${errors.extract ? " govuk-file-upload--error" : ""}`}
            id="extract"
            name="extract"
            type="file"
            accept=".csv,.txt,text/csv"
            aria-describedby={errors.extract ? "extract-hint extract-error" : "extract-hint"}
          />
        </div>
        <div className="govuk-form-group">
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Choices</legend>
            <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
              {checkboxes.map((c) => (
                <div className="govuk-checkboxes__item" key={c.name}>
                  <input className="govuk-checkboxes__input" id={c.name} name={c.name} type="checkbox" />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor={c.name}>
                    {c.label}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <button type="submit" className="govuk-button" disabled={uploading} aria-disabled={uploading}>
          {uploading ? "Uploading the file…" : "Upload and load"}
        </button>
      </Form>
    </>
  );
}

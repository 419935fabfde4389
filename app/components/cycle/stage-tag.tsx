import { stageStatusLabels, type StageStatus } from "~/cycle/cycle-status";

const tagClass: Record<StageStatus, string> = {
  not_started: "govuk-tag--grey",
  in_progress: "govuk-tag--blue",
  done: "govuk-tag--green",
};

/** A stage's status in words (so it reads in greyscale), flagged "late" when past its day. */
export function StageTag({ status, late }: { status: StageStatus; late: boolean }) {
  return (
    <>
      <strong className={`govuk-tag ${tagClass[status]}`} data-status={status}>
        {stageStatusLabels[status]}
      </strong>
      {late && (
        <>
          {" "}
          <strong className="govuk-tag govuk-tag--red">Late</strong>
        </>
      )}
    </>
  );
}

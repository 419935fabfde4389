import { problemKinds } from "~/import/problem-kinds";
import type { ImportReportView } from "~/import/upload-view.server";
import { ScrollTable } from "../ui/scroll-table";
import { ColumnHeads } from "~/components/ui/column-heads";

const n = (value: number) => value.toLocaleString("en-GB");

/** Every problem in the rows (up to the cap), each naming its row, column, value, what is wrong and what is accepted. */
export function ImportProblems({ report }: { report: ImportReportView }) {
  if (report.problemCount === 0) return null;
  const capped = report.problemCount > report.problems.length;
  return (
    <>
      <h2 className="govuk-heading-m">
        {n(report.problemCount)} problem{report.problemCount === 1 ? "" : "s"} in the rows
      </h2>
      {report.status === "refused" ? (
        <p className="govuk-body">Fix them in the care system or the file and load it again, or load it choosing to set aside the rows with problems.</p>
      ) : null}
      <h3 className="govuk-heading-s">The kinds of problem{capped ? ` among the first ${n(report.problems.length)}` : ""}</h3>
      <ul className="govuk-list govuk-list--bullet">
        {problemKinds(report.problems).map(({ kind, count }) => (
          <li key={kind}>
            {n(count)} × {kind}
          </li>
        ))}
      </ul>
      <ScrollTable id="problems-table" labelledBy="problems-caption" className="govuk-table--small-text-until-tablet">
        <caption className="govuk-table__caption govuk-table__caption--s" id="problems-caption">
          {capped
            ? `The first ${n(report.problems.length)} problems, in file order; ${n(report.problemCount - report.problems.length)} more are not listed`
            : "Every problem, in file order"}
        </caption>
        <ColumnHeads columns={["Row", "Column", "Value", "What is wrong", "What is accepted"]} />
        <tbody className="govuk-table__body">
          {report.problems.map((p, i) => (
            <tr className="govuk-table__row" key={i}>
              <td className="govuk-table__cell app-numeric">{p.row}</td>
              <td className="govuk-table__cell">{p.column}</td>
              <td className="govuk-table__cell">{p.value === "" ? <span className="govuk-hint">(empty)</span> : p.value}</td>
              <td className="govuk-table__cell">{p.problem}</td>
              <td className="govuk-table__cell">{p.accepted}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </>
  );
}

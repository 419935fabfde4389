import { countedMeasureGroups } from "~/primed-metrics/counted-measures";

/** What a counted Primed Metric can count, each in the words of the list that counts it (app/primed-metrics/counted-measures.ts). */
export function CountedMeasureList() {
  return (
    <>
      {countedMeasureGroups().map(({ group, measures }) => (
        <section key={group} aria-label={group}>
          <h3 className="govuk-heading-s">{group}</h3>
          <dl className="app-definitions">
            {measures.map((measure) => (
              <div key={measure.key} id={`measure-${measure.key.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}`}>
                <dt>{measure.label}</dt>
                <dd>{measure.source}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </>
  );
}

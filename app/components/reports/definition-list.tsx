import { figureKeys, figures, medianDaysToCompleteDefinition, timelinessDefinition } from "~/work-figures/definitions";

/**
 * Every figure's definition, in the words of the one module that computes them.
 * docs/definitions.md says the same at length, with the worked examples.
 */
export function DefinitionList() {
  return (
    <dl className="app-definitions">
      {figureKeys.map((key) => (
        <div key={key} id={`definition-${key}`}>
          <dt>{figures[key].label}</dt>
          <dd>{figures[key].definition}</dd>
        </div>
      ))}
      <div id="definition-timeliness">
        <dt>On time rate</dt>
        <dd>{timelinessDefinition}</dd>
      </div>
      <div id="definition-median">
        <dt>Median days to complete</dt>
        <dd>{medianDaysToCompleteDefinition}</dd>
      </div>
    </dl>
  );
}

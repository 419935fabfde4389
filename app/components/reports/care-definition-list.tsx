import { careFigureKeys, careFigureLabels } from "~/care/care-lists";

/** The weekly-cost rule in a manager's words: app/care/service-types.ts's weeklyCost. */
export const weeklyCostRule =
  "A service's weekly cost comes from its unit cost and how often it is charged: hourly and per-session costs times the planned units a week; daily costs times the planned days (seven when none are given); weekly as it is; fortnightly halved; four-weekly a quarter; monthly times 12 and divided by 52; quarterly divided by 13; annual divided by 52. One-off costs and services with no charge cost nothing a week (a one-off cost counts once, in the month its service starts); a service with no unit cost counts as nothing and is listed as having no cost.";

/** Every care figure's definition, in the words of the one module that counts them (docs/definitions.md#care-and-support). */
export function CareDefinitionList() {
  return (
    <dl className="app-definitions">
      <div id="definition-weekly-cost">
        <dt>Weekly cost</dt>
        <dd>{weeklyCostRule}</dd>
      </div>
      {careFigureKeys.map((key) => (
        <div key={key} id={`definition-${key}`}>
          <dt>{careFigureLabels[key].title}</dt>
          <dd>{careFigureLabels[key].definition}</dd>
        </div>
      ))}
    </dl>
  );
}

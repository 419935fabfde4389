/*
 * `primed spc`: one series in on standard input as JSON, its chart out as one
 * line of JSON. Lets an analyst check the engine against another tool's
 * figures without a database.
 */
import { interpretSeries, SpcInputError, type SpcChart, type SpcRequest } from "~/interpretation/spc";
import { CliError } from "./cli-error";

const example = `echo '{"values": [12, 15, 11, 14], "direction": "up"}' | npm run primed -- spc`;

export async function readStandardInput(): Promise<string> {
  // Waiting on a terminal would look like a hang: say what the command wants instead.
  if (process.stdin.isTTY) throw new CliError(`spc reads one JSON object from standard input; pipe it in, for example:\n  ${example}`);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/** Exactly the documented fields, in order: the plain-words reason stays for the pages. */
function printable(chart: SpcChart) {
  return {
    limitsShown: chart.limitsShown,
    sections: chart.sections.map(({ start, end, mean, movingRangeMean, upl, lpl }) => ({ start, end, mean, movingRangeMean, upl, lpl })),
    points: chart.points.map(({ value, mean, upl, lpl, upperTwoSigma, lowerTwoSigma, high, low, classification }) => ({
      value,
      mean,
      upl,
      lpl,
      upperTwoSigma,
      lowerTwoSigma,
      high,
      low,
      classification,
    })),
    variationIcon: chart.variationIcon,
    assuranceIcon: chart.assuranceIcon,
  };
}

export type SpcCommandOutput = ReturnType<typeof printable>;

/** The chart as the one line of JSON the command prints. */
export function spcCommandOutput(chart: SpcChart): string {
  return JSON.stringify(printable(chart));
}

export async function runSpcCommand(readInput: () => Promise<string>): Promise<string> {
  const text = await readInput();
  if (text.trim() === "") throw new CliError(`Standard input is empty: pipe in one JSON object, for example:\n  ${example}`);
  let request: unknown;
  try {
    request = JSON.parse(text);
  } catch (error) {
    throw new CliError(`Standard input is not JSON: ${(error as Error).message}`);
  }
  try {
    // Unchecked until here: interpretSeries checks every field and names the bad ones.
    return spcCommandOutput(interpretSeries(request as SpcRequest));
  } catch (error) {
    if (error instanceof SpcInputError) throw new CliError(error.message);
    throw error;
  }
}

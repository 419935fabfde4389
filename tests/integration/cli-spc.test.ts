/*
 * `primed spc`: every series in the reference vectors goes through the
 * command (in-process, with its standard input given as a string) and must
 * print exactly what the engine computes, in the documented shape. A few runs
 * go through the real process and its real standard input; each costs about a
 * second, so only enough to prove the wiring and the exit codes.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "~/cli/run";
import { interpretSeries, type SpcChart, type SpcRequest } from "~/interpretation/spc";
import { builtCommand } from "../helpers/built-command";

/* eslint-disable @typescript-eslint/no-explicit-any -- the fixture is free-form JSON */
const file: any = JSON.parse(readFileSync(new URL("../fixtures/spc-reference-vectors.json", import.meta.url), "utf8"));
const vectors: any[] = [...file.primary_vectors, ...file.supplementary_vectors_computed_only];

const ptdLike = { shiftPoints: 7, trendPoints: 7, screenOutliers: true, twoSigmaIncludesBeyondLimits: false, trendCrossesRecalculation: false, minimumPoints: 2 };
const settingsToTry = { mdc: {}, ptd: ptdLike, "ptd unscreened": { ...ptdLike, screenOutliers: false } };

/** Every list of numbers in a vector's input, wherever the vector keeps it (values, values_15, cases, ...). */
function seriesIn(input: unknown, where = "input"): [string, number[]][] {
  if (Array.isArray(input) && input.length > 0 && input.every((item) => typeof item === "number")) return [[where, input]];
  if (Array.isArray(input)) return input.flatMap((item, index) => seriesIn(item, `${where}[${index}]`));
  if (input && typeof input === "object") return Object.entries(input).flatMap(([key, value]) => seriesIn(value, `${where}.${key}`));
  return [];
}

const documentedPoint = ["value", "mean", "upl", "lpl", "upperTwoSigma", "lowerTwoSigma", "high", "low", "classification"];

/** The engine's chart as the command must print it: everything but the plain-words reason. */
function expectedOutput(chart: SpcChart) {
  const { whyNoLimits: _reason, ...printed } = chart;
  return printed;
}

async function spcInProcess(stdin: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(["spc"], { out: (text) => out.push(text), err: (text) => err.push(text), readInput: async () => stdin });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

function spcProcess(stdin: string) {
  const result = spawnSync(...builtCommand("bin/primed.ts", ["spc"]), { input: stdin, encoding: "utf8" });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe("primed spc prints the engine's chart for every reference series", () => {
  const cases = vectors.flatMap((vector) =>
    seriesIn(vector.input).flatMap(([where, values]) =>
      (["up", "down", "neither"] as const).flatMap((direction) =>
        Object.entries(settingsToTry).map(
          ([preset, settings]) => [`${vector.id} ${where} ${direction} ${preset}`, { values, direction, target: values[0]!, settings } satisfies SpcRequest] as const,
        ),
      ),
    ),
  );

  it("finds a series in every vector", () => {
    for (const vector of vectors) expect(seriesIn(vector.input).length, vector.id).toBeGreaterThan(0);
  });

  it.each(cases)("%s", async (_name, request) => {
    const { code, out, err } = await spcInProcess(JSON.stringify(request));
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out.split("\n")).toHaveLength(1);
    const printed = JSON.parse(out);
    expect(printed).toEqual(expectedOutput(interpretSeries(request)));
    expect(Object.keys(printed)).toEqual(["limitsShown", "sections", "points", "variationIcon", "assuranceIcon"]);
    expect(Object.keys(printed.sections[0])).toEqual(["start", "end", "mean", "movingRangeMean", "upl", "lpl"]);
    for (const point of printed.points) expect(Object.keys(point)).toEqual(documentedPoint);
  });

  it("fills in every default when only the values are given", async () => {
    const values = vectors.find((vector) => vector.id.startsWith("V6"))!.input.values;
    const { code, out } = await spcInProcess(JSON.stringify({ values }));
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual(expectedOutput(interpretSeries({ values, direction: "neither", target: null, recalculateAt: [], baselineEnd: null, settings: {} })));
    expect(JSON.parse(out).points[0].classification).toBe("neither");
  });

  it("passes recalculation points and a baseline through", async () => {
    const values = [20, 24, 20, 26, 22, 16, 18, 16, 31, 28, 34, 26, 30, 19, 18, 60, 64, 60, 66, 62, 56, 58];
    const request: SpcRequest = { values, direction: "down", target: 30, recalculateAt: [15], baselineEnd: 12 };
    const { code, out } = await spcInProcess(JSON.stringify(request));
    expect(code).toBe(0);
    const printed = JSON.parse(out);
    expect(printed).toEqual(expectedOutput(interpretSeries(request)));
    expect(printed.sections.map(({ start, end }: { start: number; end: number }) => [start, end])).toEqual([
      [0, 14],
      [15, 21],
    ]);
  });
});

describe("primed spc refuses bad input with a clear message and exit code 1", () => {
  const cases: [string, string, RegExp][] = [
    ["no input", "", /Standard input is empty: pipe in one JSON object/],
    ["only spaces", "  \n ", /Standard input is empty/],
    // V8 says where: by position when it can, otherwise by quoting the text around the fault.
    ["bad JSON", '{"values": [1, 2,, 3]}', /^Error: Standard input is not JSON: Unexpected token ','.*\[1, 2,, 3\]/],
    ["unfinished JSON", '{"values": [1, 2', /^Error: Standard input is not JSON: .*(position 16|end of JSON input)/],
    ["two objects", '{"values": [1]} {"values": [2]}', /Standard input is not JSON/],
    ["not an object", "[1, 2, 3]", /the input must be an object such as \{"values"/],
    ["no values", '{"direction": "up"}', /values is required: a list of numbers/],
    ["values not a list", '{"values": "1,2,3"}', /values must be a list of numbers/],
    ["a value that is not a number", '{"values": [1, 2, 3, "4"]}', /values\[3\] must be a number/],
    ["a value too large to be a number", '{"values": [1, 1e999]}', /values\[1\] must be a finite number/],
    ["no values at all", '{"values": []}', /values must hold at least one number/],
    ["a bad direction", '{"values": [1, 2], "direction": "higher"}', /direction must be "up", "down" or "neither"/],
    ["a bad target", '{"values": [1, 2], "target": "80%"}', /target must be a number/],
    ["an unknown field", '{"values": [1, 2], "colour": "red"}', /colour is not a field this accepts \(the fields are values, direction/],
    ["an unknown setting", '{"values": [1, 2], "settings": {"shiftPoint": 7}}', /settings\.shiftPoint is not a field this accepts \(the fields of settings are shiftPoints/],
    ["a run length out of range", '{"values": [1, 2], "settings": {"trendPoints": 5}}', /settings\.trendPoints must be a whole number from 6 to 8/],
    ["a bad conflict setting", '{"values": [1, 2], "settings": {"conflict": "blue"}}', /settings\.conflict must be "improvement" or "concern"/],
    ["a setting of the wrong type", '{"values": [1, 2], "settings": {"screenOutliers": "yes"}}', /settings\.screenOutliers must be true or false/],
    ["a minimum below 2", '{"values": [1, 2], "settings": {"minimumPoints": 1}}', /settings\.minimumPoints must be at least 2/],
    ["a recalculation at 0", '{"values": [1, 2, 3, 4], "recalculateAt": [0]}', /recalculateAt\[0\] must not be 0/],
    ["a recalculation past the end", '{"values": [1, 2, 3, 4], "recalculateAt": [9]}', /recalculateAt\[0\] is 9, outside the series of 4 points/],
    ["a baseline past the end", '{"values": [1, 2, 3, 4], "baselineEnd": 4}', /baselineEnd is 4/],
    ["several problems at once", '{"values": [1, "x"], "direction": "sideways"}', /values\[1\] must be a number; direction must be/],
  ];

  it.each(cases)("%s", async (_name, stdin, message) => {
    const { code, out, err } = await spcInProcess(stdin);
    expect(code).toBe(1);
    expect(out).toBe("");
    expect(err).toMatch(/^Error: /);
    expect(err).toMatch(message);
  });
});

describe("primed spc as a real process, on its real standard input", () => {
  it("prints one line of JSON equal to the engine's chart (MDC defaults)", () => {
    const request = { values: vectors.find((vector) => vector.id.startsWith("V6"))!.input.values, direction: "up", target: 30 } as const;
    const { code, out, err } = spcProcess(JSON.stringify(request));
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out.endsWith("\n")).toBe(true);
    expect(out.trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(out)).toEqual(expectedOutput(interpretSeries(request)));
  });

  it("takes NHSRplotthedots' settings", () => {
    const request = { values: vectors.find((vector) => vector.id.startsWith("V1"))!.input.values, direction: "up", settings: ptdLike } as const;
    const { code, out, err } = spcProcess(JSON.stringify(request));
    expect(err).toBe("");
    expect(code).toBe(0);
    const printed = JSON.parse(out);
    expect(printed).toEqual(expectedOutput(interpretSeries(request)));
    expect(printed.sections[0].upl).toBeCloseTo(4.6044444444, 9);
  });

  it.each([
    ["bad JSON", "{values: [1]}", /^Error: Standard input is not JSON: /],
    ["a value of the wrong type", '{"values": [1, 2, 3, null]}', /^Error: values\[3\] must be a number/],
    ["empty standard input", "", /^Error: Standard input is empty/],
    ["an unknown setting", '{"values": [1, 2], "settings": {"screenOutlier": true}}', /^Error: settings\.screenOutlier is not a field this accepts/],
  ])("refuses %s with exit code 1", (_name, stdin, message) => {
    const { code, out, err } = spcProcess(stdin);
    expect(code).toBe(1);
    expect(out).toBe("");
    expect(err).toMatch(message);
  });
});

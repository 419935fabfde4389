import { describe, expect, it } from "vitest";
import { decodeCsvBytes, MAX_USER_ROWS, readUsersCsv, type UsersCsvContext } from "~/admin/bulk-users";

const context: UsersCsvContext = {
  teams: [
    { id: 1, name: "North Locality", slug: "north-locality" },
    { id: 2, name: "Hospital Discharge", slug: "hospital-discharge" },
  ],
  workers: [
    { id: 10, name: "Sam Patel", teamId: 1 },
    { id: 11, name: "Jo Brown", teamId: 2 },
    { id: 12, name: "Chris Lee", teamId: 1 },
    { id: 13, name: "Chris Lee", teamId: 2 },
    { id: 14, name: "Alex Khan", teamId: null },
  ],
  users: [
    { id: 100, email: "kept@council.gov.uk", name: "Kept Same", role: "head_of_service", workerId: null, teamIds: [] },
    { id: 101, email: "admin@council.gov.uk", name: "The Admin", role: "admin", workerId: null, teamIds: [] },
  ],
  loadedBy: 101,
};

const read = (text: string) => readUsersCsv(text, context);

function problemsOf(text: string) {
  const reading = read(text);
  if (reading.ok) throw new Error("expected problems");
  return reading.problems;
}

const header = "Name,Email,Role,Teams,Worker\n";

describe("reading a CSV of users", () => {
  it("reads a good file: roles by label or code, teams by name or slug, the worker in the first team", () => {
    const reading = read(
      header +
        "Sam Patel,Sam.Patel@Council.gov.uk ,Practitioner,North Locality,Sam Patel\n" +
        "Jo Brown,jo.brown@council.gov.uk,team_manager,hospital-discharge; north locality,Jo Brown\n" +
        "Alex Khan,alex.khan@council.gov.uk,HEAD OF SERVICE,,Alex Khan\n" +
        "Kept Same,kept@council.gov.uk,Head of service,,\n" +
        "The Admin,admin@council.gov.uk,Administrator,,\n" +
        "\n",
    );
    expect(reading).toEqual({
      ok: true,
      notes: [],
      rows: [
        { row: 2, email: "sam.patel@council.gov.uk", fields: { name: "Sam Patel", role: "practitioner", workerId: 10, teamIds: [1] }, change: "add", userId: undefined },
        { row: 3, email: "jo.brown@council.gov.uk", fields: { name: "Jo Brown", role: "team_manager", workerId: 11, teamIds: [2, 1] }, change: "add", userId: undefined },
        { row: 4, email: "alex.khan@council.gov.uk", fields: { name: "Alex Khan", role: "head_of_service", workerId: 14, teamIds: [] }, change: "add", userId: undefined },
        { row: 5, email: "kept@council.gov.uk", fields: { name: "Kept Same", role: "head_of_service", workerId: undefined, teamIds: [] }, change: "same", userId: 100 },
        { row: 6, email: "admin@council.gov.uk", fields: { name: "The Admin", role: "admin", workerId: undefined, teamIds: [] }, change: "same", userId: 101 },
      ],
    });
  });

  it("matches headers in any case, spacing and order, takes Team for Teams, and leaves unknown columns out with a note", () => {
    const reading = read("\uFEFF  EMAIL , full name,ROLE,Team,Worker Name,Phone\r\nkept@council.gov.uk,Kept Changed,Head of service,,,0123\r\n");
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.rows[0]).toMatchObject({ email: "kept@council.gov.uk", change: "update", userId: 100, fields: { name: "Kept Changed" } });
    expect(reading.notes).toEqual(['"Phone" is not a column Primed reads, so it was left out.']);
  });

  it("needs only Name, Email and Role", () => {
    const reading = read("name,email,role\nAlex Khan,alex@council.gov.uk,Administrator\n");
    expect(reading.ok && reading.rows[0]!.fields).toEqual({ name: "Alex Khan", role: "admin", workerId: undefined, teamIds: [] });
  });

  it("refuses an empty file, and a header without the required columns", () => {
    expect(problemsOf("")).toEqual([{ row: 1, column: "", value: "", message: expect.stringMatching(/^The file is empty/) }]);
    expect(problemsOf("\n\n")[0]!.message).toMatch(/^The file is empty/);
    const [missing] = problemsOf("Name,Teams\nSam,North Locality\n");
    expect(missing).toMatchObject({ row: 1, value: "Name, Teams" });
    expect(missing!.message).toMatch(/Email and Role are missing$/);
    expect(problemsOf(header)).toEqual([{ row: 2, column: "", value: "", message: "The file has no people: add a row for each person under the header" }]);
  });

  it("refuses a column named twice, an unclosed quote, and a file of too many rows", () => {
    expect(problemsOf("Name,Email,Role,Team,Teams\n")[0]).toMatchObject({ row: 1, column: "Teams", message: "The Teams column is named twice: keep one" });
    expect(problemsOf(`${header}"Sam,sam@council.gov.uk,Practitioner,North Locality,Sam Patel\n`)[0]!.message).toMatch(/quoted value is never closed/);
    const many = header + "Alex,alex@council.gov.uk,Administrator,,\n".repeat(MAX_USER_ROWS + 1);
    expect(problemsOf(many)).toEqual([{ row: MAX_USER_ROWS + 2, column: "", value: "", message: "The file has more than 5,000 people: load it in parts" }]);
  });

  it("names every bad cell: its row, column, value and what is accepted", () => {
    const problems = problemsOf(
      header +
        ",not-an-email,Boss,,\n" + // row 2
        `${"x".repeat(201)},a@council.gov.uk,,,\n` + // row 3
        "Sam,b@council.gov.uk,Practitioner,Nowhere,Sam Patel\n" + // row 4
        "Sam,c@council.gov.uk,Practitioner,North Locality,Nobody\n" + // row 5
        "Sam,d@council.gov.uk,Practitioner,,\n" + // row 6
        "Jo,e@council.gov.uk,Team manager,,\n" + // row 7
        "Alex,f@council.gov.uk,Head of service,North Locality; Hospital Discharge,Sam Patel\n" + // row 8
        "Alex,g@council.gov.uk,Head of service,North Locality,\n" + // row 9
        "Chris,h@council.gov.uk,Practitioner,,Chris Lee\n" + // row 10
        "Me,admin@council.gov.uk,Head of service,,\n" + // row 11
        "Anyone,,Administrator,,\n", // row 12
    );
    const at = (row: number) => problems.filter((p) => p.row === row).map(({ column, value, message }) => ({ column, value, message }));
    expect(at(2)).toEqual([
      { column: "Name", value: "", message: "Enter a name" },
      { column: "Email", value: "not-an-email", message: "Enter an email address in the correct format, like name@council.gov.uk" },
      { column: "Role", value: "Boss", message: "This is not a role: use one of Practitioner, Team manager, Head of service, Administrator" },
    ]);
    expect(at(3)).toEqual([
      { column: "Name", value: "x".repeat(201), message: "Name must be 200 characters or fewer" },
      { column: "Role", value: "", message: "Enter a role: one of Practitioner, Team manager, Head of service, Administrator" },
    ]);
    expect(at(4)).toEqual([
      { column: "Teams", value: "Nowhere", message: 'There is no team called "Nowhere": write each team\'s name as the teams page shows it, separated by ";"' },
    ]);
    expect(at(5)).toEqual([
      { column: "Worker", value: "Nobody", message: "There is no worker of this name in North Locality: write their name as the team's list of workers shows it" },
    ]);
    expect(at(6)).toEqual([{ column: "Worker", value: "", message: "A practitioner must be linked to their worker record, so Primed can show them their own work" }]);
    expect(at(7)).toEqual([{ column: "Teams", value: "", message: 'A team manager needs the team or teams they manage, separated by ";"' }]);
    expect(at(8)).toEqual([
      {
        column: "Teams",
        value: "North Locality; Hospital Discharge",
        message: "Only a team manager manages teams: for a head of service, give one team, the one their worker record is in",
      },
    ]);
    expect(at(9)[0]!.message).toMatch(/^Only a team manager manages teams: for a head of service, the team says where their worker record is/);
    expect(at(10)).toEqual([{ column: "Worker", value: "Chris Lee", message: "2 workers have this name: give their team in the Teams column to say which" }]);
    expect(at(11)).toEqual([{ column: "Role", value: "Head of service", message: "You cannot remove your own administrator role: ask another administrator" }]);
    expect(at(12)).toEqual([{ column: "Email", value: "", message: "Enter an email address" }]);
  });

  it("refuses an email address twice in the file, in any case", () => {
    const problems = problemsOf(header + "Alex,alex@council.gov.uk,Administrator,,\nAlex Again,ALEX@council.gov.uk,Administrator,,\n");
    expect(problems).toEqual([{ row: 3, column: "Email", value: "ALEX@council.gov.uk", message: "This email address is already on row 2: one row a person" }]);
  });
});

describe("decoding a file's bytes", () => {
  it("reads UTF-8, with or without a byte order mark, and Excel's Windows-1252", () => {
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from("Siân")]))).toBe("Siân");
    expect(decodeCsvBytes(Buffer.from("Siân"))).toBe("Siân");
    expect(decodeCsvBytes(new Uint8Array([0x53, 0x69, 0xe2, 0x6e]))).toBe("Siân");
  });
});

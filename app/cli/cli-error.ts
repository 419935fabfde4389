/** An error the command line explains to its user, then exits non-zero. */
export class CliError extends Error {}

import os from "node:os";
import { z } from "zod";
import { isIsoDate } from "../dates";

const baseSchema = z.object({
  DATABASE_PATH: z.string().trim().min(1, "must name a file, for example data/primed.db").default("data/primed.db"),
  PORT: z.coerce
    .number({ message: "must be a whole number" })
    .int("must be a whole number")
    .min(1, "must be between 1 and 65535")
    .max(65535, "must be between 1 and 65535")
    .default(3000),
  HOST: z.string().trim().min(1).default("0.0.0.0"),
  PRIMED_DEMO: z.enum(["on", "off"], { message: 'must be "on" or "off"' }).default("on"),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters (for example: openssl rand -hex 32)").optional(),
  SESSION_IDLE_HOURS: z.coerce
    .number({ message: "must be a number of hours" })
    .positive("must be more than 0")
    .max(24 * 14, "must be at most 336 (two weeks)")
    .default(8),
  /** However busy a session is, it ends this long after signing in (beside the idle limit above). */
  SESSION_LIFETIME_DAYS: z.coerce.number({ message: "must be a number of days" }).positive("must be more than 0").max(90, "must be at most 90").default(7),
  PRIMED_HTTPS: z.enum(["on", "off"], { message: 'must be "on" (behind HTTPS: cookies marked Secure) or "off"' }).default("off"),
  PRIMED_STALE_DATA_DAYS: z.coerce.number({ message: "must be a whole number of days" }).int("must be a whole number of days").min(1, "must be at least 1").default(35),
  PRIMED_TIMELINESS_TARGET: z.coerce.number({ message: "must be a percentage, such as 80" }).min(0, "must be between 0 and 100").max(100, "must be between 0 and 100").default(80),
  /** The share of long-term clients to have been reviewed in the last 12 months (CQC's measure), a percentage like the timeliness target. */
  PRIMED_REVIEWED_TARGET: z.coerce.number({ message: "must be a percentage, such as 90" }).min(0, "must be between 0 and 100").max(100, "must be between 0 and 100").default(90),
  PRIMED_WORKERS: z.coerce
    .number({ message: "must be a whole number of processes" })
    .int("must be a whole number of processes")
    .min(1, "must be at least 1")
    .max(64, "must be at most 64")
    // One process per processor, up to four: SQLite takes one writer, and reports are mostly reading.
    .default(Math.min(os.availableParallelism(), 4)),
  /** Fixes today's date for the whole app (figures' as-of date, deadlines, escalation): for training sessions and tests, never in production. */
  PRIMED_TODAY: z.string().refine(isIsoDate, "must be a real date written YYYY-MM-DD").optional(),
  /** The headless Chromium that makes the meeting pack's PDF; without it, people print the pack from their browser. */
  PRIMED_CHROMIUM: z.string().trim().min(1, "must name the Chromium program, for example /usr/bin/chromium").default("/usr/bin/chromium"),
  /** A folder the care system's job copies extracts into: each complete CSV is loaded once, then moved to done/ or failed/. */
  PRIMED_DROP_DIR: z.string().trim().min(1).optional(),
  /** How long a file in the drop folder must go unwritten before it counts as complete (when it was not renamed in). */
  PRIMED_DROP_SETTLE_SECONDS: z.coerce.number({ message: "must be a number of seconds" }).min(0, "must be 0 or more").max(3600, "must be at most 3600").default(60),
  /** How often the drop folder is looked at. */
  PRIMED_DROP_EVERY_SECONDS: z.coerce.number({ message: "must be a number of seconds" }).min(0.1, "must be at least 0.1").max(3600, "must be at most 3600").default(10),
  /** The drop folder's loads: skip invalid rows (writing them to a rejects file), and add teams and workers not yet known. */
  PRIMED_DROP_SKIP_INVALID: z.enum(["on", "off"], { message: 'must be "on" or "off"' }).default("off"),
  PRIMED_DROP_CREATE_MISSING: z.enum(["on", "off"], { message: 'must be "on" or "off"' }).default("off"),
  PRIMED_DEMO_SEED: z.coerce.number({ message: "must be a whole number" }).int("must be a whole number").default(2026),
  /** The council's identity provider (OpenID Connect), such as https://login.microsoftonline.com/<tenant-id>/v2.0: all four or none. */
  PRIMED_OIDC_ISSUER: z.string().trim().url("must be the provider's issuer address, for example https://login.microsoftonline.com/<tenant-id>/v2.0").optional(),
  PRIMED_OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
  PRIMED_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The callback address registered with the provider: Primed's own address followed by /sign-in/council/callback. */
  PRIMED_OIDC_REDIRECT_URL: z.string().trim().url("must be Primed's address followed by /sign-in/council/callback").optional(),
  /** "off" hides the password form and refuses posted passwords: everyone signs in with the council account. */
  PRIMED_PASSWORD_SIGN_IN: z.enum(["on", "off"], { message: 'must be "on" or "off"' }).default("on"),
  /** The mail server for reminders, smtp://user:password@host:587 (STARTTLS when offered) or smtps://host:465; mail is off without it. */
  PRIMED_SMTP_URL: z
    .string()
    .trim()
    .refine((value) => /^smtps?:\/\/[^/\s]+/.test(value) && URL.canParse(value), "must be an address such as smtp://user:password@smtp.office365.com:587 (smtp:// or smtps://)")
    .optional(),
  /** Who reminders come from, such as "Primed <primed@council.example>". */
  PRIMED_MAIL_FROM: z.string().trim().min(3).optional(),
  /** The address people open Primed at: links in mail point there. */
  PRIMED_PUBLIC_URL: z
    .string()
    .trim()
    .refine((value) => /^https?:\/\//.test(value) && URL.canParse(value), "must be the address people open Primed at, such as https://primed.council.example")
    .optional(),
  /** How many days before an action's deadline its owner is reminded. */
  PRIMED_REMINDER_DAYS_BEFORE: z.coerce
    .number({ message: "must be a whole number of days" })
    .int("must be a whole number of days")
    .min(1, "must be at least 1")
    .max(60, "must be at most 60")
    .default(3),
  /** How often the reminders job looks for mail to queue and send. */
  PRIMED_MAIL_EVERY_SECONDS: z.coerce.number({ message: "must be a number of seconds" }).min(1, "must be at least 1").max(3600, "must be at most 3600").default(30),
});

const oidcVariables = ["PRIMED_OIDC_ISSUER", "PRIMED_OIDC_CLIENT_ID", "PRIMED_OIDC_CLIENT_SECRET", "PRIMED_OIDC_REDIRECT_URL"] as const;
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** An address on this machine: the only place plain http is accepted for the identity provider (a test's own provider). */
export function isLoopbackAddress(address: string): boolean {
  return LOOPBACK_HOSTS.has(new URL(address).hostname);
}

/** The council sign-in needs all four settings or none, over https unless on loopback, and passwords need it to be switched off; mail needs its sender and address. */
const envSchema = baseSchema.superRefine((env, ctx) => {
  const given = oidcVariables.filter((name) => env[name] !== undefined);
  if (given.length > 0 && given.length < oidcVariables.length) {
    for (const name of oidcVariables.filter((n) => env[n] === undefined))
      ctx.addIssue({ code: "custom", path: [name], message: `must be set too: the council sign-in needs all of ${oidcVariables.join(", ")} (or none)` });
  }
  for (const name of ["PRIMED_OIDC_ISSUER", "PRIMED_OIDC_REDIRECT_URL"] as const) {
    const address = env[name];
    // An address that is not one at all has its own message from the field's check above.
    if (address && URL.canParse(address) && new URL(address).protocol !== "https:" && !isLoopbackAddress(address))
      ctx.addIssue({ code: "custom", path: [name], message: "must start https:// (plain http is only accepted on this machine, for tests)" });
  }
  if (env.PRIMED_PASSWORD_SIGN_IN === "off" && given.length === 0)
    ctx.addIssue({ code: "custom", path: ["PRIMED_PASSWORD_SIGN_IN"], message: "can only be off when the council sign-in is set up (PRIMED_OIDC_ISSUER and the rest)" });
  mailSettingsComplete(env, ctx);
});

/** Mail turned on needs somewhere to come from, and somewhere for its links to go. */
function mailSettingsComplete(env: z.infer<typeof baseSchema>, context: z.RefinementCtx) {
  if (env.PRIMED_SMTP_URL === undefined) return;
  if (env.PRIMED_MAIL_FROM === undefined)
    context.addIssue({
      code: "custom",
      path: ["PRIMED_MAIL_FROM"],
      message: "must be set when PRIMED_SMTP_URL is: the address reminders come from, such as primed@council.example",
    });
  if (env.PRIMED_PUBLIC_URL === undefined)
    context.addIssue({
      code: "custom",
      path: ["PRIMED_PUBLIC_URL"],
      message: "must be set when PRIMED_SMTP_URL is: the address links in mail point to, such as https://primed.council.example",
    });
}

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

/** Reads the environment once, with a message that names each bad variable. */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}=${JSON.stringify(source[String(issue.path[0])] ?? "")}: ${issue.message}`);
    throw new EnvError(`Primed cannot start: the environment is not valid.\n${lines.join("\n")}`);
  }
  return result.data;
}

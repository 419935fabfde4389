/*
 * The reminders' settings, from the environment: mail is off until
 * PRIMED_SMTP_URL is given (app/platform/env.server.ts checks the values).
 */
import type { Env } from "~/platform/env.server";

export interface MailSettings {
  smtpUrl: string;
  from: string;
  /** The address links in mail point to, without a trailing slash. */
  publicUrl: string;
  daysBefore: number;
}

/** The settings, or null while mail is off. */
export function mailSettingsOf(env: Env): MailSettings | null {
  if (!env.PRIMED_SMTP_URL || !env.PRIMED_MAIL_FROM || !env.PRIMED_PUBLIC_URL) return null;
  return { smtpUrl: env.PRIMED_SMTP_URL, from: env.PRIMED_MAIL_FROM, publicUrl: env.PRIMED_PUBLIC_URL.replace(/\/+$/, ""), daysBefore: env.PRIMED_REMINDER_DAYS_BEFORE };
}

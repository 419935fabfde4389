import type { LoaderFunctionArgs } from "@remix-run/node";
import { feedActions, feedOwnerBySecret, feedSecretSchema } from "~/calendar-feed/feeds.server";
import { siteOrigin } from "~/http/site-origin.server";
import { deadlinesCalendar } from "~/calendar-feed/ical.server";
import { getDb } from "~/db.server";

/** The same answer for a malformed, unknown, replaced or turned-off secret, or a deactivated person: nothing to tell apart. */
const notFound = () =>
  new Response(
    "There is no calendar at this address. It may have been reset or turned off: sign in to Primed and make a new one on the page “Your action deadlines in your calendar”.",
    {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    },
  );

/**
 * A person's action deadlines as an iCalendar feed. A calendar client has no
 * session, so the secret in the address is the only key; the page that makes
 * it is /account/calendar.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const secret = feedSecretSchema.safeParse(params.token);
  if (!secret.success) return notFound();
  const db = getDb();
  const owner = feedOwnerBySecret(db, secret.data);
  if (!owner) return notFound();
  return new Response(deadlinesCalendar(feedActions(db, owner.id), siteOrigin(request)), {
    // Never cached (app/http/no-store.ts): the feed names people's actions, and a copy would outlive turning it off.
    headers: { "Content-Type": "text/calendar; charset=utf-8" },
  });
}

import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { formObject, type FieldErrors } from "~/forms/form-kit";
import { feedOf, feedUrl, makeFeedSecret, removeFeed } from "~/calendar-feed/feeds.server";
import { siteOrigin } from "~/http/site-origin.server";
import { ErrorSummary, SavedBanner } from "~/components/ui/form-errors";
import { formatMoment } from "~/dates";
import { getDb } from "~/db.server";
import { requireUser } from "~/people/guard.server";

export const meta: MetaFunction = () => [{ title: "Your action deadlines in your calendar – Primed" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const feed = feedOf(getDb(), user.id);
  return { madeAt: feed ? formatMoment(feed.createdAt) : null };
}

const intents = z.enum(["make", "turn-off"]);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const intent = intents.safeParse(formObject(await request.formData()).intent);
  if (!intent.success) {
    const errors: FieldErrors = { form: "Choose to make, reset or turn off your calendar address" };
    return data({ errors }, { status: 400 });
  }
  const db = getDb();
  if (intent.data === "turn-off") {
    removeFeed(db, user);
    return { turnedOff: true };
  }
  const { secret, reset } = makeFeedSecret(db, user);
  // The answer carries the key to the feed: no cache on the way may keep a copy.
  return data({ url: feedUrl(siteOrigin(request), secret), reset }, { headers: { "Cache-Control": "no-store" } });
}

/** A form posted without JavaScript answers with the whole page: it carries the secret too, so the action's no-store must reach it. */
export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) => (actionHeaders.has("Cache-Control") ? actionHeaders : loaderHeaders);

export default function CalendarFeed() {
  const { madeAt } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const made = result && "url" in result ? result : null;
  return (
    <>
      <SavedBanner message={result && "turnedOff" in result ? "Your calendar feed is turned off: its address no longer works." : null} />
      <ErrorSummary errors={result && "errors" in result ? result.errors : undefined} />
      <h1 className="govuk-heading-xl">Your action deadlines in your calendar</h1>
      <p className="govuk-body-l">
        Subscribe to your action deadlines in Outlook or on your phone. Each action you own that is open or in progress shows as an all-day event on its deadline, with a link back
        to it in Primed.
      </p>
      <p className="govuk-body">
        When a deadline changes, the event moves; when an action is done or dropped, it goes. Your calendar checks for changes on its own timetable: Outlook can take a few hours.
      </p>

      <h2 className="govuk-heading-l">Your calendar address</h2>
      {made ? (
        <div id="calendar-address">
          <div className="govuk-form-group">
            <label className="govuk-label govuk-label--m" htmlFor="feed-url">
              {made.reset ? "New calendar address" : "Calendar address"}
            </label>
            <div className="govuk-hint" id="feed-url-hint">
              {made.reset
                ? "The old address no longer works: in your calendar, remove the old Primed calendar and subscribe to this address instead."
                : "Add it to your calendar as shown below."}
            </div>
            <input className="govuk-input" id="feed-url" type="text" readOnly value={made.url} aria-describedby="feed-url-hint feed-url-warning" spellCheck={false} />
          </div>
          <div className="govuk-warning-text" id="feed-url-warning">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              Copy it now: Primed keeps only a fingerprint of it, so it cannot show it again. If you lose it, reset it.
            </strong>
          </div>
        </div>
      ) : madeAt ? (
        <p className="govuk-body">
          You made your calendar address on {madeAt}. Primed cannot show it again. If you have lost it, or think someone else has it, reset it: the old address stops working.
        </p>
      ) : (
        <p className="govuk-body">You have no calendar address yet.</p>
      )}
      <p className="govuk-body">
        The address is a secret: anyone who has it can see your actions' titles and details, without signing in. Keep it to yourself, and do not send it by email.
      </p>
      <Form method="post" className="govuk-button-group">
        <button type="submit" name="intent" value="make" className={`govuk-button${made || madeAt ? " govuk-button--secondary" : ""}`}>
          {made || madeAt ? "Reset my calendar address" : "Make my calendar address"}
        </button>
        {made || madeAt ? (
          <button type="submit" name="intent" value="turn-off" className="govuk-button govuk-button--warning">
            Turn off my calendar feed
          </button>
        ) : null}
      </Form>

      <h2 className="govuk-heading-l">Add it to Outlook</h2>
      <ol className="govuk-list govuk-list--number">
        <li>In Outlook on the web or the new Outlook, open the calendar and choose Add calendar, then Subscribe from web.</li>
        <li>Paste your calendar address, name it (for example “Primed actions”) and choose Import.</li>
      </ol>
      <p className="govuk-body">
        In classic Outlook for Windows, choose Add calendar, then From Internet, and paste the address. If Outlook says it cannot add the calendar, ask your Primed administrator:
        Outlook on the web fetches it from Microsoft's servers, which must be able to reach Primed.
      </p>

      <h2 className="govuk-heading-l">Add it to your phone</h2>
      <ul className="govuk-list govuk-list--bullet">
        <li>Outlook app: subscribe in Outlook on the web as above, and the calendar shows in the app too.</li>
        <li>iPhone or iPad: open Settings, then Calendar, Calendar Accounts, Add Account, Other, Add Subscribed Calendar, and paste the address.</li>
        <li>Android: add it in Google Calendar on a computer (Other calendars, then From URL); it then shows on your phone.</li>
      </ul>
    </>
  );
}

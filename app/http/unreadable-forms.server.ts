/*
 * A posted body that is not a form Primed can read (cut off, the wrong type,
 * a multipart with no boundary) is the sender's mistake: a 400 with a message
 * on the error page, not a 500. Every action reads its form with
 * `request.formData()`, which throws on such a body; rather than wrap each
 * call, the server gives each action a request whose formData() turns that
 * failure into the 400. Used by the Express server in bin/serve.ts.
 */
import { data, type ServerBuild } from "@remix-run/node";

export const UNREADABLE_FORM = "Primed could not read the form that was sent: it was cut off, or not sent as a form. Go back to the page, reload it and try again.";

function withReadableForm(request: Request): Request {
  const read = request.formData.bind(request);
  request.formData = async () => {
    try {
      return await read();
    } catch {
      throw data(UNREADABLE_FORM, { status: 400 });
    }
  };
  return request;
}

/** The build, with every route's action reading its form as above. */
export function refuseUnreadableForms(build: ServerBuild): ServerBuild {
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const action = route.module.action;
      if (!action) return [id, route];
      return [id, { ...route, module: { ...route.module, action: (args: Parameters<typeof action>[0]) => action({ ...args, request: withReadableForm(args.request) }) } }];
    }),
  );
  return { ...build, routes };
}

/**
 * Why an upload (a multipart form) could not be read, for the page to say. Remix's parser cannot read a
 * file name with ";" or "=" in it, which browsers send as they are: trying again would fail the same way.
 */
export function unreadableUploadMessage(error: unknown): string {
  return error instanceof Error && /content-disposition/i.test(error.message)
    ? 'Primed cannot read the name of this file. Rename it without ";" or "=" in its name, then choose it again.'
    : "The upload did not arrive whole. Choose the file and try again.";
}

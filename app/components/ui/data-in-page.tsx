/*
 * The element that holds a page's data text when it is sent in the page
 * (app/http/sent-in-page.server.ts). Render it wherever the page reads that
 * data: on the server it is written from the text the loader kept, in the
 * browser it is the same element as the server wrote it, so hydrating it
 * changes nothing.
 */
import { createContext, useContext } from "react";
import { scriptSafe, textInPage, type Sent, type SentInPage } from "~/http/sent-as-text";

/** Set by the server's entry (app/entry.server.tsx): the element's content for a text, as the page writes it. */
export type DataInPageWriter = (sent: SentInPage<unknown>) => string;

export const DataInPageContext = createContext<DataInPageWriter | null>(null);

export function DataInPage({ sent }: { sent: Sent<unknown> }) {
  const write = useContext(DataInPageContext);
  if (!("inPage" in sent)) return null;
  // In the browser, the text as the element holds it: the same characters the server wrote.
  const html = write ? write(sent) : scriptSafe(textInPage(sent));
  return <script type="application/json" id={sent.inPage} dangerouslySetInnerHTML={{ __html: html }} />;
}

/*
 * The words of each reminder. Mail leaves the council's systems, so it
 * carries no case detail: action titles, team names, months, dates, counts
 * and a link back to Primed, where the person signs in to see the rest.
 */
import { formatDate, formatMonthLong, type IsoDate, type IsoMonth } from "~/dates";

export interface Letter {
  subject: string;
  bodyText: string;
}

const signOff = (publicUrl: string) => `\n\n--\nPrimed. You can choose which reminders you get on your account page: ${publicUrl}/account/reminders`;

export interface ActionInWords {
  id: number;
  title: string;
  teamName: string;
  deadline: IsoDate;
}

const actionLink = (publicUrl: string, id: number) => `${publicUrl}/actions/${id}`;

export function actionGivenLetter(publicUrl: string, action: ActionInWords): Letter {
  return {
    subject: `Primed: an action for you, due ${formatDate(action.deadline)}`,
    bodyText: `You have been given an action in ${action.teamName}:\n\n  ${action.title}\n\nIts deadline is ${formatDate(action.deadline)}.\n\nOpen it: ${actionLink(publicUrl, action.id)}${signOff(publicUrl)}`,
  };
}

export function dueSoonLetter(publicUrl: string, action: ActionInWords, days: number): Letter {
  const when = days === 0 ? "today" : days === 1 ? "tomorrow" : `in ${days} days`;
  return {
    subject: `Primed: your action is due ${when}`,
    bodyText: `Your action in ${action.teamName} is due ${when} (${formatDate(action.deadline)}):\n\n  ${action.title}\n\nUpdate its progress: ${actionLink(publicUrl, action.id)}${signOff(publicUrl)}`,
  };
}

export function overdueLetter(publicUrl: string, action: ActionInWords): Letter {
  return {
    subject: "Primed: your action is overdue",
    bodyText: `Your action in ${action.teamName} passed its deadline on ${formatDate(action.deadline)}:\n\n  ${action.title}\n\nUpdate its progress, or ask your manager for a new deadline: ${actionLink(publicUrl, action.id)}${signOff(publicUrl)}`,
  };
}

export function escalatedLetter(publicUrl: string, action: ActionInWords, automatically: boolean): Letter {
  return {
    subject: `Primed: an action in ${action.teamName} is escalated to you`,
    bodyText: `An action in ${action.teamName} has been escalated to the head of service${automatically ? " (automatically, for being overdue too long)" : " by its manager"}:\n\n  ${action.title}\n\nIts deadline is ${formatDate(action.deadline)}. Open it to see why: ${actionLink(publicUrl, action.id)}${signOff(publicUrl)}`,
  };
}

export function packIssuedLetter(publicUrl: string, pack: { teamName: string; slug: string; month: IsoMonth }): Letter {
  const link = `${publicUrl}/teams/${pack.slug}/cycle/${pack.month}/pack`;
  return {
    subject: `Primed: ${pack.teamName}'s meeting pack for ${formatMonthLong(pack.month)}`,
    bodyText: `The meeting pack for ${pack.teamName}, ${formatMonthLong(pack.month)}, has been issued. The PDF is attached when Primed could make it.\n\nRead it in Primed: ${link}${signOff(publicUrl)}`,
  };
}

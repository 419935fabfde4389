/*
 * Each team type's meeting terms of reference: the stored ones, else Primed's
 * own. A meeting copies the standing items when it is set up, so a change here
 * applies to meetings not yet set up and never rewrites one on record.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { meetingTemplates, teamTypes, users, type TeamType } from "../../db/schema";
import { audit, actorOf } from "~/audit/audit.server";
import { fieldErrorsOf, type FieldErrors } from "~/forms/form-kit";
import { teamTypeLabels } from "~/reference-data/reference-data";
import { defaultTermsOfReference, termsOfReferenceForm, type TermsOfReferenceValues } from "./terms-of-reference";

export interface TermsOfReference {
  teamType: TeamType;
  label: string;
  purpose: string;
  chair: string;
  decisions: string;
  escalates: string;
  /** The standing items after the follow-up of open actions, which every meeting starts with. */
  standingItems: string[];
  /** True while the team type uses Primed's own terms (never saved by an administrator). */
  isDefault: boolean;
  updatedBy: string | null;
  updatedAt: string | null;
}

const storedItems = z.array(z.string());

/** The team type's terms of reference: the stored ones, else Primed's defaults. */
export function termsOfReferenceFor(db: Db, teamType: TeamType): TermsOfReference {
  const row = db
    .select({
      purpose: meetingTemplates.purpose,
      chair: meetingTemplates.chair,
      decisions: meetingTemplates.decisions,
      escalates: meetingTemplates.escalates,
      standingItems: meetingTemplates.standingItems,
      updatedAt: meetingTemplates.updatedAt,
      updatedBy: users.name,
    })
    .from(meetingTemplates)
    .leftJoin(users, eq(users.id, meetingTemplates.updatedByUserId))
    .where(eq(meetingTemplates.teamType, teamType))
    .get();
  const label = teamTypeLabels[teamType];
  if (!row) {
    const terms = defaultTermsOfReference[teamType];
    return { teamType, label, ...terms, standingItems: [...terms.standingItems], isDefault: true, updatedBy: null, updatedAt: null };
  }
  return { teamType, label, ...row, standingItems: storedItems.parse(JSON.parse(row.standingItems)), isDefault: false };
}

/** Every team type's terms of reference, in the order team types are listed. */
export function listTermsOfReference(db: Db): TermsOfReference[] {
  return teamTypes.map((teamType) => termsOfReferenceFor(db, teamType));
}

/** What the audit trail keeps of a version of the terms. */
const recordOf = ({ purpose, chair, decisions, escalates, standingItems }: TermsOfReferenceValues) => ({ purpose, chair, decisions, escalates, standingItems });

/**
 * Replaces a team type's terms of reference with the posted form's (checked
 * here, so nothing unchecked is stored), with its audit entry holding before
 * and after, in one transaction.
 */
export function saveTermsOfReference(
  db: Db,
  author: { id: number; email: string },
  teamType: TeamType,
  values: Record<string, unknown>,
  now = new Date(),
): { ok: true; terms: TermsOfReference } | { ok: false; errors: FieldErrors } {
  const parsed = termsOfReferenceForm.safeParse(values);
  if (!parsed.success) return { ok: false, errors: fieldErrorsOf(parsed.error) };
  const after = recordOf(parsed.data);
  const terms = db.transaction(() => {
    const before = termsOfReferenceFor(db, teamType);
    const stored = { ...after, standingItems: JSON.stringify(after.standingItems), updatedByUserId: author.id, updatedAt: now.toISOString() };
    db.insert(meetingTemplates)
      .values({ teamType, ...stored })
      .onConflictDoUpdate({ target: meetingTemplates.teamType, set: stored })
      .run();
    audit(db, actorOf(author), { action: "update", entity: "meeting_template", entityId: teamType, before: { ...recordOf(before), isDefault: before.isDefault }, after }, now);
    return termsOfReferenceFor(db, teamType);
  });
  return { ok: true, terms };
}

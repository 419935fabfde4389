/*
 * The Making Data Count icons, drawn as SVG in their style: a circle in the
 * signal's colour with a letter (H, L, P, F, ?) so they read in greyscale,
 * and a text alternative. Pages put the words beside them as well.
 */
import { assuranceWords, classificationColours, variationWords } from "~/interpretation/signal-words";
import type { AssuranceIcon, VariationIcon } from "~/interpretation/spc";

const SIZE = 40;

function Badge({ colour, letter, label, dashed }: { colour: string; letter: string; label: string; dashed?: boolean }) {
  return (
    <svg className="app-spc-icon" width={SIZE} height={SIZE} viewBox="0 0 40 40" role="img" aria-label={label} focusable="false">
      <title>{label}</title>
      <circle cx="20" cy="20" r="17" fill="#ffffff" stroke={colour} strokeWidth="4" strokeDasharray={dashed ? "5 3" : undefined} />
      <text x="20" y="26" textAnchor="middle" fontSize="17" fontWeight="700" fontFamily="Arial, sans-serif" fill="#0b0c0c">
        {letter}
      </text>
    </svg>
  );
}

export function VariationIconSvg({ icon }: { icon: VariationIcon }) {
  const [kind, side] = icon === "common_cause" ? ["common_cause", ""] : (icon.split("_") as [string, string]);
  const colour =
    kind === "improvement"
      ? classificationColours.improvement
      : kind === "concern"
        ? classificationColours.concern
        : kind === "neither"
          ? classificationColours.neither
          : classificationColours.common_cause;
  const letter = side === "high" ? "H" : side === "low" ? "L" : "~";
  return <Badge colour={colour} letter={letter} label={variationWords[icon]} />;
}

export function AssuranceIconSvg({ icon }: { icon: AssuranceIcon }) {
  const colour = icon === "pass" ? classificationColours.improvement : icon === "fail" ? classificationColours.concern : classificationColours.common_cause;
  const letter = icon === "pass" ? "P" : icon === "fail" ? "F" : "?";
  return <Badge colour={colour} letter={letter} label={assuranceWords[icon]} dashed={icon === "hit_or_miss"} />;
}

/** Both icons with their words, as the report's summary and the chart page show them. */
export function SignalIcons({ variation, assurance, whyNone }: { variation: VariationIcon | null; assurance: AssuranceIcon | null; whyNone?: string | null }) {
  if (!variation) return <span className="govuk-body-s">No icons: {whyNone ?? "no limits"}.</span>;
  return (
    <span className="app-spc-icons">
      <span className="app-spc-icons__item">
        <VariationIconSvg icon={variation} />
        <span className="govuk-body-s">{variationWords[variation]}</span>
      </span>
      {assurance && (
        <span className="app-spc-icons__item">
          <AssuranceIconSvg icon={assurance} />
          <span className="govuk-body-s">{assuranceWords[assurance]}</span>
        </span>
      )}
    </span>
  );
}

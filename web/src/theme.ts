// Colours and names for labels and relation types.
import type { Label } from "./api";
import { lang } from "./i18n";

/** The ontology's labels in display order, each with its colour. */
export const LABELS: { label: Label; color: string; name: string }[] = [
  { label: "ActionPlan", color: "#c0392b", name: "Action plan" },
  { label: "Actielijn", color: "#e67e22", name: "Actielijn" },
  { label: "Action", color: "#f5b041", name: "Action" },
  { label: "Proposal", color: "#b7950b", name: "Proposal" },
  { label: "Organisation", color: "#2471a3", name: "Organisation" },
  { label: "Person", color: "#8e44ad", name: "Person" },
  { label: "Office", color: "#bb8fce", name: "Office" },
  { label: "Party", color: "#d35fa0", name: "Party" },
  { label: "Motion", color: "#239b56", name: "Motion" },
  { label: "Commitment", color: "#82c785", name: "Commitment" },
  { label: "Event", color: "#48c9b0", name: "Event" },
  { label: "Document", color: "#7f8c8d", name: "Document" },
  { label: "Report", color: "#1abc9c", name: "Report" },
  { label: "Legislation", color: "#8d6e63", name: "Legislation" },
];

const byLabel = new Map(LABELS.map((l) => [l.label as string, l]));

export function labelColor(label: string): string {
  return byLabel.get(label)?.color ?? "#95a5a6";
}

const LABEL_NL: Record<string, string> = {
  ActionPlan: "Actieplan",
  Actielijn: "Actielijn",
  Action: "Actie",
  Proposal: "Voorstel",
  Organisation: "Organisatie",
  Person: "Persoon",
  Office: "Ambt",
  Party: "Fractie",
  Motion: "Motie",
  Commitment: "Toezegging",
  Event: "Gebeurtenis",
  Document: "Document",
  Report: "Rapport",
  Legislation: "Wetgeving",
};

export function labelName(label: string): string {
  if (lang === "nl" && LABEL_NL[label]) return LABEL_NL[label];
  return byLabel.get(label)?.name ?? label;
}

/** Base node size by label: the plan's structure stands out, documents recede. */
export function labelSize(label: string): number {
  switch (label) {
    case "ActionPlan":
      return 16;
    case "Actielijn":
      return 11;
    case "Organisation":
      return 8;
    case "Document":
      return 6;
    default:
      return 6;
  }
}

/** Relation types in the ontology's order, with a reading for the panel. */
export const RELATION_TYPES: { type: string; out: string; in: string }[] = [
  { type: "PART_OF", out: "part of", in: "has part" },
  { type: "HOLDS", out: "holds (actiehouder)", in: "held by" },
  { type: "EXECUTES", out: "executes", in: "executed by" },
  { type: "COORDINATES", out: "coordinates", in: "coordinated by" },
  { type: "COMMISSIONED", out: "commissioned", in: "commissioned by" },
  { type: "PUBLISHED", out: "published", in: "published by" },
  { type: "MEMBER_OF", out: "member of", in: "has member" },
  { type: "HOLDS_OFFICE", out: "holds office", in: "office held by" },
  { type: "SUBMITTED", out: "submitted", in: "submitted by" },
  { type: "SUBMITTED_IN", out: "submitted in", in: "motion submitted" },
  { type: "MADE_IN", out: "made in", in: "commitment made" },
  { type: "ATTENDED", out: "took part in", in: "attended by" },
  { type: "RESPONDS_TO", out: "responds to", in: "responded to by" },
  { type: "RELATES_TO", out: "relates to", in: "related from" },
  { type: "SIGNED_BY", out: "signed by", in: "signed" },
  { type: "ON_BEHALF_OF", out: "on behalf of", in: "on whose behalf" },
  { type: "ADDRESSED_TO", out: "addressed to", in: "addressed in" },
  { type: "CITES", out: "cites", in: "cited by" },
  { type: "MENTIONS", out: "mentions", in: "mentioned in" },
];

const typeOrder = new Map(RELATION_TYPES.map((t, i) => [t.type, i]));

export function typeRank(type: string): number {
  return typeOrder.get(type) ?? RELATION_TYPES.length;
}

/** Dutch readings: [outgoing, incoming]. */
const READING_NL: Record<string, [string, string]> = {
  PART_OF: ["onderdeel van", "heeft als onderdeel"],
  HOLDS: ["actiehouder van", "actiehouder"],
  EXECUTES: ["voert uit", "uitgevoerd door"],
  COORDINATES: ["coördineert", "gecoördineerd door"],
  COMMISSIONED: ["gaf opdracht voor", "in opdracht van"],
  PUBLISHED: ["publiceerde", "gepubliceerd door"],
  MEMBER_OF: ["lid van", "heeft als lid"],
  HOLDS_OFFICE: ["bekleedt ambt", "ambt bekleed door"],
  SUBMITTED: ["diende in", "ingediend door"],
  SUBMITTED_IN: ["ingediend bij", "motie ingediend"],
  MADE_IN: ["gedaan in", "toezegging gedaan"],
  ATTENDED: ["nam deel aan", "deelnemers"],
  RESPONDS_TO: ["reageert op", "beantwoord door"],
  RELATES_TO: ["houdt verband met", "verband vanuit"],
  SIGNED_BY: ["ondertekend door", "ondertekende"],
  ON_BEHALF_OF: ["namens", "namens wie"],
  ADDRESSED_TO: ["gericht aan", "aangesproken in"],
  CITES: ["verwijst naar", "aangehaald door"],
  MENTIONS: ["noemt", "genoemd in"],
};

export function relationReading(type: string, direction: "OUT" | "IN"): string {
  if (lang === "nl" && READING_NL[type]) return READING_NL[type][direction === "OUT" ? 0 : 1];
  const t = RELATION_TYPES.find((r) => r.type === type);
  if (!t) return `${type} ${direction === "OUT" ? "→" : "←"}`;
  return direction === "OUT" ? t.out : t.in;
}

export const EDGE_COLOR = "#c3c9d0";
export const EDGE_COLOR_STRONG = "#8a96a3";
export const FADED_NODE = "#e4e7eb";
export const FADED_EDGE = "#eef0f3";
export const PATH_COLOR = "#e74c3c";

/**
 * Motion nodes are coloured by where they stand (as of the timeline's date): greys and
 * ambers before a decision, red when rejected or withdrawn, greens from adopted to done.
 */
export const MOTION_STATUSES: { status: string; color: string; name: string; nl: string }[] = [
  { status: "SUBMITTED", color: "#95a5a6", name: "submitted", nl: "ingediend" },
  { status: "HELD", color: "#f4d03f", name: "held", nl: "aangehouden" },
  { status: "AMENDED", color: "#d4ac0d", name: "amended", nl: "gewijzigd" },
  { status: "WITHDRAWN", color: "#a04000", name: "withdrawn", nl: "ingetrokken" },
  { status: "REJECTED", color: "#c0392b", name: "rejected", nl: "verworpen" },
  { status: "ADOPTED", color: "#58d68d", name: "adopted", nl: "aangenomen" },
  { status: "IN_PROGRESS", color: "#239b56", name: "in progress", nl: "in uitvoering" },
  { status: "COMPLETED", color: "#0b5345", name: "completed", nl: "afgedaan" },
];

const statusInfo = new Map(MOTION_STATUSES.map((s) => [s.status, s]));

const COMMITMENT_COLORS: Record<string, string> = { MADE: "#f4d03f", REPORTED: "#58d68d", FULFILLED: "#0b5345" };

/** The colour of a motion (or commitment) with this status; the Motion label's colour when it is unknown. */
export function statusColor(status: string | null): string {
  return (status && (statusInfo.get(status)?.color ?? COMMITMENT_COLORS[status])) || labelColor("Motion");
}

/** A status as people read it ("in uitvoering"); commitment statuses as they are. */
export function statusName(status: string): string {
  const s = statusInfo.get(status);
  if (s) return lang === "nl" ? s.nl : s.name;
  const c: Record<string, [string, string]> = { MADE: ["made", "toegezegd"], REPORTED: ["reported on", "gerapporteerd"], FULFILLED: ["fulfilled", "nagekomen"] };
  return c[status] ? c[status][lang === "nl" ? 1 : 0] : status;
}

/**
 * Where a motion stood on a date: its latest dated step on or before it (steps come in date
 * order, undated last); with no date, its latest step, unless an undated one outranks it,
 * as the API's `status` says. null when no step is that old.
 */
export function statusAsOf(steps: { date: string | null; status: string }[] | null, date: string | null): string | null {
  if (!steps?.length) return null;
  let cur: string | null = null;
  for (const s of steps) {
    if (!s.date || (date && s.date > date)) break;
    cur = s.status;
  }
  if (date) return cur;
  const rank = (s: string | null) => MOTION_STATUSES.findIndex((x) => x.status === s);
  for (const s of steps) if (!s.date && rank(s.status) > rank(cur)) cur = s.status;
  return cur;
}

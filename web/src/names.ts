// How nodes are named on screen: short labels in the graph ("Actie 17"), full names on hover,
// selection and in the panel, and motions told apart by number and date
// ("motie 28 638 nr. 224 — Mutluer c.s., 27-09-2023").

export interface Nameable {
  id: string;
  label: string;
  name: string;
  number?: number | null;
  dossier?: string | null;
  dateSubmitted?: string | null;
  date?: string | null;
}

/** An ISO date (2023-09-27) in Dutch order: 27-09-2023. */
export function dutchDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : iso;
}

export function shorten(s: string, n = 42): string {
  const chars = Array.from(s);
  return chars.length <= n ? s : chars.slice(0, n - 1).join("").trimEnd() + "…";
}

/** The full display name: what the panel, the hover box and the search results show. */
export function fullName(n: Nameable): string {
  if (n.label === "Motion") {
    const who = n.name.replace(/^motie[-\s]*/i, "");
    const when = n.dateSubmitted ? `, ${dutchDate(n.dateSubmitted)}` : "";
    if (n.dossier && n.number != null) return `motie ${n.dossier} nr. ${n.number} — ${who}${when}`;
    return `${n.name}${when}`;
  }
  if (n.label === "Action" && n.number != null && !/^actie\s/i.test(n.name)) return `Actie ${n.number}: ${n.name}`;
  return n.name;
}

/** The label drawn next to a node in the graph. */
export function shortName(n: Nameable): string {
  if (n.label === "Action" && n.number != null) return `Actie ${n.number}`;
  if (n.label === "Motion") return shorten(fullName(n), 64);
  return shorten(n.name, 42);
}

/** An enum value for people: SUBMITTED → submitted, ON_BEHALF_OF → on behalf of. */
export function humanise(v: string): string {
  if (/^[A-Z]{2,3}$/.test(v)) return v; // NGO, EU, UN
  return /^[A-Z0-9_]+$/.test(v) ? v.toLowerCase().replace(/_/g, " ") : v;
}

/** The official publication of a Kamerstuk: https://zoek.officielebekendmakingen.nl/kst-28638-224.html */
export function officialUrl(d: { dossier?: string | null; number?: number | null; citation?: string | null }): string | null {
  let dossier = d.dossier ?? null;
  let number = d.number ?? null;
  if ((!dossier || number == null) && d.citation) {
    const m = /Kamerstuk(?:ken)?\s+([0-9][0-9A-Z ]*?),\s*nr\.\s*(\d+)/i.exec(d.citation);
    if (m) {
      dossier = m[1];
      number = Number(m[2]);
    }
  }
  if (!dossier || number == null) return null;
  // "28 638" → 28638; "35 570 VI" → 35570-VI (the publication's own spelling).
  const parts = dossier.trim().split(/\s+/);
  const digits = parts.filter((p) => /^\d+$/.test(p)).join("");
  const rest = parts.filter((p) => !/^\d+$/.test(p));
  if (!digits) return null;
  return `https://zoek.officielebekendmakingen.nl/kst-${[digits, ...rest].join("-")}-${number}.html`;
}

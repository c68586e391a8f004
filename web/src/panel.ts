// The side panel: a node's properties and relations, each relation with the sentences that
// state it and their documents; a relation on its own; and the document view with the quote
// highlighted.
import { citeDoc, type Decision, type DocumentText, type Evidence, type NodeDetails, type RelationEdge, type StatusStep } from "./api";
import { append, clear, h } from "./dom";
import { lang, t } from "./i18n";
import { dutchDate, fullName, humanise, officialUrl, type Nameable } from "./names";
import { labelColor, labelName, relationReading, statusAsOf, statusColor, statusName, typeRank } from "./theme";

export interface PanelActions {
  open(id: string): void;
  expand(id: string): void;
  pathFrom(id: string): void;
  showDocument(docId: string, ev: Evidence | null): void;
  inGraph(id: string): boolean;
  isExpanded(id: string): boolean;
  close(): void;
  /** The timeline's date (null: today): a status is shown as it stood then. */
  asOf(): string | null;
}

const dateFmt = new Intl.DateTimeFormat(lang === "nl" ? "nl-NL" : "en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

export function fmtDate(d: string | null | undefined): string {
  if (!d) return t("undated");
  const ms = Date.parse(d + "T00:00:00Z");
  return Number.isNaN(ms) ? d : dateFmt.format(ms);
}

const euro = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR", maximumFractionDigits: 0 });

export function badge(label: string) {
  return h("span.badge", { style: { background: labelColor(label) } }, labelName(label));
}

const PROP_NAMES: Record<string, string> = {
  furthestStatus: "Furthest status",
  open: "Open",
  madeBy: "Made by",
  since: "In the graph since",
  kind: "Kind",
  title: "Title",
  date: "Date",
  citation: "Citation",
  kenmerk: "Kenmerk",
  dossier: "Dossier",
  number: "Number",
  sourceFile: "Source file",
  initials: "Initials",
  partyName: "Party",
  abbreviation: "Abbreviation",
  dateSubmitted: "Submitted",
  dateAdopted: "Adopted",
  status: "Status",
  request: "Request",
  submitterNames: "Submitters",
  description: "Description",
  budgetTotal: "Budget (total)",
  budget: "Budget",
  theme: "Theme",
  appraisal: "Appraisal",
  estimatedCost: "Estimated cost",
};

function propValue(key: string, v: unknown): string | null {
  if (v === null || v === undefined || v === "") return null;
  if (Array.isArray(v)) {
    if (!v.length) return null;
    if (key === "budget") return (v as { year: number; euro: number }[]).map((b) => `${b.year}: ${euro.format(b.euro)}`).join(" · ");
    return v.join(", ");
  }
  if (key === "budgetTotal" && typeof v === "number") return euro.format(v);
  if ((key === "status" || key === "furthestStatus") && typeof v === "string") return statusName(v);
  if (key === "kind" && typeof v === "string") return humanise(v);
  if (key === "open" && typeof v === "boolean") return v ? t("yes: not fulfilled") : t("no: fulfilled");
  if (key === "since" && typeof v === "string") return fmtDate(v);
  if (key.toLowerCase().startsWith("date") && typeof v === "string") return fmtDate(v);
  return String(v);
}

/** A regular expression matching any of the names (longest first), or null. */
function namesPattern(names: string[]): RegExp | null {
  const uniq = [...new Set(names.map((n) => n.trim()).filter((n) => n.length >= 2))].sort((a, b) => b.length - a.length);
  if (!uniq.length) return null;
  const esc = uniq.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`(${esc.join("|")})`, "giu");
}

/** The quote with the names in it marked. */
function highlighted(quote: string, names: string[]): (Node | string)[] {
  const re = namesPattern(names);
  if (!re) return [quote];
  const out: (Node | string)[] = [];
  let last = 0;
  for (const m of quote.matchAll(re)) {
    const i = m.index ?? 0;
    if (i > last) out.push(quote.slice(last, i));
    out.push(h("mark.name", null, m[0]));
    last = i + m[0].length;
  }
  if (last < quote.length) out.push(quote.slice(last));
  return out;
}

/** How many of the name groups (one end, the other end) a quote names. */
function ends(quote: string, groups: string[][]): number {
  let k = 0;
  for (const g of groups) {
    const re = namesPattern(g);
    if (re && re.test(quote)) k++;
  }
  return k;
}

/** Evidence that names both ends first, then one, then neither (stable otherwise). */
export function byEnds(evs: Evidence[], groups: string[][]): Evidence[] {
  if (!groups.length) return evs;
  return evs.map((ev, i) => ({ ev, i, k: ends(ev.quote, groups) })).sort((a, b) => b.k - a.k || a.i - b.i).map((x) => x.ev);
}

/** The citation of a quote, as one pastes it into a report. */
export function citationText(ev: Evidence): string {
  const url = officialUrl(ev.document);
  const date = ev.document.date ? `, ${dutchDate(ev.document.date)}` : "";
  return `“${ev.quote}” — ${citeDoc(ev.document)}${date}${url ? `. ${url}` : ""}`;
}

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const ta = h("textarea", { style: { position: "fixed", left: "-9999px" } });
    ta.value = text;
    document.body.append(ta);
    ta.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch {
      ok = false;
    }
    ta.remove();
    return ok;
  }
}

/** Quotes longer than this are folded to a few lines, with a button for the rest. */
const LONG_QUOTE = 320;

function evidenceItem(ev: Evidence, actions: PanelActions, names: string[] = []) {
  const long = Array.from(ev.quote).length > LONG_QUOTE;
  const quote = h(long ? "blockquote.clamped" : "blockquote", null, highlighted(ev.quote, names));
  const toggle = long
    ? h("button.link.quote-more", { type: "button", "aria-expanded": "false" }, t("full quote"))
    : null;
  toggle?.addEventListener("click", () => {
    const open = quote.classList.toggle("clamped") === false;
    toggle.textContent = open ? t("shorter") : t("full quote");
    toggle.setAttribute("aria-expanded", String(open));
  });
  const url = officialUrl(ev.document);
  const copyBtn = h("button.link.copy-cite", { type: "button", title: t("Copy the quote with its citation and link") }, t("copy citation"));
  copyBtn.addEventListener("click", async () => {
    const ok = await copy(citationText(ev));
    copyBtn.textContent = ok ? t("copied") : t("copy failed");
    window.setTimeout(() => (copyBtn.textContent = t("copy citation")), 2000);
  });
  return h(
    "li.evidence",
    null,
    quote,
    toggle,
    h(
      "div.source",
      null,
      h("span.citation", { title: ev.document.title ?? ev.document.name }, citeDoc(ev.document)),
      " · ",
      h("time", { datetime: ev.document.date ?? "" }, fmtDate(ev.document.date)),
      " · ",
      h("button.link.open-doc", { type: "button", onclick: () => actions.showDocument(ev.documentId, ev) }, t("show in document")),
      url ? [" · ", h("a.official", { href: url, target: "_blank", rel: "noopener noreferrer", title: t("The official publication") }, "officielebekendmakingen.nl")] : null,
      " · ",
      copyBtn,
    ),
  );
}

/** A list of evidence, the first few shown and the rest behind a button. */
export function evidenceList(evs: Evidence[], actions: PanelActions, shown = 2, groups: string[][] = []) {
  const names = groups.flat();
  evs = byEnds(evs, groups);
  const ul = h("ul.evidence-list");
  evs.slice(0, shown).forEach((ev) => ul.append(evidenceItem(ev, actions, names)));
  if (evs.length > shown) {
    const more = h("button.link.more", { type: "button" }, evs.length - shown > 1 ? t("+ {n} more sentences", { n: evs.length - shown }) : t("+ 1 more sentence"));
    more.addEventListener("click", () => {
      const li = more.parentElement!;
      const next = evs.slice(shown).map((ev) => evidenceItem(ev, actions, names));
      li.replaceWith(...next);
      next[0]?.querySelector<HTMLElement>("blockquote")?.setAttribute("tabindex", "-1");
      next[0]?.querySelector<HTMLElement>("blockquote")?.focus();
    });
    ul.append(h("li", null, more));
  }
  if (!evs.length) ul.append(h("li.none", null, t("No supporting sentence recorded.")));
  return ul;
}

const VOTE_ORDER = ["FOR", "AGAINST", "NOT_PARTICIPATED"];
const VOTE_NAMES: Record<string, string> = { FOR: "For", AGAINST: "Against", NOT_PARTICIPATED: "Did not take part" };
const RESULT_NAMES: Record<string, string> = { ADOPTED: "Adopted", REJECTED: "Rejected", HELD: "Held", WITHDRAWN: "Withdrawn", OTHER: "Other decision" };

/** A motion's decisions: date, result and wording, the fracties' votes grouped by how they
 * voted (with their seats), and the record that states it, shown like a quote. */
function decisionList(ds: Decision[], actions: PanelActions) {
  return h(
    "ol.decisions",
    null,
    ds.map((d) => {
      const groups = VOTE_ORDER.map((v) => [v, d.votes.filter((x) => x.vote === v)] as const).filter(([, vs]) => vs.length);
      return h(
        "li.decision",
        { dataset: { result: d.result } },
        h("p.decision-head", null, h("strong", null, t(RESULT_NAMES[d.result] ?? d.result)), ` · ${fmtDate(d.date)} · `, h("q", null, d.text)),
        groups.length
          ? h(
              "dl.votes",
              null,
              groups.map(([v, vs]) => [
                h("dt", null, t(VOTE_NAMES[v]), ` (${vs.reduce((n, x) => n + (x.seats ?? 0), 0)} ${t("seats")})`),
                h("dd", null, vs.map((x) => [nodeLink(x.party, actions), x.seats ? h("span.seats", null, ` ${x.seats}`) : null])),
              ]),
            )
          : h("p.note", null, t("Not put to the vote.")),
        evidenceList([d.evidence], actions, 1),
      );
    }),
  );
}

function nodeLink(n: Nameable, actions: PanelActions) {
  return h(
    "button.nodelink",
    { type: "button", title: `${n.id} — ${actions.inGraph(n.id) ? "select" : "add to the graph"}`, onclick: () => actions.open(n.id) },
    h("span.dot", { style: { background: labelColor(n.label) } }),
    h("span.name", null, fullName(n)),
    actions.inGraph(n.id) ? null : h("span.add", null, "+"),
  );
}

export function renderNode(el: HTMLElement, d: NodeDetails, actions: PanelActions) {
  clear(el);
  const asOf = actions.asOf();
  const props = Object.entries(d.props)
    .map(([k, v]) => (k === "status" && asOf && d.history?.length ? statusThen(d.history, asOf) : ([k, propValue(k, v)] as const)))
    .filter(([k, v]) => v !== null && !(k === "title" && v === d.name));
  const groups = new Map<string, RelationEdge[]>();
  for (const e of d.relations.edges) {
    const key = `${e.type}|${e.direction}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(e);
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => {
    const [ta, da] = a.split("|");
    const [tb, db] = b.split("|");
    return typeRank(ta) - typeRank(tb) || da.localeCompare(db);
  });
  const strong = ordered.filter(([k]) => !k.startsWith("MENTIONS") && !k.startsWith("CITES")).length;

  append(el, [
    h(
      "header.panel-head",
      null,
      h("button.close", { type: "button", title: t("Close (Esc)"), "aria-label": t("Close"), onclick: () => actions.close() }, "×"),
      badge(d.label),
      h("h2", { tabindex: "-1" }, fullName(d)),
      h("code.id", null, d.id),
      d.aliases.length ? h("p.aliases", null, t("Also: "), d.aliases.join(" · ")) : null,
      h(
        "div.actions",
        null,
        h(
          "button.expand",
          { type: "button", onclick: () => actions.expand(d.id), disabled: actions.isExpanded(d.id) },
          actions.isExpanded(d.id) ? t("Neighbours shown") : t("Expand neighbours ({n})", { n: d.relations.totalCount }),
        ),
        h("button.path-from", { type: "button", onclick: () => actions.pathFrom(d.id) }, t("Path from here…")),
        d.label === "Document" ? h("button.read", { type: "button", onclick: () => actions.showDocument(d.id, null) }, t("Read document")) : null,
      ),
    ),
    props.length
      ? h(
          "dl.props",
          null,
          props.map(([k, v]) => [h("dt", null, k === "status" && asOf ? t("Status on {date}", { date: fmtDate(asOf) }) : t(PROP_NAMES[k] ?? k)), h("dd", null, v)]),
        )
      : null,
    d.history?.length ? historyList(d.history, actions, asOf) : null,
    d.decisions.length ? [h("h3", null, t("Decisions"), " ", h("span.count", null, String(d.decisions.length))), decisionList(d.decisions, actions)] : null,
    h("h3", null, t("Relations"), " ", h("span.count", null, String(d.relations.totalCount))),
    d.relations.totalCount > d.relations.edges.length
      ? h("p.note", null, t("Showing the first {n} of {total}.", { n: d.relations.edges.length, total: d.relations.totalCount }))
      : null,
  ]);
  const rels = h("div.relations");
  for (const [key, edges] of ordered) {
    const [type, dir] = key.split("|") as [string, "OUT" | "IN"];
    const body = h("ul.rel-items");
    for (const e of edges) {
      body.append(
        h(
          "li.rel",
          { dataset: { edge: e.id } },
          nodeLink(e.node, actions),
          evidenceList(e.evidence, actions, type === "MENTIONS" ? 1 : 2, [[d.name, ...d.aliases], [e.node.name]]),
        ),
      );
    }
    const det = h(
      "details.rel-group",
      { open: strong === 0 || !(type === "MENTIONS" || type === "CITES") || ordered.length <= 2 },
      h("summary", { title: type }, h("span.reading", null, relationReading(type, dir)), h("span.count", null, String(edges.length))),
      body,
    );
    rels.append(det);
  }
  if (!ordered.length) rels.append(h("p.note", null, t("No relations.")));
  el.append(rels);
  if (d.mentions.length) {
    el.append(
      h(
        "details.mentions",
        null,
        h("summary", null, h("h3", null, t("Where it is mentioned "), h("span.count", null, String(d.mentions.length)))),
        evidenceList(d.mentions, actions, 3, [[d.name, ...d.aliases]]),
      ),
    );
  }
}

/**
 * The status row as it stood on the timeline's date: the API's `status` is today's, so the
 * row is recomputed from the steps (as the graph's colours are) rather than left to say
 * "adopted" on a date before the vote.
 */
function statusThen(steps: StatusStep[], asOf: string): readonly [string, string | null] {
  const s = statusAsOf(steps, asOf);
  return ["status", s ? statusName(s) : t("no dated step yet")];
}

/**
 * A motion's or commitment's status steps: a dated list, each with the sentence that says so.
 * With the timeline on a date, the steps after it are marked as later (dimmed, and said so).
 */
function historyList(steps: StatusStep[], actions: PanelActions, asOf: string | null) {
  return h(
    "section.history",
    null,
    h("h3", null, t("History"), " ", h("span.count", null, String(steps.length))),
    h(
      "ol.steps",
      null,
      steps.map((s) =>
        h(
          asOf && s.date && s.date > asOf ? "li.step.later" : "li.step",
          { dataset: { status: s.status, date: s.date ?? "" } },
          h("span.when", null, s.date ? fmtDate(s.date) : t("undated")),
          asOf && s.date && s.date > asOf ? h("span.later-note", null, ` (${t("after the timeline's date")})`) : null,
          " ",
          h("span.status", { style: { background: statusColor(s.status) } }, statusName(s.status)),
          s.evidence ? evidenceList([s.evidence], actions, 1) : null,
        ),
      ),
    ),
  );
}

export interface EdgeInfo {
  id: string;
  type: string;
  from: Nameable;
  to: Nameable;
  evidence: Evidence[];
}

export function renderEdge(el: HTMLElement, e: EdgeInfo, actions: PanelActions) {
  clear(el);
  el.append(
    h(
      "header.panel-head",
      null,
      h("button.close", { type: "button", title: t("Close (Esc)"), "aria-label": t("Close"), onclick: () => actions.close() }, "×"),
      h("span.badge.rel-badge", null, humanise(e.type)),
      h("h2.edge-title", null, nodeLink(e.from, actions), h("span.arrow", null, ` ${relationReading(e.type, "OUT")} → `), nodeLink(e.to, actions)),
      h("code.id", null, e.id),
    ),
    h("h3", null, t("Why the graph says so "), h("span.count", null, String(e.evidence.length))),
    evidenceList(e.evidence, actions, 6, [[e.from.name], [e.to.name]]),
  );
}

/** The document's normalised text with the quote at [start, end) (code points) highlighted. */
export function renderDocument(
  el: HTMLElement,
  doc: DocumentText,
  ev: Evidence | null,
  onClose: () => void,
  onShowInGraph: () => void,
): { ok: boolean } {
  clear(el);
  const text = doc.text ?? "";
  const chars = Array.from(text);
  let ok = true;
  let before = text;
  let quote = "";
  let after = "";
  if (ev) {
    const slice = chars.slice(ev.start, ev.end).join("");
    if (ev.start >= 0 && ev.end <= chars.length && slice === ev.quote) {
      before = chars.slice(0, ev.start).join("");
      quote = slice;
      after = chars.slice(ev.end).join("");
    } else {
      // The offsets do not match the text: fall back to finding the quote.
      ok = false;
      const i = text.indexOf(ev.quote);
      if (i >= 0) {
        before = text.slice(0, i);
        quote = ev.quote;
        after = text.slice(i + ev.quote.length);
      }
    }
  }
  const mark = quote ? h("mark", { id: "quote" }, quote) : null;
  el.append(
    h(
      "header.doc-head",
      null,
      h("button.close", { type: "button", title: t("Close (Esc)"), "aria-label": t("Close"), onclick: onClose }, "×"),
      badge("Document"),
      h("h2", null, doc.title || doc.name),
      h(
        "p.doc-meta",
        null,
        h("span.citation", null, citeDoc(doc)),
        " · ",
        h("time", null, fmtDate(doc.date)),
        doc.kind ? ` · ${humanise(doc.kind)}` : null,
        officialUrl(doc) ? [" · ", h("a.official", { href: officialUrl(doc)!, target: "_blank", rel: "noopener noreferrer" }, t("official publication"))] : null,
      ),
      h(
        "div.actions",
        null,
        h("button", { type: "button", onclick: onShowInGraph }, t("Show document in graph")),
        mark ? h("button", { type: "button", onclick: () => mark.scrollIntoView({ block: "center" }) }, t("Go to quote")) : null,
      ),
      ev && !ok ? h("p.warn", null, t("The quote's offsets do not match this text; it was found by searching instead.")) : null,
    ),
    text ? h("div.doc-text", null, before, mark, after) : h("p.note", null, t("This document is known only by reference; there is no text.")),
  );
  if (mark) requestAnimationFrame(() => mark.scrollIntoView({ block: "center" }));
  return { ok };
}

export interface PathStep {
  node: Nameable;
  /** The edge to the next node, and whether it points forward along the path. */
  edge?: { id: string; type: string; forward: boolean; evidence: Evidence[] };
}

export function renderPath(el: HTMLElement, steps: PathStep[], actions: PanelActions & { clearPath(): void }) {
  clear(el);
  const first = steps[0]?.node;
  const last = steps[steps.length - 1]?.node;
  el.append(
    h(
      "header.panel-head",
      null,
      h("button.close", { type: "button", title: t("Close (Esc)"), "aria-label": t("Close"), onclick: () => actions.close() }, "×"),
      h("span.badge.path-badge", null, t("Shortest path")),
      h("h2", { tabindex: "-1" }, `${first ? fullName(first) : ""} → ${last ? fullName(last) : ""}`),
      h("p.note", null, steps.length === 2 ? t("1 step, ignoring edge direction.") : t("{n} steps, ignoring edge direction.", { n: steps.length - 1 })),
      h("div.actions", null, h("button.clear-path", { type: "button", onclick: () => actions.clearPath() }, t("Clear path"))),
    ),
  );
  const ol = h("ol.path-steps");
  steps.forEach((s, i) => {
    const next = steps[i + 1]?.node;
    ol.append(h("li.path-node", null, nodeLink(s.node, actions)));
    if (s.edge) {
      ol.append(
        h(
          "li.path-edge",
          null,
          h("div.reading", { title: s.edge.type }, relationReading(s.edge.type, s.edge.forward ? "OUT" : "IN")),
          evidenceList(s.edge.evidence, actions, 1, next ? [[s.node.name], [next.name]] : []),
        ),
      );
    }
  });
  el.append(ol);
}

// The Beleidsgraaf graph explorer: wiring of the graph view, the search box, the filters, the
// side panel, the URL state and the exports.
import "./style.css";

import { toBlob } from "@sigma/export-image";
import Graph from "graphology";
import type Sigma from "sigma";
import { write as writeGexf } from "graphology-gexf/browser";

import * as api from "./api";
import { $, append, clear, h } from "./dom";
import { Explorer } from "./explorer";
import { badge, fmtDate, renderDocument, renderEdge, renderNode, renderPath, type PanelActions, type PathStep } from "./panel";
import { LABELS, RELATION_TYPES, labelColor, labelName } from "./theme";

const START_PLAN = "actionplan:samen-tegen-mensenhandel";
const EXPAND_FIRST = 60;
/** ForceAtlas2 iterations: for the start graph, and around new nodes. */
const LAYOUT_START = 800;
const LAYOUT_LOCAL = 300;

const explorer = new Explorer($("#sigma"));
const graph = explorer.graph;
const panel = $("#panel");
explorer.rightInset = () => (panel.hidden ? 0 : panel.offsetWidth);
const docview = $("#docview");
const statusEl = $("#status");

let ready = false;
let busy = 0;
let lastError: string | null = null;
let pathMode = false;
let docHighlight: { docId: string; ok: boolean; quote: string } | null = null;
let panelToken = 0;
let writtenHash = "";

// ---- status -----------------------------------------------------------------------------

let message = "";
let messageIsError = false;

function say(msg: string, error = false) {
  message = msg;
  messageIsError = error;
  if (error) lastError = msg;
  renderStatus();
}

function renderStatus() {
  clear(statusEl);
  const hidden = explorer.hiddenNodes.size;
  append(statusEl, [
    h("span.counts", null, `${graph.order} nodes · ${graph.size} edges`, hidden ? ` · ${hidden} hidden by filters` : ""),
    explorer.layoutRunning ? h("span.layout", null, " · laying out…") : null,
    busy ? h("span.busy", null, " · loading…") : null,
    message ? h(messageIsError ? "span.msg.error" : "span.msg", null, message) : null,
  ]);
  $<HTMLButtonElement>("#btn-undo").disabled = !explorer.undoStack.length;
  $<HTMLButtonElement>("#btn-undo").title = explorer.undoStack.length
    ? `Undo: ${explorer.undoStack[explorer.undoStack.length - 1].what} (Ctrl+Z)`
    : "Nothing to undo";
}

async function task<T>(f: () => Promise<T>): Promise<T | undefined> {
  busy++;
  renderStatus();
  try {
    return await f();
  } catch (err) {
    console.error(err);
    say(err instanceof Error ? err.message : String(err), true);
    return undefined;
  } finally {
    busy--;
    renderStatus();
  }
}

// ---- filters ----------------------------------------------------------------------------

function renderChips() {
  const labels = explorer.labelsPresent();
  const lc = $("#label-chips");
  clear(lc);
  for (const l of LABELS) {
    const n = labels.get(l.label);
    if (!n && !explorer.filters.hiddenLabels.has(l.label)) continue;
    const on = !explorer.filters.hiddenLabels.has(l.label);
    lc.append(
      h(
        "button.chip",
        {
          type: "button",
          "aria-pressed": String(on),
          dataset: { label: l.label },
          title: on ? `Hide ${l.name} nodes` : `Show ${l.name} nodes`,
          onclick: () => toggle(explorer.filters.hiddenLabels, l.label),
        },
        h("span.dot", { style: { background: l.color } }),
        l.name,
        h("span.count", null, String(n ?? 0)),
      ),
    );
  }
  const types = explorer.typesPresent();
  const tc = $("#type-chips");
  clear(tc);
  for (const t of RELATION_TYPES) {
    const n = types.get(t.type);
    if (!n && !explorer.filters.hiddenTypes.has(t.type)) continue;
    const on = !explorer.filters.hiddenTypes.has(t.type);
    tc.append(
      h(
        "button.chip",
        {
          type: "button",
          "aria-pressed": String(on),
          dataset: { type: t.type },
          title: `${t.out} — ${on ? "hide" : "show"} these edges`,
          onclick: () => toggle(explorer.filters.hiddenTypes, t.type),
        },
        t.type.toLowerCase().replace(/_/g, " "),
        h("span.count", null, String(n ?? 0)),
      ),
    );
  }
  const ext = explorer.dateExtent();
  const de = $("#date-extent");
  clear(de);
  if (ext) {
    de.append(`Documents in view: ${fmtDate(ext[0])} – ${fmtDate(ext[1])}. `);
    const years: string[] = [];
    for (let y = Number(ext[0].slice(0, 4)); y <= Number(ext[1].slice(0, 4)); y++) years.push(String(y));
    de.append(
      h(
        "span.years",
        null,
        years.map((y) =>
          h("button.chip.year", { type: "button", onclick: () => setDates(`${y}-01-01`, `${y}-12-31`), title: `Only ${y}` }, y),
        ),
      ),
    );
  }
}

function toggle(set: Set<string>, v: string) {
  if (set.has(v)) set.delete(v);
  else set.add(v);
  explorer.recompute();
  writeHash();
}

function setDates(from: string | null, to: string | null) {
  explorer.filters.from = from || null;
  explorer.filters.to = to || null;
  $<HTMLInputElement>("#date-from").value = from ?? "";
  $<HTMLInputElement>("#date-to").value = to ?? "";
  explorer.recompute();
  writeHash();
}

$<HTMLInputElement>("#date-from").addEventListener("change", (e) => setDates((e.target as HTMLInputElement).value, explorer.filters.to));
$<HTMLInputElement>("#date-to").addEventListener("change", (e) => setDates(explorer.filters.from, (e.target as HTMLInputElement).value));
$<HTMLInputElement>("#keep-undated").addEventListener("change", (e) => {
  explorer.filters.keepUndated = (e.target as HTMLInputElement).checked;
  explorer.recompute();
  writeHash();
});
$("#date-clear").addEventListener("click", () => setDates(null, null));

// ---- the graph ----------------------------------------------------------------------------

/** The start graph: the action plan, its actielijnen and actions, and who holds and executes them. */
async function loadStart() {
  explorer.reset();
  let sub = await api.planGraph(START_PLAN);
  if (!sub.nodes.length) {
    // Another corpus: start on its first action plan, else on its best-connected organisation.
    const d = await api.gql<{ actionPlans: { edges: { node: { id: string } }[] } }>(`{ actionPlans(first: 1) { edges { node { id } } } }`);
    const plan = d.actionPlans.edges[0]?.node.id;
    if (plan) sub = await api.planGraph(plan);
  }
  if (!sub.nodes.length) {
    const d = await api.gql<{ organisations: { edges: { node: { id: string } }[] } }>(
      `{ organisations(first: 1, orderBy: [{field: DEGREE, direction: DESC}]) { edges { node { id } } } }`,
    );
    const org = d.organisations.edges[0]?.node.id;
    if (org) sub = (await api.relationsOf(org, EXPAND_FIRST)).sub;
  }
  explorer.merge(sub);
  explorer.recompute();
  await explorer.runLayout(null, LAYOUT_START);
  explorer.fit();
}

async function expand(id: string, opts: { quiet?: boolean } = {}) {
  if (explorer.expanded.includes(id)) {
    say(`“${nameOf(id)}” is already expanded.`);
    return;
  }
  await task(async () => {
    const { node, total, sub } = await api.relationsOf(id, EXPAND_FIRST);
    if (!node) throw new Error(`There is no node ${id}.`);
    const added = explorer.merge(sub, id);
    explorer.expanded.push(id);
    explorer.pushUndo({ what: `expand “${node.name}”`, nodes: added.nodes, edges: added.edges, expanded: id });
    explorer.recompute();
    writeHash();
    if (!opts.quiet) {
      const more = total > sub.edges.length ? ` (the first ${sub.edges.length} of ${total} relations)` : "";
      say(`Expanded “${node.name}”: +${added.nodes.length} nodes, +${added.edges.length} edges${more}. Undo with Ctrl+Z.`);
    }
    await explorer.runLayout(added.nodes, LAYOUT_LOCAL);
    if (explorer.selected === id) showNode(id);
  });
}

/**
 * Puts a node in the graph: with its neighbours (from search or a link), or connected only to
 * the nodes already shown (from the panel).
 */
async function add(id: string, withNeighbours: boolean): Promise<boolean> {
  if (graph.hasNode(id)) return true;
  if (withNeighbours) {
    await expand(id, { quiet: true });
    return graph.hasNode(id);
  }
  const ok = await task(async () => {
    const { node, sub } = await api.relationsOf(id, 500);
    if (!node) throw new Error(`There is no node ${id}.`);
    const keep = { nodes: sub.nodes.filter((n) => n.id === id || graph.hasNode(n.id)), edges: sub.edges };
    const added = explorer.merge(keep, null);
    explorer.pushUndo({ what: `add “${node.name}”`, nodes: added.nodes, edges: added.edges });
    explorer.recompute();
    await explorer.runLayout(added.nodes, LAYOUT_LOCAL);
    return true;
  });
  return !!ok;
}

/** Selects a node, adding it first when needed, and shows it. */
async function open(id: string, withNeighbours = true) {
  if (!(await add(id, withNeighbours))) return;
  if (pathMode) {
    pickForPath(id);
    return;
  }
  select(id);
  explorer.focus(id);
}

function nameOf(id: string): string {
  return graph.hasNode(id) ? graph.getNodeAttribute(id, "name") : id;
}

// ---- selection and the panel --------------------------------------------------------------

const actions: PanelActions & { clearPath(): void } = {
  open: (id) => void open(id, false),
  expand: (id) => void expand(id),
  pathFrom: (id) => startPathMode(id),
  showDocument: (docId, ev) => void showDocument(docId, ev),
  inGraph: (id) => graph.hasNode(id),
  isExpanded: (id) => explorer.expanded.includes(id),
  close: () => closePanel(),
  clearPath: () => clearPath(),
};

function select(id: string | null) {
  explorer.selected = id;
  explorer.selectedEdge = null;
  explorer.refresh();
  writeHash();
  if (id) showNode(id);
  else closePanel();
}

function showNode(id: string) {
  const token = ++panelToken;
  panel.hidden = false;
  panel.dataset.node = id;
  panel.dataset.loaded = "false";
  if (!panel.querySelector(`.panel-head`) || panel.dataset.shown !== id) {
    clear(panel);
    const a = graph.hasNode(id) ? graph.getNodeAttributes(id) : null;
    panel.append(h("header.panel-head", null, a ? badge(a.kind) : null, h("h2", null, a?.name ?? id), h("p.note", null, "Loading…")));
  }
  void task(async () => {
    const d = await api.nodeDetails(id);
    if (token !== panelToken) return;
    if (!d) {
      clear(panel);
      panel.append(h("p.note", null, `There is no node ${id}.`));
      return;
    }
    renderNode(panel, d, actions);
    panel.dataset.shown = id;
    panel.dataset.loaded = "true";
  });
}

function showEdge(edge: string) {
  panelToken++;
  explorer.selectedEdge = edge;
  explorer.selected = null;
  explorer.refresh();
  writeHash();
  const a = graph.getEdgeAttributes(edge);
  const [s, t] = graph.extremities(edge);
  const ref = (n: string) => ({ id: n, label: graph.getNodeAttribute(n, "kind"), name: graph.getNodeAttribute(n, "name") });
  panel.hidden = false;
  panel.dataset.node = "";
  panel.dataset.shown = "";
  renderEdge(panel, { id: edge, type: a.relType, from: ref(s), to: ref(t), evidence: a.evidence }, actions);
  panel.dataset.loaded = "true";
}

function closePanel() {
  panelToken++;
  panel.hidden = true;
  panel.dataset.node = "";
  panel.dataset.shown = "";
  explorer.selected = null;
  explorer.selectedEdge = null;
  explorer.refresh();
  writeHash();
}

async function showDocument(docId: string, ev: api.Evidence | null) {
  await task(async () => {
    const doc = await api.documentText(docId);
    if (!doc) throw new Error(`No text for ${docId}.`);
    docview.hidden = false;
    const { ok } = renderDocument(docview, doc, ev, closeDocument, () => {
      closeDocument();
      void open(docId, false);
    });
    docHighlight = { docId, ok, quote: ev?.quote ?? "" };
    docview.dataset.doc = docId;
  });
}

function closeDocument() {
  docview.hidden = true;
  docview.dataset.doc = "";
  clear(docview);
}

// ---- shortest path --------------------------------------------------------------------------

function startPathMode(from: string | null = explorer.selected) {
  pathMode = true;
  explorer.pathPick = from && graph.hasNode(from) ? from : null;
  explorer.refresh();
  renderMode();
}

function stopPathMode() {
  pathMode = false;
  explorer.pathPick = null;
  explorer.refresh();
  renderMode();
}

function renderMode() {
  const b = $("#mode-banner");
  const btn = $<HTMLButtonElement>("#btn-path");
  btn.setAttribute("aria-pressed", String(pathMode || !!explorer.path));
  btn.textContent = explorer.path && !pathMode ? "Clear path" : "Path";
  clear(b);
  b.hidden = !pathMode;
  if (!pathMode) return;
  b.append(
    explorer.pathPick
      ? `Shortest path from “${nameOf(explorer.pathPick)}”: click the other node, or search for it.`
      : "Shortest path: click the first node, or search for it.",
    " ",
    h("button.link", { type: "button", onclick: stopPathMode }, "Cancel (Esc)"),
  );
}

function pickForPath(id: string) {
  if (!explorer.pathPick) {
    explorer.pathPick = id;
    explorer.refresh();
    renderMode();
    return;
  }
  if (id === explorer.pathPick) return;
  const from = explorer.pathPick;
  stopPathMode();
  void showPath(from, id);
}

async function showPath(from: string, to: string) {
  await task(async () => {
    const sub = await api.shortestPath(from, to);
    if (!sub.nodes.length) {
      say(`No path between “${nameOf(from)}” and “${nameOf(to)}” within 8 steps.`, true);
      return;
    }
    const added = explorer.merge(sub, null);
    explorer.pushUndo({ what: "shortest path", nodes: added.nodes, edges: added.edges, path: true });
    explorer.path = { from, to, nodes: sub.nodes.map((n) => n.id), edges: sub.edges.map((e) => e.id) };
    explorer.selected = null;
    explorer.recompute();
    renderMode();
    writeHash();
    say(`Shortest path: ${sub.edges.length} step${sub.edges.length === 1 ? "" : "s"} from “${nameOf(from)}” to “${nameOf(to)}”.`);
    await explorer.runLayout(added.nodes, LAYOUT_LOCAL);
    showPathPanel(sub, from);
    if (explorer.path) explorer.frame(explorer.path.nodes);
  });
}

function showPathPanel(sub: api.Subgraph, from: string) {
  panelToken++;
  const byId = new Map(sub.nodes.map((n) => [n.id, n]));
  const steps: PathStep[] = [];
  const used = new Set<string>();
  let cur = from;
  for (let i = 0; i <= sub.edges.length && byId.has(cur); i++) {
    const e = sub.edges.find((x) => !used.has(x.id) && (x.from === cur || x.to === cur));
    const node = byId.get(cur)!;
    if (!e) {
      steps.push({ node });
      break;
    }
    used.add(e.id);
    steps.push({ node, edge: { id: e.id, type: e.type, forward: e.from === cur, evidence: e.evidence } });
    cur = e.from === cur ? e.to : e.from;
  }
  panel.hidden = false;
  panel.dataset.node = "";
  panel.dataset.shown = "";
  renderPath(panel, steps, actions);
  panel.dataset.loaded = "true";
}

function clearPath() {
  explorer.path = null;
  explorer.recompute();
  renderMode();
  writeHash();
  if (panel.querySelector(".path-steps")) closePanel();
}

// ---- sigma events -------------------------------------------------------------------------

const container = $("#sigma");
explorer.renderer.on("clickNode", ({ node }) => {
  if (explorer.wasDrag) return;
  if (pathMode) pickForPath(node);
  else if (explorer.selected !== node) select(node);
});
explorer.renderer.on("doubleClickNode", (e) => {
  e.preventSigmaDefault();
  if (!pathMode) void expand(e.node);
});
explorer.renderer.on("clickEdge", ({ edge }) => {
  if (!pathMode) showEdge(edge);
});
explorer.renderer.on("clickStage", () => {
  if (!pathMode && !panel.hidden && !panel.querySelector(".path-steps")) closePanel();
});
explorer.renderer.on("enterNode", ({ node }) => {
  container.style.cursor = "pointer";
  explorer.setHovered(node);
});
explorer.renderer.on("leaveNode", () => {
  container.style.cursor = "";
  explorer.setHovered(null);
});
explorer.renderer.on("enterEdge", () => (container.style.cursor = "pointer"));
explorer.renderer.on("leaveEdge", () => (container.style.cursor = ""));
explorer.onChange = () => {
  renderChips();
  renderStatus();
};

// ---- search -------------------------------------------------------------------------------

const searchInput = $<HTMLInputElement>("#search");
const results = $<HTMLUListElement>("#results");
let searchTimer: number | undefined;
let searchToken = 0;
let hits: api.SearchHit[] = [];
let active = -1;

function renderResults() {
  clear(results);
  results.hidden = !hits.length && !searchInput.value.trim();
  if (!hits.length) {
    if (searchInput.value.trim()) results.append(h("li.none", null, "Nothing found."));
    return;
  }
  hits.forEach((hit, i) => {
    const snippet = hit.snippet && hit.snippet !== hit.node.name ? hit.snippet : null;
    results.append(
      h(
        "li.hit",
        {
          role: "option",
          "aria-selected": String(i === active),
          dataset: { id: hit.node.id },
          onmousedown: (e: Event) => e.preventDefault(),
          onclick: () => choose(hit),
        },
        h("span.dot", { style: { background: labelColor(hit.node.label) } }),
        h("span.hit-main", null, h("span.name", null, hit.node.name), h("span.meta", null, `${labelName(hit.node.label)} · ${hit.node.id}`), snippet ? h("span.snippet", null, snippet) : null),
      ),
    );
  });
}

async function runSearch(text: string) {
  const token = ++searchToken;
  if (!text.trim()) {
    hits = [];
    renderResults();
    return;
  }
  try {
    const found = await api.search(text.trim());
    if (token !== searchToken) return;
    hits = found;
    active = found.length ? 0 : -1;
    renderResults();
  } catch (err) {
    say(err instanceof Error ? err.message : String(err), true);
  }
}

function choose(hit: api.SearchHit) {
  results.hidden = true;
  searchInput.value = "";
  hits = [];
  searchInput.blur();
  void open(hit.node.id, true);
}

searchInput.addEventListener("input", () => {
  window.clearTimeout(searchTimer);
  searchTimer = window.setTimeout(() => void runSearch(searchInput.value), 180);
});
searchInput.addEventListener("focus", () => {
  if (hits.length) results.hidden = false;
});
searchInput.addEventListener("blur", () => window.setTimeout(() => (results.hidden = true), 150));
searchInput.addEventListener("keydown", (e) => {
  if (e.key === "ArrowDown" || e.key === "ArrowUp") {
    e.preventDefault();
    if (!hits.length) return;
    active = (active + (e.key === "ArrowDown" ? 1 : hits.length - 1)) % hits.length;
    renderResults();
  } else if (e.key === "Enter") {
    e.preventDefault();
    window.clearTimeout(searchTimer);
    if (hits[active]) choose(hits[active]);
    else void runSearch(searchInput.value);
  } else if (e.key === "Escape") {
    e.stopPropagation();
    results.hidden = true;
    searchInput.blur();
  }
});

// ---- exports ------------------------------------------------------------------------------

function download(blob: Blob, name: string) {
  const a = h("a", { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

function pngBlob(): Promise<Blob> {
  return toBlob(explorer.renderer as unknown as Sigma, { format: "png", backgroundColor: "#ffffff" });
}

/** The visible graph as GEXF 1.3, for Gephi: nodes with label and name, edges with their evidence. */
function gexf(): string {
  const g = new Graph({ multi: true, type: "directed", allowSelfLoops: true });
  graph.forEachNode((n, a) => {
    if (!explorer.hiddenNodes.has(n)) g.addNode(n, { ...a });
  });
  graph.forEachEdge((e, a, s, t) => {
    if (!explorer.hiddenEdges.has(e) && g.hasNode(s) && g.hasNode(t)) g.addDirectedEdgeWithKey(e, s, t, { ...a });
  });
  return writeGexf(g, {
    version: "1.3",
    formatNode: (_key, a) => ({
      label: a.name,
      attributes: { label: a.kind, date: a.date ?? "" },
      viz: { color: a.color, size: a.size, x: a.x, y: a.y },
    }),
    formatEdge: (_key, a) => ({
      label: a.relType,
      kind: a.relType,
      attributes: {
        type: a.relType,
        evidenceCount: a.evidence.length,
        quote: a.evidence[0]?.quote ?? "",
        document: a.evidence[0] ? api.citeDoc(a.evidence[0].document) : "",
        documentId: a.evidence[0]?.documentId ?? "",
        date: a.evidence[0]?.document.date ?? "",
      },
    }),
  });
}

$("#btn-png").addEventListener("click", () => void task(async () => download(await pngBlob(), "beleidsgraaf.png")));
$("#btn-gexf").addEventListener("click", () => download(new Blob([gexf()], { type: "application/gexf+xml" }), "beleidsgraaf.gexf"));

// ---- toolbar and keys ---------------------------------------------------------------------

function undo() {
  const e = explorer.undo();
  if (!e) return;
  if (explorer.selected === null && !panel.hidden && panel.dataset.node) closePanel();
  renderMode();
  writeHash();
  say(`Undone: ${e.what}.`);
}

$("#btn-undo").addEventListener("click", undo);
$("#btn-fit").addEventListener("click", () => explorer.fit());
$("#btn-reset").addEventListener("click", () => {
  history.replaceState(null, "", location.pathname + location.search);
  void boot();
});
$("#btn-path").addEventListener("click", () => {
  if (explorer.path && !pathMode) clearPath();
  else if (pathMode) stopPathMode();
  else startPathMode();
});
$("#intro-close").addEventListener("click", () => {
  $("#intro").hidden = true;
  try {
    localStorage.setItem("beleidsgraaf.intro", "seen");
  } catch {
    /* private mode */
  }
});
try {
  if (localStorage.getItem("beleidsgraaf.intro") === "seen") $("#intro").hidden = true;
} catch {
  /* private mode */
}

document.addEventListener("keydown", (e) => {
  const inInput = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
  if (e.key === "Escape") {
    if (!docview.hidden) closeDocument();
    else if (pathMode) stopPathMode();
    else if (!panel.hidden) closePanel();
    else if (explorer.path) clearPath();
  } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "z" && !inInput) {
    e.preventDefault();
    undo();
  } else if (e.key === "/" && !inInput) {
    e.preventDefault();
    searchInput.focus();
  }
});

// ---- URL state ----------------------------------------------------------------------------
//
// #node=org:ckm&expand=org:fier,actielijn:6&path=org:fier,org:vng&hide=Document&hideRel=MENTIONS
//   &from=2024-01-01&to=2024-12-31&undated=0

interface UrlState {
  node: string | null;
  expand: string[];
  path: [string, string] | null;
  hide: string[];
  hideRel: string[];
  from: string | null;
  to: string | null;
  undated: boolean;
}

function readHash(): UrlState {
  const p = new URLSearchParams(location.hash.replace(/^#/, ""));
  const list = (k: string) => (p.get(k) ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const path = list("path");
  const date = (k: string) => (/^\d{4}-\d{2}-\d{2}$/.test(p.get(k) ?? "") ? p.get(k) : null);
  return {
    node: p.get("node") || null,
    expand: list("expand"),
    path: path.length === 2 ? [path[0], path[1]] : null,
    hide: list("hide"),
    hideRel: list("hideRel"),
    from: date("from"),
    to: date("to"),
    undated: p.get("undated") !== "0",
  };
}

function enc(v: string): string {
  return encodeURIComponent(v).replace(/%3A/gi, ":").replace(/%2C/gi, ",");
}

function writeHash() {
  if (!ready) return;
  const parts: string[] = [];
  if (explorer.selected) parts.push(`node=${enc(explorer.selected)}`);
  if (explorer.expanded.length) parts.push(`expand=${explorer.expanded.map(enc).join(",")}`);
  if (explorer.path) parts.push(`path=${enc(explorer.path.from)},${enc(explorer.path.to)}`);
  if (explorer.filters.hiddenLabels.size) parts.push(`hide=${[...explorer.filters.hiddenLabels].map(enc).join(",")}`);
  if (explorer.filters.hiddenTypes.size) parts.push(`hideRel=${[...explorer.filters.hiddenTypes].map(enc).join(",")}`);
  if (explorer.filters.from) parts.push(`from=${explorer.filters.from}`);
  if (explorer.filters.to) parts.push(`to=${explorer.filters.to}`);
  if (!explorer.filters.keepUndated) parts.push("undated=0");
  const s = parts.join("&");
  if (s === writtenHash) return;
  writtenHash = s;
  history.replaceState(null, "", s ? `#${s}` : location.pathname + location.search);
}

async function applyState(st: UrlState) {
  explorer.filters.hiddenLabels = new Set(st.hide);
  explorer.filters.hiddenTypes = new Set(st.hideRel);
  explorer.filters.from = st.from;
  explorer.filters.to = st.to;
  explorer.filters.keepUndated = st.undated;
  $<HTMLInputElement>("#date-from").value = st.from ?? "";
  $<HTMLInputElement>("#date-to").value = st.to ?? "";
  $<HTMLInputElement>("#keep-undated").checked = st.undated;
  explorer.recompute();
  for (const id of st.expand) if (!explorer.expanded.includes(id)) await expand(id, { quiet: true });
  if (st.path && (explorer.path?.from !== st.path[0] || explorer.path?.to !== st.path[1])) await showPath(st.path[0], st.path[1]);
  if (!st.path && explorer.path) clearPath();
  if (st.node) {
    if (await add(st.node, true)) {
      select(st.node);
      explorer.focus(st.node);
    }
  } else if (explorer.selected) closePanel();
}

window.addEventListener("hashchange", () => {
  const s = location.hash.replace(/^#/, "");
  if (s === writtenHash) return;
  writtenHash = s;
  void task(() => applyState(readHash()));
});

// ---- start --------------------------------------------------------------------------------

async function boot() {
  ready = false;
  const loading = $("#loading");
  loading.hidden = false;
  closePanel();
  closeDocument();
  stopPathMode();
  say("");
  lastError = null;
  writtenHash = location.hash.replace(/^#/, "");
  await task(async () => {
    await loadStart();
    loading.hidden = true;
    await applyState(readHash());
  });
  loading.hidden = true;
  ready = true;
  writeHash();
  renderStatus();
}

// Test hooks (read by the end-to-end tests; harmless otherwise).
declare global {
  interface Window {
    __explorer: unknown;
  }
}
window.__explorer = {
  get ready() {
    return ready && busy === 0 && !explorer.layoutRunning && !explorer.renderer.getCamera().isAnimated();
  },
  get busy() {
    return busy > 0;
  },
  get layoutRunning() {
    return explorer.layoutRunning;
  },
  get lastLayout() {
    return explorer.lastLayout;
  },
  get nodeCount() {
    return graph.order;
  },
  get edgeCount() {
    return graph.size;
  },
  get visibleNodeCount() {
    return explorer.visibleNodeCount;
  },
  get hiddenCount() {
    return explorer.hiddenNodes.size;
  },
  get selected() {
    return explorer.selected;
  },
  get highlightedPath() {
    return explorer.path ? [...explorer.path.nodes] : null;
  },
  get highlightedPathEdges() {
    return explorer.path ? [...explorer.path.edges] : null;
  },
  get expanded() {
    return [...explorer.expanded];
  },
  get pathMode() {
    return pathMode;
  },
  get hovered() {
    return explorer.hovered;
  },
  get filters() {
    const f = explorer.filters;
    return { hiddenLabels: [...f.hiddenLabels], hiddenTypes: [...f.hiddenTypes], from: f.from, to: f.to, keepUndated: f.keepUndated };
  },
  get lastError() {
    return lastError;
  },
  get docHighlight() {
    return docHighlight;
  },
  hasNode: (id: string) => graph.hasNode(id),
  nodes: () => graph.nodes(),
  /** Graph coordinates of a node. */
  graphPosition: (id: string) => (graph.hasNode(id) ? { x: graph.getNodeAttribute(id, "x"), y: graph.getNodeAttribute(id, "y") } : null),
  /** Where a node is drawn, in CSS pixels relative to the page. */
  position: (id: string) => {
    const p = explorer.viewportPosition(id);
    if (!p) return null;
    const r = container.getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  },
  pngBlob,
  gexf,
};

void boot();

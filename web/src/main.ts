// The Beleidsgraaf graph explorer: wiring of the graph view, the search box, the filters, the
// side panel, the URL state and the exports.
import "./style.css";

import { drawOnCanvas } from "@sigma/export-image";
import Graph from "graphology";
import type Sigma from "sigma";
import { write as writeGexf } from "graphology-gexf/browser";

import * as api from "./api";
import { $, append, clear, h } from "./dom";
import { Explorer } from "./explorer";
import { badge, fmtDate, renderDocument, renderEdge, renderNode, renderPath, type PanelActions, type PathStep } from "./panel";
import { lang, setLang, t, translatePage } from "./i18n";
import { dutchDate, fullName, humanise } from "./names";
import { LABELS, MOTION_STATUSES, RELATION_TYPES, labelColor, labelName, relationReading, statusName } from "./theme";

translatePage();

const START_PLAN = "actionplan:samen-tegen-mensenhandel";
const EXPAND_FIRST = 60;
/** ForceAtlas2 iterations: for the start graph, and around new nodes. */
const LAYOUT_START = 800;
const LAYOUT_LOCAL = 300;

const explorer = new Explorer($("#sigma"));
const graph = explorer.graph;
const panel = $("#panel");
explorer.rightInset = () => insets().right;
explorer.bottomInset = () => insets().bottom;
const docview = $("#docview");
const statusEl = $("#status");

let ready = false;
let busy = 0;
let lastError: string | null = null;
let pathMode = false;
let docHighlight: { docId: string; ok: boolean; quote: string } | null = null;
let panelToken = 0;
/** The details the panel shows, kept so that moving the timeline re-renders without a fetch. */
let shownDetails: api.NodeDetails | null = null;
let writtenHash = "";

// ---- status -----------------------------------------------------------------------------

let message = "";
let messageIsError = false;
let messageAction: { label: string; run: () => void } | null = null;
let messageTimer: number | undefined;

/**
 * Shows a message under the graph. Plain messages fade after a few seconds (no stale news);
 * errors stay until dismissed or replaced, with a button to try again when there is one.
 */
function say(msg: string, error = false, action: { label: string; run: () => void } | null = null) {
  message = msg;
  messageIsError = error;
  messageAction = action;
  if (error) lastError = msg;
  window.clearTimeout(messageTimer);
  if (msg && !error && !action) {
    messageTimer = window.setTimeout(() => {
      message = "";
      renderStatus();
    }, 8000);
  }
  renderStatus();
}

function renderStatus() {
  clear(statusEl);
  const hidden = explorer.hiddenNodes.size;
  append(statusEl, [
    h("span.counts", null, t("{n} nodes · {m} edges", { n: graph.order, m: graph.size }), hidden ? t(" · {n} hidden by filters", { n: hidden }) : ""),
    explorer.layoutRunning ? h("span.layout", null, t(" · laying out…")) : null,
    busy ? h("span.busy", null, t(" · loading…")) : null,
    message ? h(messageIsError ? "span.msg.error" : "span.msg", null, message) : null,
    message && messageAction
      ? h("button.msg-action", { type: "button", onclick: () => { const a = messageAction!; say(""); a.run(); } }, messageAction.label)
      : null,
    message && (messageIsError || messageAction)
      ? h("button.msg-close", { type: "button", "aria-label": t("Dismiss"), title: t("Dismiss"), onclick: () => say("") }, "×")
      : null,
  ]);
  const empty = $("#empty");
  const allHidden = ready && graph.order > 0 && explorer.visibleNodeCount === 0;
  empty.hidden = !allHidden;
  if (allHidden) {
    clear(empty);
    append(empty, [
      h("p", null, t("The filters hide all {n} nodes.", { n: graph.order })),
      h("button", { id: "btn-clear-filters", type: "button", onclick: clearFilters }, t("Clear filters")),
    ]);
  }
  $<HTMLButtonElement>("#btn-undo").disabled = !explorer.undoStack.length;
  $<HTMLButtonElement>("#btn-undo").title = explorer.undoStack.length
    ? `Undo: ${explorer.undoStack[explorer.undoStack.length - 1].what} (Ctrl+Z)`
    : t("Nothing to undo");
}

async function task<T>(f: () => Promise<T>, again: (() => void) | null = null): Promise<T | undefined> {
  busy++;
  renderStatus();
  try {
    return await f();
  } catch (err) {
    console.warn(err);
    say(friendly(err), true, again ? { label: t("Retry"), run: again } : null);
    return undefined;
  } finally {
    busy--;
    renderStatus();
  }
}

/** An error in words for people: the server down is not "Failed to fetch". */
function friendly(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  if (/failed to fetch|networkerror|load failed/i.test(m)) return t("The server cannot be reached. Check the connection and retry.");
  return m;
}

// ---- filters ----------------------------------------------------------------------------

function renderChips() {
  // Rebuilding the chips must not lose the keyboard focus.
  const focused = document.activeElement as HTMLElement | null;
  const refocus = focused?.classList.contains("chip")
    ? focused.dataset.label ? `#label-chips [data-label="${focused.dataset.label}"]`
      : focused.dataset.type ? `#type-chips [data-type="${focused.dataset.type}"]`
      : focused.dataset.year ? `#date-extent [data-year="${focused.dataset.year}"]` : null
    : null;
  const labels = explorer.labelsPresent();
  const shownLabels = explorer.labelsVisible();
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
          title: on ? t("Hide {name} nodes", { name: labelName(l.label) }) : t("Show {name} nodes", { name: labelName(l.label) }),
          onclick: () => toggle(explorer.filters.hiddenLabels, l.label),
        },
        h("span.dot", { style: { background: l.color } }),
        labelName(l.label),
        h("span.count", { title: t("shown / in the graph") }, (shownLabels.get(l.label) ?? 0) === (n ?? 0) ? String(n ?? 0) : `${shownLabels.get(l.label) ?? 0}/${n ?? 0}`),
      ),
    );
  }
  const types = explorer.typesPresent();
  const shownTypes = explorer.typesVisible();
  const tc = $("#type-chips");
  clear(tc);
  for (const rt of RELATION_TYPES) {
    const n = types.get(rt.type);
    if (!n && !explorer.filters.hiddenTypes.has(rt.type)) continue;
    const on = !explorer.filters.hiddenTypes.has(rt.type);
    tc.append(
      h(
        "button.chip",
        {
          type: "button",
          "aria-pressed": String(on),
          dataset: { type: rt.type },
          title: `${relationReading(rt.type, "OUT")} — ${on ? "hide" : "show"} these edges`,
          onclick: () => toggle(explorer.filters.hiddenTypes, rt.type),
        },
        lang === "nl" ? relationReading(rt.type, "OUT") : humanise(rt.type),
        h("span.count", { title: t("shown / in the graph") }, (shownTypes.get(rt.type) ?? 0) === (n ?? 0) ? String(n ?? 0) : `${shownTypes.get(rt.type) ?? 0}/${n ?? 0}`),
      ),
    );
  }
  const ext = explorer.dateExtent();
  const de = $("#date-extent");
  clear(de);
  if (ext) {
    de.append(t("Documents in view: {from} – {to}. ", { from: fmtDate(ext[0]), to: fmtDate(ext[1]) }));
    const years: string[] = [];
    for (let y = Number(ext[0].slice(0, 4)); y <= Number(ext[1].slice(0, 4)); y++) years.push(String(y));
    de.append(
      h(
        "span.years",
        null,
        years.map((y) => {
          const on = explorer.filters.from === `${y}-01-01` && explorer.filters.to === `${y}-12-31`;
          return h(
            "button.chip.year",
            {
              type: "button",
              "aria-pressed": String(on),
              dataset: { year: y },
              onclick: () => (on ? setDates(null, null) : setDates(`${y}-01-01`, `${y}-12-31`)),
              title: on ? t("Showing only {y}; click for all years", { y }) : t("Only {y}", { y }),
            },
            y,
          );
        }),
      ),
    );
  }
  if (refocus) document.querySelector<HTMLElement>(refocus)?.focus();
}

function clearFilters() {
  explorer.filters.hiddenLabels.clear();
  explorer.filters.hiddenTypes.clear();
  explorer.filters.keepUndated = true;
  $<HTMLInputElement>("#keep-undated").checked = true;
  setDates(null, null);
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
  for (const [id, v] of [["#date-from", from], ["#date-to", to]] as const) {
    const input = $<HTMLInputElement>(id);
    input.value = dutchDate(v);
    input.removeAttribute("aria-invalid");
  }
  $("#date-error").hidden = true;
  explorer.recompute();
  writeHash();
}

/**
 * A date typed in Dutch order, dd-mm-jjjj (also d-m-jjjj, with / or . or spaces, or ddmmjjjj),
 * or ISO jjjj-mm-dd; null when it is no real date.
 */
function parseDutchDate(text: string): string | null {
  const t = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  let y: number, mo: number, d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$/.exec(t))) [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{2})(\d{2})(\d{4})$/.exec(t))) [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else return null;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, "0")}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function dateInput(id: string, which: "from" | "to") {
  const input = $<HTMLInputElement>(id);
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") input.dispatchEvent(new Event("change"));
  });
  input.addEventListener("change", () => {
    const text = input.value.trim();
    const iso = text ? parseDutchDate(text) : null;
    if (text && !iso) {
      input.setAttribute("aria-invalid", "true");
      const err = $("#date-error");
      err.textContent = t("“{text}” is not a date: type dd-mm-jjjj, e.g. 01-01-2025.", { text });
      err.hidden = false;
      return;
    }
    if (which === "from") setDates(iso, explorer.filters.to);
    else setDates(explorer.filters.from, iso);
  });
}
dateInput("#date-from", "from");
dateInput("#date-to", "to");
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

/** Expanded nodes whose relations were not all added: id → how many they have in all. */
const partial = new Map<string, number>();

async function expand(id: string, opts: { quiet?: boolean; all?: boolean } = {}) {
  const again = explorer.expanded.includes(id);
  if (again && !partial.has(id)) {
    say(t("All relations of “{name}” are shown.", { name: nameOf(id) }));
    return;
  }
  const all = opts.all || again;
  await task(async () => {
    const { node, total, sub } = await api.relationsOf(id, all ? 500 : EXPAND_FIRST);
    if (!node) throw new Error(`There is no node ${id}.`);
    const added = explorer.merge(sub, id);
    if (!again) explorer.expanded.push(id);
    if (total > sub.edges.length) partial.set(id, total);
    else partial.delete(id);
    explorer.pushUndo({ what: `${again ? "load the rest of" : "expand"} “${node.name}”`, nodes: added.nodes, edges: added.edges, expanded: again ? undefined : id });
    explorer.recompute();
    writeHash();
    if (!opts.quiet) {
      const rest = total - sub.edges.length;
      const msg = `${again ? "Loaded the rest of" : "Expanded"} “${fullName(node)}”: +${added.nodes.length} nodes, +${added.edges.length} edges` +
        (rest > 0 ? ` (${sub.edges.length} of ${total} relations).` : ". Undo with Ctrl+Z.");
      say(msg, false, rest > 0 ? { label: t("Load the rest ({n})", { n: rest }), run: () => void expand(id, { all: true }) } : null);
    }
    await explorer.runLayout(added.nodes, LAYOUT_LOCAL);
    if (explorer.selected === id) showNode(id);
  }, () => void expand(id, opts));
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
  asOf: () => explorer.filters.asOf,
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
    panel.append(
      h(
        "header.panel-head",
        null,
        closeButton(),
        a ? badge(a.kind) : null,
        h("h2", { tabindex: "-1" }, a?.full ?? id),
        h("p.note.loading", null, t("Loading…")),
      ),
    );
  }
  void (async () => {
    busy++;
    renderStatus();
    try {
      const d = await api.nodeDetails(id);
      if (token !== panelToken) return;
      if (!d) {
        clear(panel);
        panel.append(h("header.panel-head", null, closeButton(), h("p.note", null, t("There is no node {id}.", { id }))));
        panel.dataset.loaded = "error";
        return;
      }
      renderNode(panel, d, actions);
      shownDetails = d;
      panel.dataset.shown = id;
      panel.dataset.loaded = "true";
      if (focusPanelNext) {
        focusPanelNext = false;
        panel.querySelector<HTMLElement>("h2")?.focus();
      }
    } catch (err) {
      if (token !== panelToken) return;
      const head = panel.querySelector(".panel-head");
      head?.querySelector(".loading")?.remove();
      head?.append(
        h("p.note.error", null, t("Could not load the details: {error}", { error: friendly(err) })),
        h("div.actions", null, h("button.retry", { type: "button", onclick: () => showNode(id) }, t("Retry"))),
      );
      panel.dataset.loaded = "error";
    } finally {
      busy--;
      renderStatus();
    }
  })();
}

/** Set when the keyboard chose a node: the panel takes the focus once loaded. */
let focusPanelNext = false;

function closeButton() {
  return h("button.close", { type: "button", title: t("Close (Esc)"), "aria-label": t("Close"), onclick: () => closePanel() }, "×");
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
  const hadFocus = panel.contains(document.activeElement);
  panel.hidden = true;
  if (hadFocus) container.focus();
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

/** The relation types a shortest path may follow; co-mentions and citations are off by default. */
const PATH_DEFAULT = RELATION_TYPES.map((t) => t.type).filter((t) => t !== "MENTIONS" && t !== "CITES");
let pathTypes = new Set(PATH_DEFAULT);

function pathTypeChooser() {
  return h(
    "details.path-types",
    null,
    h("summary", null, pathTypes.size === RELATION_TYPES.length ? t("Follow all relations") : t("Follow {n} of {total} relation types", { n: pathTypes.size, total: RELATION_TYPES.length })),
    h(
      "div.path-type-list",
      null,
      RELATION_TYPES.map((rt) =>
        h(
          "label",
          null,
          h("input", {
            type: "checkbox",
            value: rt.type,
            checked: pathTypes.has(rt.type),
            onchange: (e: Event) => {
              const box = e.target as HTMLInputElement;
              if (box.checked) pathTypes.add(rt.type);
              else pathTypes.delete(rt.type);
              const sum = box.closest("details")?.querySelector("summary");
              if (sum) sum.textContent = t("Follow {n} of {total} relation types", { n: pathTypes.size, total: RELATION_TYPES.length });
            },
          }),
          ` ${relationReading(rt.type, "OUT")}`,
        ),
      ),
    ),
  );
}

function renderMode() {
  const b = $("#mode-banner");
  const btn = $<HTMLButtonElement>("#btn-path");
  btn.setAttribute("aria-pressed", String(pathMode || !!explorer.path));
  btn.textContent = explorer.path && !pathMode ? t("Clear path") : t("Path");
  clear(b);
  b.hidden = !pathMode;
  if (!pathMode) return;
  b.append(
    explorer.pathPick
      ? t("Shortest path from “{name}”: click the other node, or search for it.", { name: nameOf(explorer.pathPick) })
      : t("Shortest path: click the first node, or search for it."),
    " ",
    h("button.link", { type: "button", onclick: stopPathMode }, t("Cancel (Esc)")),
    pathTypeChooser(),
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
    const all = pathTypes.size === RELATION_TYPES.length;
    const sub = await api.shortestPath(from, to, all ? null : [...pathTypes]);
    if (!sub.nodes.length) {
      say(
        `No path between “${nameOf(from)}” and “${nameOf(to)}” within 8 steps${all ? "" : " along the chosen relations"}.`,
        true,
        all ? null : { label: t("Try all relations"), run: () => { pathTypes = new Set(RELATION_TYPES.map((t) => t.type)); void showPath(from, to); } },
      );
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
  renderTimeline();
};
explorer.onMotions = (ids) => {
  // colours follow; a failure leaves the motions in the Motion colour
  api.motionSteps(ids).then((s) => explorer.setSteps(s), (err) => console.warn("status steps:", err));
};

// ---- the timeline: the graph as it stood on a date -----------------------------------------

/**
 * The dates on which something in the view first appears, in order: its nodes' and its
 * relations' dates (a motion is there from its submission, before any relation to it).
 */
function timelineDates(): string[] {
  const dates = new Set<string>();
  graph.forEachEdge((_e, a) => a.since && dates.add(a.since));
  graph.forEachNode((_n, a) => a.since && dates.add(a.since));
  return [...dates].sort();
}

let playing: number | null = null;

/** Shows the graph as it stood on a date (null: everything, today's colours). */
function setAsOf(date: string | null) {
  explorer.filters.asOf = date;
  explorer.recompute();
  writeHash();
  // a shown motion or commitment says where it stood on the new date; the panel keeps its scroll
  if (shownDetails?.history?.length && panel.dataset.shown === shownDetails.id && panel.dataset.loaded === "true") {
    const top = panel.scrollTop;
    renderNode(panel, shownDetails, actions);
    panel.scrollTop = top;
  }
}

function renderTimeline() {
  const dates = timelineDates();
  const range = $<HTMLInputElement>("#tl-range");
  const asOf = explorer.filters.asOf;
  range.max = String(dates.length);
  // the last position, past every date, is "all dates"
  const at = asOf ? dates.filter((d) => d <= asOf).length - 1 : dates.length;
  range.value = String(Math.max(0, at));
  range.setAttribute("aria-valuetext", asOf ? fmtDate(asOf) : t("all dates"));
  $("#tl-date").textContent = asOf
    ? t("{date}: {n} of {total} nodes", { date: fmtDate(asOf), n: explorer.visibleNodeCount, total: graph.order })
    : t("all dates");
  $("#tl-all").hidden = !asOf;
  $("#tl-play").textContent = playing !== null ? "❚❚" : "▶";
  $("#tl-play").setAttribute("aria-pressed", String(playing !== null));
}

function stopPlaying() {
  if (playing !== null) window.clearInterval(playing);
  playing = null;
  renderTimeline();
}

$<HTMLInputElement>("#tl-range").addEventListener("input", (e) => {
  const i = Number((e.target as HTMLInputElement).value); // before stopPlaying redraws the slider
  const dates = timelineDates();
  stopPlaying();
  setAsOf(i >= dates.length ? null : dates[i]);
});
$("#tl-all").addEventListener("click", () => {
  stopPlaying();
  setAsOf(null);
});
$("#tl-play").addEventListener("click", () => {
  if (playing !== null) return stopPlaying();
  const dates = timelineDates();
  if (!dates.length) return;
  let i = 0;
  setAsOf(dates[0]);
  // one date a second: nodes and relations appear as their first evidence does
  playing = window.setInterval(() => {
    i++;
    if (i >= dates.length) {
      stopPlaying();
      setAsOf(null);
      return;
    }
    setAsOf(dates[i]);
  }, 1000);
  renderTimeline();
});

function renderStatusLegend() {
  const el = $("#status-chips");
  clear(el);
  for (const s of MOTION_STATUSES) {
    el.append(h("span.chip.status", { dataset: { status: s.status } }, h("span.dot", { style: { background: s.color } }), statusName(s.status)));
  }
}
renderStatusLegend();

// ---- context menu: expand by relation type, load the rest, hide, pin, remove ----------------

const menu = $("#ctx-menu");
let menuFor: string | null = null;

async function expandByType(id: string, type: string) {
  await task(async () => {
    const { node, sub } = await api.relationsOf(id, 500, [type]);
    if (!node) throw new Error(`There is no node ${id}.`);
    const added = explorer.merge(sub, id);
    explorer.pushUndo({ what: `add the ${humanise(type)} relations of “${node.name}”`, nodes: added.nodes, edges: added.edges });
    explorer.recompute();
    say(`“${fullName(node)}”, ${humanise(type)}: +${added.nodes.length} nodes, +${added.edges.length} edges. Undo with Ctrl+Z.`);
    await explorer.runLayout(added.nodes, LAYOUT_LOCAL);
  }, () => void expandByType(id, type));
}

function closeMenu(refocus = false) {
  if (menu.hidden) return;
  menu.hidden = true;
  clear(menu);
  menuFor = null;
  if (refocus) container.focus();
}

function menuItem(label: string, run: () => void, opts: { disabled?: boolean; cls?: string } = {}) {
  return h(
    "li",
    { role: "none" },
    h(
      `button${opts.cls ? "." + opts.cls : ""}` as "button",
      { type: "button", role: "menuitem", disabled: opts.disabled, onclick: () => { closeMenu(true); run(); } },
      label,
    ),
  );
}

/** Opens the menu for a node at a point of the stage (CSS pixels from its top-left corner). */
function openMenu(id: string, x: number, y: number) {
  menuFor = id;
  clear(menu);
  const expanded = explorer.expanded.includes(id);
  const rest = partial.get(id);
  const typesLi = h("li", { role: "none" }, h("span.menu-note", null, t("Expand by relation type: loading…")));
  append(menu, [
    h("li.menu-title", { role: "none" }, graph.getNodeAttribute(id, "full")),
    expanded
      ? rest
        ? menuItem(t("Load the rest ({n} relations in all)", { n: rest }), () => void expand(id, { all: true }))
        : menuItem(t("All relations shown"), () => {}, { disabled: true })
      : menuItem(lang === "nl" ? "Buren tonen" : "Expand neighbours", () => void expand(id)),
    typesLi,
    menuItem(t("Path from here…"), () => startPathMode(id)),
    menuItem(explorer.pinned.has(id) ? t("Unpin (Tidy may move it)") : t("Pin in place (Tidy leaves it)"), () => {
      if (explorer.pinned.has(id)) explorer.pinned.delete(id);
      else explorer.pinned.add(id);
      say(explorer.pinned.has(id) ? `Pinned “${nameOf(id)}”.` : `Unpinned “${nameOf(id)}”.`);
    }),
    menuItem(t("Hide"), () => {
      explorer.userHidden.add(id);
      if (explorer.selected === id) closePanel();
      explorer.recompute();
      say(`Hid “${nameOf(id)}”.`, false, { label: t("Show {n} hidden", { n: explorer.userHidden.size }), run: showHidden });
    }),
    menuItem(t("Remove from the graph"), () => {
      const name = nameOf(id);
      if (explorer.selected === id) closePanel();
      explorer.remove(id);
      partial.delete(id);
      writeHash();
      say(`Removed “${name}”.`);
    }),
  ]);
  const stage = $("#stage").getBoundingClientRect();
  menu.hidden = false;
  const w = menu.offsetWidth;
  const hh = menu.offsetHeight;
  menu.style.left = `${Math.max(4, Math.min(x, stage.width - w - 4))}px`;
  menu.style.top = `${Math.max(4, Math.min(y, stage.height - hh - 4))}px`;
  menu.querySelector<HTMLElement>("button:not([disabled])")?.focus();
  void api.relationTypeCounts(id).then(
    (counts) => {
      if (menuFor !== id) return;
      const types = RELATION_TYPES.filter((t) => counts.get(t.type));
      typesLi.replaceWith(
        ...(types.length
          ? types.map((t) => menuItem(`+ ${relationReading(t.type, "OUT")} (${counts.get(t.type)})`, () => void expandByType(id, t.type), { cls: "by-type" }))
          : [h("li", { role: "none" }, h("span.menu-note", null, "No relations."))]),
      );
    },
    () => typesLi.remove(),
  );
}

function showHidden() {
  explorer.userHidden.clear();
  explorer.recompute();
}

explorer.renderer.on("rightClickNode", (e) => {
  e.preventSigmaDefault();
  e.event.original.preventDefault();
  openMenu(e.node, e.event.x, e.event.y);
});
container.addEventListener("contextmenu", (e) => e.preventDefault());
container.addEventListener("keydown", (e) => {
  if ((e.key === "ContextMenu" || (e.shiftKey && e.key === "F10")) && explorer.selected) {
    e.preventDefault();
    const p = explorer.viewportPosition(explorer.selected);
    if (p) openMenu(explorer.selected, p.x + 10, p.y + 10);
  }
});
menu.addEventListener("keydown", (e) => {
  const items = [...menu.querySelectorAll<HTMLButtonElement>("button:not([disabled])")];
  const i = items.indexOf(document.activeElement as HTMLButtonElement);
  if (e.key === "ArrowDown" || e.key === "ArrowUp") {
    e.preventDefault();
    items[(i + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length]?.focus();
  } else if (e.key === "Escape") {
    e.stopPropagation();
    closeMenu(true);
  } else if (e.key === "Tab") closeMenu();
});
document.addEventListener("pointerdown", (e) => {
  if (!menu.hidden && !menu.contains(e.target as Node)) closeMenu();
});
explorer.renderer.on("clickStage", () => closeMenu());

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
    if (searchInput.value.trim()) results.append(h("li.none", null, t("Nothing found.")));
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
        h("span.hit-main", null, h("span.name", null, fullName(hit.node)), h("span.meta", null, `${labelName(hit.node.label)} · ${hit.node.id}`), snippet ? h("span.snippet", null, snippet) : null),
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
  // The keyboard goes on in the panel, not back at the top of the page.
  focusPanelNext = !pathMode;
  if (pathMode) searchInput.focus();
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

/** What covers the graph: the side panel on the right, the bottom sheet on phones. */
function insets(): { right: number; bottom: number } {
  const stage = container.getBoundingClientRect();
  let right = 0;
  let bottom = 0;
  if (!panel.hidden) {
    const p = panel.getBoundingClientRect();
    if (p.top > stage.top + 40 && p.left <= stage.left + 4) bottom = Math.max(0, stage.bottom - p.top);
    else right = Math.max(0, stage.right - p.left);
  }
  return { right, bottom };
}

/** The filters in words, for the PNG's caption. */
function filterSummary(): string {
  const f = explorer.filters;
  const parts: string[] = [];
  if (f.hiddenLabels.size) parts.push(`hidden: ${[...f.hiddenLabels].map(labelName).join(", ")}`);
  if (f.hiddenTypes.size) parts.push(`relations hidden: ${[...f.hiddenTypes].map(humanise).join(", ")}`);
  if (f.from || f.to) parts.push(`documents ${f.from ? dutchDate(f.from) : "…"} – ${f.to ? dutchDate(f.to) : "…"}${f.keepUndated ? "" : ", undated left out"}`);
  return parts.length ? `Filters: ${parts.join("; ")}` : "No filters";
}

/** The documents behind the visible relations, most used first. */
function sources(): { cite: string; n: number }[] {
  const m = new Map<string, number>();
  graph.forEachEdge((e, a) => {
    if (explorer.hiddenEdges.has(e)) return;
    for (const ev of a.evidence) {
      const c = api.citeDoc(ev.document);
      m.set(c, (m.get(c) ?? 0) + 1);
    }
  });
  return [...m.entries()].map(([cite, n]) => ({ cite, n })).sort((a, b) => b.n - a.n || a.cite.localeCompare(b.cite));
}

/** Words wrapped to a width, for text drawn on a canvas. */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const w of text.split(/\s+/)) {
    const t = line ? `${line} ${w}` : w;
    if (ctx.measureText(t).width > width && line) {
      lines.push(line);
      line = w;
    } else line = t;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * The view as a PNG at twice the screen's resolution: a title, the date and the filters above the
 * graph (without what lies behind the open panel), the legend and the sources below.
 */
async function pngBlob(): Promise<Blob> {
  const scale = 2;
  const { width, height } = explorer.renderer.getDimensions();
  const inset = insets();
  const w = Math.max(200, Math.round(width - inset.right));
  const gh = Math.max(150, Math.round(height - inset.bottom));
  // Render the graph at 2×: @sigma/export-image reads the device pixel ratio.
  const own = Object.getOwnPropertyDescriptor(window, "devicePixelRatio");
  Object.defineProperty(window, "devicePixelRatio", { value: scale, configurable: true });
  let graphCanvas: HTMLCanvasElement;
  try {
    graphCanvas = await drawOnCanvas(explorer.renderer as unknown as Sigma, { backgroundColor: "#ffffff", width, height });
  } finally {
    if (own) Object.defineProperty(window, "devicePixelRatio", own);
    else delete (window as { devicePixelRatio?: number }).devicePixelRatio;
  }
  const font = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  const pad = 16;
  const measure = document.createElement("canvas").getContext("2d")!;
  // Legend entries: the labels shown, with their counts.
  const shown = explorer.labelsVisible();
  const legend = LABELS.filter((l) => shown.get(l.label)).map((l) => ({ color: l.color, text: `${l.name} (${shown.get(l.label)})` }));
  measure.font = `12px ${font}`;
  const legendRows: { color: string; text: string; x: number }[][] = [[]];
  let x = pad;
  for (const e of legend) {
    const ew = 16 + measure.measureText(e.text).width + 18;
    if (x + ew > w - pad && legendRows[legendRows.length - 1].length) {
      legendRows.push([]);
      x = pad;
    }
    legendRows[legendRows.length - 1].push({ ...e, x });
    x += ew;
  }
  const src = sources();
  const srcText = src.length
    ? `Sources (${src.length} document${src.length === 1 ? "" : "s"}): ${src.slice(0, 12).map((s) => s.cite).join("; ")}${src.length > 12 ? `; and ${src.length - 12} more` : ""}.`
    : "Sources: none in view.";
  measure.font = `11px ${font}`;
  const srcLines = wrap(measure, srcText, w - 2 * pad);
  const filterLines = wrap(measure, filterSummary(), w - 2 * pad);
  const linkLines = wrap(measure, `Every relation with its sentence and document: ${location.href}`, w - 2 * pad);
  const head = pad + 20 + 6 + filterLines.length * 15 + 8;
  const foot = 10 + legendRows.length * 20 + 6 + srcLines.length * 15 + 8 + linkLines.length * 15 + pad;
  const out = document.createElement("canvas");
  out.width = w * scale;
  out.height = (head + gh + foot) * scale;
  const ctx = out.getContext("2d")!;
  ctx.scale(scale, scale);
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, w, head + gh + foot);
  ctx.fillStyle = "#1f2933";
  ctx.textBaseline = "top";
  ctx.font = `600 16px ${font}`;
  const sel = explorer.selected && graph.hasNode(explorer.selected) ? ` — ${graph.getNodeAttribute(explorer.selected, "full")}` : "";
  ctx.fillText(wrap(ctx, `Beleidsgraaf${sel}`, w - 2 * pad - 150)[0] ?? "Beleidsgraaf", pad, pad);
  ctx.font = `11px ${font}`;
  ctx.fillStyle = "#52606d";
  const today = dutchDate(new Date().toISOString().slice(0, 10));
  ctx.textAlign = "right";
  ctx.fillText(`${today} · ${explorer.visibleNodeCount} nodes`, w - pad, pad + 3);
  ctx.textAlign = "left";
  filterLines.forEach((l, i) => ctx.fillText(l, pad, pad + 26 + i * 15));
  ctx.drawImage(graphCanvas, 0, 0, w * scale, gh * scale, 0, head, w, gh);
  ctx.strokeStyle = "#e4e7eb";
  ctx.strokeRect(0.5, head + 0.5, w - 1, gh - 1);
  let y = head + gh + 10;
  ctx.font = `12px ${font}`;
  for (const row of legendRows) {
    for (const e of row) {
      ctx.fillStyle = e.color;
      ctx.beginPath();
      ctx.arc(e.x + 6, y + 7, 5, 0, Math.PI * 2);
      ctx.fill();
      ctx.fillStyle = "#1f2933";
      ctx.fillText(e.text, e.x + 16, y + 1);
    }
    y += 20;
  }
  y += 6;
  ctx.font = `11px ${font}`;
  ctx.fillStyle = "#52606d";
  for (const l of [...srcLines, "", ...linkLines]) {
    if (l) ctx.fillText(l, pad, y);
    y += l ? 15 : 8;
  }
  return new Promise((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error("the PNG could not be made"))), "image/png"));
}

/**
 * The visible graph as GEXF 1.3, for Gephi and Gephi Lite: each node's label is its name; its
 * ontology label is the attribute "kind" (an attribute named "label" overwrote the name when
 * read back), with colour, size and position; edges with their type, first quote and document.
 */
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
      label: a.full,
      attributes: { kind: a.kind, name: a.name, date: a.date ?? "" },
      viz: { color: a.color, size: a.size, x: a.x, y: a.y },
    }),
    formatEdge: (_key, a) => ({
      label: humanise(a.relType),
      kind: a.relType,
      attributes: {
        relation: a.relType,
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
  say(t("Undone: {what}.", { what: e.what }));
}

$("#btn-undo").addEventListener("click", undo);
$("#btn-fit").addEventListener("click", () => explorer.fit());
$("#btn-reset").addEventListener("click", () => {
  history.pushState(null, "", location.pathname + location.search);
  void boot();
});
$("#btn-lang").addEventListener("click", () => setLang(lang === "nl" ? "en" : "nl"));
$("#btn-tidy").addEventListener("click", () => void task(() => explorer.tidy(), null));
$("#btn-filters").addEventListener("click", () => toggleDrawer());
$("#filters-close").addEventListener("click", () => toggleDrawer(false));
$("#btn-list").addEventListener("click", () => toggleNodeList());

/** The filters as a drawer on small screens. */
function toggleDrawer(open = !document.body.classList.contains("filters-open")) {
  document.body.classList.toggle("filters-open", open);
  $("#btn-filters").setAttribute("aria-expanded", String(open));
  if (open) $("#filters").querySelector<HTMLElement>("button, input")?.focus();
  else if ($("#filters").contains(document.activeElement)) $("#btn-filters").focus();
}

// ---- keyboard: the graph, and a list of the nodes on screen ----------------------------------

/** The visible nodes, sorted for the keyboard: left to right, or top to bottom. */
function visibleSorted(by: "x" | "y"): string[] {
  return graph
    .filterNodes((n) => !explorer.hiddenNodes.has(n))
    .map((n) => ({ n, p: explorer.viewportPosition(n)! }))
    .sort((a, b) => (by === "x" ? a.p.x - b.p.x || a.p.y - b.p.y : a.p.y - b.p.y || a.p.x - b.p.x))
    .map((x) => x.n);
}

container.tabIndex = 0;
container.setAttribute("role", "application");
container.setAttribute(
  "aria-label",
  "The graph. Arrow keys move between nodes, Enter opens the selected node's relations, E expands it, L lists the nodes on screen.",
);
container.addEventListener("keydown", (e) => {
  const dir = { ArrowRight: ["x", 1], ArrowLeft: ["x", -1], ArrowDown: ["y", 1], ArrowUp: ["y", -1] }[e.key] as ["x" | "y", number] | undefined;
  if (dir) {
    e.preventDefault();
    const order = visibleSorted(dir[0]);
    if (!order.length) return;
    const i = explorer.selected ? order.indexOf(explorer.selected) : -1;
    const next = order[i < 0 ? 0 : (i + dir[1] + order.length) % order.length];
    quietHistory = i >= 0;
    try {
      select(next);
    } finally {
      quietHistory = false;
    }
    explorer.focus(next);
    say(`${labelName(graph.getNodeAttribute(next, "kind"))}: ${graph.getNodeAttribute(next, "full")}`);
  } else if (e.key === "Enter" && explorer.selected) {
    e.preventDefault();
    panel.querySelector<HTMLElement>("h2")?.focus();
  } else if (e.key.toLowerCase() === "e" && explorer.selected && !e.ctrlKey && !e.metaKey) {
    e.preventDefault();
    void expand(explorer.selected);
  } else if (e.key.toLowerCase() === "l" && !e.ctrlKey && !e.metaKey) {
    e.preventDefault();
    toggleNodeList(true);
  }
});
container.addEventListener("pointerleave", () => {
  // A quick exit can skip sigma's leaveNode: never leave a hover box behind.
  (explorer.renderer as unknown as { hoveredNode: string | null }).hoveredNode = null;
  if (explorer.hovered) explorer.setHovered(null);
  explorer.renderer.refresh({ skipIndexation: true });
  container.style.cursor = "";
});

function toggleNodeList(open = $("#node-list").hidden) {
  const box = $("#node-list");
  box.hidden = !open;
  $("#btn-list").setAttribute("aria-expanded", String(open));
  if (!open) return;
  const ids = graph.filterNodes((n) => !explorer.hiddenNodes.has(n));
  ids.sort((a, b) => {
    const ka = LABELS.findIndex((l) => l.label === graph.getNodeAttribute(a, "kind"));
    const kb = LABELS.findIndex((l) => l.label === graph.getNodeAttribute(b, "kind"));
    return ka - kb || graph.getNodeAttribute(a, "full").localeCompare(graph.getNodeAttribute(b, "full"), "nl");
  });
  clear(box);
  append(box, [
    h(
      "header",
      null,
      h("h3", null, t("Nodes on screen ({n})", { n: ids.length })),
      h("button.close", { type: "button", "aria-label": t("Close the list"), title: t("Close (Esc)"), onclick: () => { toggleNodeList(false); container.focus(); } }, "×"),
    ),
    h(
      "ul",
      null,
      ids.map((id) =>
        h(
          "li",
          null,
          h(
            "button.nodelink",
            {
              type: "button",
              dataset: { id },
              onclick: () => {
                toggleNodeList(false);
                focusPanelNext = true;
                select(id);
                explorer.focus(id);
              },
            },
            h("span.dot", { style: { background: graph.getNodeAttribute(id, "color") } }),
            h("span.name", null, graph.getNodeAttribute(id, "full")),
            h("span.meta", null, ` ${labelName(graph.getNodeAttribute(id, "kind"))}`),
          ),
        ),
      ),
    ),
  ]);
  box.querySelector<HTMLElement>("li button")?.focus();
}
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
    if (!$("#node-list").hidden) {
      toggleNodeList(false);
      container.focus();
    } else if (document.body.classList.contains("filters-open")) toggleDrawer(false);
    else if (!docview.hidden) closeDocument();
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
  asOf: string | null;
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
    asOf: date("asof"),
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
  if (explorer.filters.asOf) parts.push(`asof=${explorer.filters.asOf}`);
  const s = parts.join("&");
  if (s === writtenHash) return;
  writtenHash = s;
  // Each new view is a step in the browser's history: Back and Forward move between views.
  const url = s ? `#${s}` : location.pathname + location.search;
  if (restoring || quietHistory) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
}

/** While a view is being restored from the address (a link, Back, Forward), nothing is pushed. */
let restoring = false;
/** Stepping through nodes with the arrow keys replaces the history entry instead of adding one each. */
let quietHistory = false;
/** A node named by the address that the graph does not have. */
let missingLink: string | null = null;

async function applyState(st: UrlState) {
  explorer.filters.hiddenLabels = new Set(st.hide);
  explorer.filters.hiddenTypes = new Set(st.hideRel);
  explorer.filters.from = st.from;
  explorer.filters.to = st.to;
  explorer.filters.keepUndated = st.undated;
  explorer.filters.asOf = st.asOf;
  $<HTMLInputElement>("#date-from").value = dutchDate(st.from);
  $<HTMLInputElement>("#date-to").value = dutchDate(st.to);
  $<HTMLInputElement>("#keep-undated").checked = st.undated;
  explorer.recompute();
  // Back from an expansion takes it back.
  for (let guard = explorer.undoStack.length; guard > 0 && explorer.expanded.some((id) => !st.expand.includes(id)); guard--) explorer.undo();
  for (const id of st.expand) if (!explorer.expanded.includes(id)) await expand(id, { quiet: true });
  if (st.path && (explorer.path?.from !== st.path[0] || explorer.path?.to !== st.path[1])) await showPath(st.path[0], st.path[1]);
  if (!st.path && explorer.path) clearPath();
  missingLink = null;
  if (st.node) {
    if (await add(st.node, true)) {
      if (explorer.selected !== st.node) select(st.node);
      explorer.focus(st.node);
    } else if (!graph.hasNode(st.node)) {
      missingLink = st.node;
      const tail = st.node.replace(/^[a-z]+:/, "").replace(/-/g, " ");
      say(t("The link names “{id}”, which is not in the graph (it may be an old link).", { id: st.node }), true, {
        label: t("Search for “{text}”", { text: tail }),
        run: () => {
          searchInput.value = tail;
          searchInput.focus();
          void runSearch(tail);
        },
      });
    }
  } else if (explorer.selected) closePanel();
}

window.addEventListener("hashchange", () => {
  const s = location.hash.replace(/^#/, "");
  if (s === writtenHash) return;
  writtenHash = s;
  void task(async () => {
    restoring = true;
    try {
      await applyState(readHash());
    } finally {
      restoring = false;
    }
  });
});

// ---- start --------------------------------------------------------------------------------

/**
 * On a narrow screen the toolbar scrolls sideways; a fade at the edge with more buttons
 * behind it says so (the scrollbar is hidden). The classes follow scrolling, resizing and
 * the language switch, which changes the buttons' widths.
 */
function watchToolbarOverflow() {
  const tools = $(".tools");
  const update = () => {
    tools.classList.toggle("more-left", tools.scrollLeft > 1);
    tools.classList.toggle("more-right", tools.scrollLeft + tools.clientWidth < tools.scrollWidth - 1);
  };
  tools.addEventListener("scroll", update, { passive: true });
  new ResizeObserver(update).observe(tools);
  update();
}
watchToolbarOverflow();

async function boot() {
  ready = false;
  const loading = $("#loading");
  if (loading.classList.contains("failed")) {
    loading.classList.remove("failed");
    clear(loading);
    loading.append(t("Loading the action plan “Samen tegen mensenhandel”…"));
  }
  loading.hidden = false;
  closePanel();
  closeDocument();
  stopPathMode();
  say("");
  lastError = null;
  writtenHash = location.hash.replace(/^#/, "");
  restoring = true;
  let failed: unknown = null;
  busy++;
  try {
    await loadStart();
    loading.hidden = true;
    await applyState(readHash());
  } catch (err) {
    failed = err;
    console.warn(err);
  } finally {
    busy--;
  }
  if (failed !== null && !graph.order) {
    // Nothing to show: say why, with a way to try again.
    lastError = friendly(failed);
    clear(loading);
    append(loading, [
      h("p.error", null, t("The graph could not be loaded. {error}", { error: lastError })),
      h("button", { id: "btn-retry", type: "button", onclick: () => void boot() }, t("Retry")),
    ]);
    loading.classList.add("failed");
    loading.hidden = false;
    restoring = false;
    ready = true;
    renderStatus();
    $<HTMLButtonElement>("#btn-retry").focus();
    return;
  }
  if (failed !== null) say(friendly(failed), true, { label: t("Retry"), run: () => void boot() });
  loading.hidden = true;
  ready = true;
  if (!missingLink) writeHash();
  restoring = false;
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
    return { hiddenLabels: [...f.hiddenLabels], hiddenTypes: [...f.hiddenTypes], from: f.from, to: f.to, keepUndated: f.keepUndated, asOf: f.asOf };
  },
  /** The colour a node is drawn in now (motions: their status as of the timeline's date). */
  nodeColor(id: string) {
    return explorer.renderer.getNodeDisplayData(id)?.color ?? null;
  },
  /** Whether a node is hidden now (by the filters or the timeline). */
  isHidden(id: string) {
    return explorer.hiddenNodes.has(id);
  },
  get lastError() {
    return lastError;
  },
  get docHighlight() {
    return docHighlight;
  },
  hasNode: (id: string) => graph.hasNode(id),
  /** The label drawn next to a node and its full name. */
  labelOf: (id: string) => (graph.hasNode(id) ? { label: graph.getNodeAttribute(id, "label"), full: graph.getNodeAttribute(id, "full") } : null),
  /** How sigma draws a node now (colour and label, after hover and selection). */
  display: (id: string) => {
    const d = explorer.renderer.getNodeDisplayData(id);
    return d ? { color: d.color, label: d.label, hidden: d.hidden, ownColor: graph.getNodeAttribute(id, "color") } : null;
  },
  /** Pairs of visible nodes whose discs overlap on screen. */
  overlaps: () => {
    const pts = graph.filterNodes((n) => !explorer.hiddenNodes.has(n)).map((n) => {
      const d = explorer.renderer.getNodeDisplayData(n)!;
      const p = explorer.renderer.framedGraphToViewport(d);
      return { p, r: explorer.renderer.scaleSize(d.size) };
    });
    let k = 0;
    for (let i = 0; i < pts.length; i++)
      for (let j = i + 1; j < pts.length; j++)
        if (Math.hypot(pts[i].p.x - pts[j].p.x, pts[i].p.y - pts[j].p.y) < pts[i].r + pts[j].r) k++;
    return k;
  },
  /** Node labels drawn in the last frame, and how many pairs of them overlap. */
  labelStats: () => {
    const r = explorer.labelRects();
    let overlapping = 0;
    for (let i = 0; i < r.length; i++)
      for (let j = i + 1; j < r.length; j++)
        if (r[i].x0 < r[j].x1 && r[i].x1 > r[j].x0 && r[i].y0 < r[j].y1 && r[i].y1 > r[j].y0) overlapping++;
    return { drawn: r.length, overlapping };
  },
  /** The edge labels drawn now: edge → label (parallel edges share one). */
  edgeLabels: () => {
    const out: Record<string, string> = {};
    graph.forEachEdge((e) => {
      const d = explorer.renderer.getEdgeDisplayData(e);
      if (d?.label && !d.hidden) out[e] = d.label;
    });
    return out;
  },
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

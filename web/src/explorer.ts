// The graph model and its view: a graphology graph rendered by sigma, laid out by ForceAtlas2
// in a web worker, with filters, hover, selection, expansion with undo and a highlighted path.
import Graph from "graphology";
import { inferSettings } from "graphology-layout-forceatlas2";
import FA2Layout from "graphology-layout-forceatlas2/worker";
import noverlap from "graphology-layout-noverlap";
import Sigma from "sigma";
import type { EdgeDisplayData, NodeDisplayData } from "sigma/types";

import type { ApiEdge, Evidence, NodeRef, StatusStep, Subgraph } from "./api";
import { fullName, shortName } from "./names";
import {
  EDGE_COLOR,
  EDGE_COLOR_STRONG,
  FADED_EDGE,
  FADED_NODE,
  PATH_COLOR,
  labelColor,
  labelSize,
  relationReading,
  statusAsOf,
  statusColor,
} from "./theme";

export interface NodeAttrs {
  x: number;
  y: number;
  size: number;
  color: string;
  /** sigma's display text (the name, shortened; "Actie 17"). */
  label: string;
  /** The full display name, shown on hover and selection. */
  full: string;
  /** the ontology label (Organisation, Actielijn, ...). */
  kind: string;
  name: string;
  /** a Document's date, when known. */
  date: string | null;
  /** the date from which the node is in the graph (its first dated mention); null: undated. */
  since: string | null;
  /** a Motion's status steps, for its colour as of the timeline's date. */
  steps: StatusStep[] | null;
  /** ForceAtlas2 leaves fixed nodes where they are. */
  fixed: boolean;
}

export interface EdgeAttrs {
  relType: string;
  evidence: Evidence[];
  /** the date of the relation's earliest evidence; null: undated. */
  since: string | null;
  size: number;
  color: string;
  type: string;
}

export interface Filters {
  hiddenLabels: Set<string>;
  hiddenTypes: Set<string>;
  from: string | null;
  to: string | null;
  keepUndated: boolean;
  /** The timeline's date: only what was in the graph on it shows; null: everything. */
  asOf: string | null;
}

interface UndoEntry {
  what: string;
  nodes: string[];
  edges: string[];
  expanded?: string;
  path?: boolean;
}

export interface PathState {
  from: string;
  to: string;
  nodes: string[];
  edges: string[];
}

/** A stable pseudo-random number in [0, 1) from a string, so layouts repeat. */
function hash01(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return ((h >>> 0) % 100000) / 100000;
}

/** Edge labels are drawn around a focused node only when it has no more edges than this. */
const EDGE_LABELS_UP_TO = 14;

type Rect = { x0: number; y0: number; x1: number; y1: number; p: number };
/** The node labels drawn in the current frame, per canvas (the view's, or an export's). */
let drawnLabels = new WeakMap<CanvasRenderingContext2D, Rect[]>();

/**
 * Node labels that never overlap. A label that would cover labels already drawn in this frame
 * replaces them when its node matters more (forced labels, then larger nodes: the plan and its
 * actielijnen before actions and documents), and is left out otherwise. Drawn labels never
 * overlap, so clearing one's rectangle on the (transparent) label layer removes just that label.
 * Hovered and selected nodes show their full name on the hover layer regardless.
 */
function drawNodeLabel(
  ctx: CanvasRenderingContext2D,
  data: { x: number; y: number; size: number; label?: string | null; forceLabel?: boolean; highlighted?: boolean },
  settings: { labelSize: number; labelFont: string; labelWeight: string; labelColor: { color?: string } },
) {
  if (!data.label) return;
  const size = settings.labelSize;
  ctx.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
  const w = ctx.measureText(data.label).width;
  const x = data.x + data.size + 3;
  const p = data.size + (data.forceLabel ? 1000 : 0) + (data.highlighted ? 2000 : 0);
  const r = { x0: x - 1, y0: data.y - size / 2 - 3, x1: x + w + 1, y1: data.y + size / 2 + 3, p };
  let list = drawnLabels.get(ctx);
  if (!list) {
    list = [];
    drawnLabels.set(ctx, list);
  }
  const hit = list.filter((o) => r.x0 < o.x1 && r.x1 > o.x0 && r.y0 < o.y1 && r.y1 > o.y0);
  if (hit.some((o) => o.p >= p)) return;
  for (const o of hit) {
    ctx.clearRect(o.x0, o.y0, o.x1 - o.x0, o.y1 - o.y0);
    list.splice(list.indexOf(o), 1);
  }
  list.push(r);
  ctx.fillStyle = settings.labelColor.color ?? "#1f2933";
  ctx.fillText(data.label, x, data.y + size / 3);
}

/** Edge labels drawn in full along the edge, on a white halo (sigma's own cut them to the edge's length). */
function drawEdgeLabel(
  ctx: CanvasRenderingContext2D,
  edge: { label?: string | null; size: number },
  source: { x: number; y: number; size: number },
  target: { x: number; y: number; size: number },
  settings: { edgeLabelSize: number; edgeLabelFont: string; edgeLabelWeight: string; edgeLabelColor: { color?: string } },
) {
  const label = edge.label;
  if (!label) return;
  const size = settings.edgeLabelSize;
  ctx.font = `${settings.edgeLabelWeight} ${size}px ${settings.edgeLabelFont}`;
  const dx = target.x - source.x;
  const dy = target.y - source.y;
  const d = Math.hypot(dx, dy);
  if (d < source.size + target.size + 4) return;
  const cx = (source.x + target.x) / 2;
  const cy = (source.y + target.y) / 2;
  // Keep the text upright.
  let angle = Math.atan2(dy, dx);
  if (angle > Math.PI / 2) angle -= Math.PI;
  if (angle < -Math.PI / 2) angle += Math.PI;
  const w = ctx.measureText(label).width;
  ctx.save();
  ctx.translate(cx, cy);
  ctx.rotate(angle);
  ctx.lineJoin = "round";
  ctx.lineWidth = 3;
  ctx.strokeStyle = "rgba(255,255,255,0.92)";
  const y = -(edge.size / 2 + 3);
  ctx.strokeText(label, -w / 2, y);
  ctx.fillStyle = settings.edgeLabelColor.color ?? "#52606d";
  ctx.fillText(label, -w / 2, y);
  ctx.restore();
}

export class Explorer {
  readonly graph = new Graph<NodeAttrs, EdgeAttrs>({ multi: true, type: "directed", allowSelfLoops: true });
  readonly renderer: Sigma<NodeAttrs, EdgeAttrs>;

  selected: string | null = null;
  selectedEdge: string | null = null;
  hovered: string | null = null;
  path: PathState | null = null;
  /** In path mode: the first node picked. */
  pathPick: string | null = null;
  filters: Filters = { hiddenLabels: new Set(), hiddenTypes: new Set(), from: null, to: null, keepUndated: true, asOf: null };
  readonly hiddenNodes = new Set<string>();
  /** Nodes hidden by hand (context menu), and nodes pinned in place (Tidy leaves them). */
  readonly userHidden = new Set<string>();
  readonly pinned = new Set<string>();
  readonly hiddenEdges = new Set<string>();
  readonly expanded: string[] = [];
  readonly undoStack: UndoEntry[] = [];
  layoutRunning = false;
  /** How the last layout went: iterations run and milliseconds taken. */
  lastLayout: { iterations: number; ms: number } | null = null;
  /** Called after anything visible changed (counts, filters, selection). */
  onChange: () => void = () => {};

  private layout: FA2Layout | null = null;
  private layoutTimer: number | undefined;
  private layoutDone: (() => void)[] = [];
  private frozen = false;
  private dragged: string | null = null;
  private dragMoved = false;

  constructor(container: HTMLElement) {
    this.renderer = new Sigma(this.graph, container, {
      renderEdgeLabels: true,
      enableEdgeEvents: true,
      defaultEdgeType: "arrow",
      labelFont: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
      labelSize: 12,
      labelWeight: "500",
      labelColor: { color: "#1f2933" },
      edgeLabelFont: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
      edgeLabelSize: 10,
      edgeLabelColor: { color: "#52606d" },
      labelRenderedSizeThreshold: 5,
      labelDensity: 0.9,
      zIndex: true,
      stagePadding: 40,
      minCameraRatio: 0.03,
      maxCameraRatio: 8,
      defaultDrawEdgeLabel: drawEdgeLabel as never,
      defaultDrawNodeLabel: drawNodeLabel as never,
      nodeReducer: (n, d) => this.reduceNode(n, d),
      edgeReducer: (e, d) => this.reduceEdge(e, d),
    });
    this.bindDrag();
    this.renderer.on("beforeRender", () => {
      drawnLabels = new WeakMap();
    });
  }

  /** The node labels drawn in the last frame, as rectangles in pixels. */
  labelRects(): Rect[] {
    const ctx = this.renderer.getCanvases().labels?.getContext("2d");
    return (ctx && drawnLabels.get(ctx)) || [];
  }

  // ---- model ----------------------------------------------------------------------------

  /**
   * Adds the nodes and edges of a subgraph that are not in the graph yet. New nodes are placed
   * next to neighbours already placed (around `anchor` first), so nothing placed moves.
   */
  merge(sub: Subgraph, anchor: string | null = null): { nodes: string[]; edges: string[] } {
    const addedNodes: string[] = [];
    const addedEdges: string[] = [];
    for (const n of sub.nodes) {
      if (this.graph.hasNode(n.id)) {
        this.updateRef(n);
        continue;
      }
      this.graph.addNode(n.id, {
        x: 0,
        y: 0,
        size: labelSize(n.label),
        color: labelColor(n.label),
        label: shortName(n),
        full: fullName(n),
        kind: n.label,
        name: n.name,
        date: n.date ?? null,
        since: n.since ?? null,
        steps: n.statusHistory ?? null,
        fixed: false,
      });
      addedNodes.push(n.id);
    }
    for (const e of sub.edges) {
      if (!this.graph.hasNode(e.from) || !this.graph.hasNode(e.to)) continue;
      if (this.graph.hasEdge(e.id)) continue;
      this.graph.addDirectedEdgeWithKey(e.id, e.from, e.to, this.edgeAttrs(e));
      addedEdges.push(e.id);
    }
    this.place(addedNodes, anchor);
    this.resize();
    const motions = addedNodes.filter((n) => this.graph.getNodeAttribute(n, "kind") === "Motion");
    if (motions.length) this.onMotions(motions);
    return { nodes: addedNodes, edges: addedEdges };
  }

  private updateRef(n: NodeRef) {
    if (n.date && !this.graph.getNodeAttribute(n.id, "date")) this.graph.setNodeAttribute(n.id, "date", n.date);
    if (n.since && !this.graph.getNodeAttribute(n.id, "since")) this.graph.setNodeAttribute(n.id, "since", n.since);
    if (n.statusHistory && !this.graph.getNodeAttribute(n.id, "steps")) this.graph.setNodeAttribute(n.id, "steps", n.statusHistory);
    if ((n.number != null || n.dossier) && this.graph.getNodeAttribute(n.id, "full") === n.name) {
      this.graph.mergeNodeAttributes(n.id, { label: shortName(n), full: fullName(n) });
    }
  }

  private edgeAttrs(e: ApiEdge): EdgeAttrs {
    const weak = e.type === "MENTIONS" || e.type === "CITES";
    return {
      relType: e.type,
      evidence: e.evidence,
      since: e.since ?? null,
      size: weak ? 1 : 2,
      color: weak ? EDGE_COLOR : EDGE_COLOR_STRONG,
      type: "arrow",
    };
  }

  /** Node sizes grow with degree; the plan's structure stands out. */
  private resize() {
    this.graph.forEachNode((n, a) => {
      const size = labelSize(a.kind) + Math.min(8, 1.4 * Math.sqrt(this.graph.degree(n)));
      if (size !== a.size) this.graph.setNodeAttribute(n, "size", size);
    });
  }

  /** The typical distance between neighbours, to place new nodes at a sensible distance. */
  private unit(): number {
    let sum = 0;
    let k = 0;
    this.graph.forEachEdge((_e, _a, s, t, sa, ta) => {
      if (!sa.fixed || !ta.fixed || s === t) return;
      sum += Math.hypot(sa.x - ta.x, sa.y - ta.y);
      k++;
    });
    return k ? sum / k : 10;
  }

  /** The bounding box of some nodes. */
  private extent(nodes: Iterable<string>) {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const n of nodes) {
      const a = this.graph.getNodeAttributes(n);
      minX = Math.min(minX, a.x);
      maxX = Math.max(maxX, a.x);
      minY = Math.min(minY, a.y);
      maxY = Math.max(maxY, a.y);
    }
    return { minX, minY, maxX, maxY, empty: minX === Infinity };
  }

  /** Where a new node goes next to the placed nodes it is linked to, or null when it has none. */
  private nearPlaced(n: string, placed: Set<string>, r: number): { x: number; y: number } | null {
    const nbrs = this.graph.neighbors(n).filter((m) => placed.has(m));
    if (!nbrs.length) return null;
    let x = 0;
    let y = 0;
    for (const m of nbrs) {
      x += this.graph.getNodeAttribute(m, "x");
      y += this.graph.getNodeAttribute(m, "y");
    }
    const angle = hash01(n) * Math.PI * 2;
    return { x: x / nbrs.length + r * 0.9 * Math.cos(angle), y: y / nbrs.length + r * 0.9 * Math.sin(angle) };
  }

  private place(nodes: string[], anchor: string | null) {
    if (!nodes.length) return;
    const fresh = new Set(nodes);
    const placed = new Set(this.graph.filterNodes((n) => !fresh.has(n)));
    const r = this.unit();
    const box = this.extent(placed);
    // A new anchor (a node from search or a link): next to what it is linked to, else beside
    // the drawing.
    if (anchor && fresh.has(anchor)) {
      const p = this.nearPlaced(anchor, placed, r * 2) ??
        (box.empty ? { x: 0, y: 0 } : { x: box.maxX + 2.5 * r, y: (box.minY + box.maxY) / 2 });
      this.graph.mergeNodeAttributes(anchor, p);
      placed.add(anchor);
    }
    // The anchor's new neighbours: a ring around it, in a stable order.
    if (anchor && placed.has(anchor)) {
      const a = this.graph.getNodeAttributes(anchor);
      const ring = nodes.filter((n) => !placed.has(n) && this.graph.areNeighbors(n, anchor));
      const offset = hash01(anchor) * Math.PI * 2;
      ring.forEach((n, i) => {
        const angle = offset + (2 * Math.PI * i) / ring.length;
        const rr = r * (0.9 + 0.3 * (i % 3));
        this.graph.mergeNodeAttributes(n, { x: a.x + rr * Math.cos(angle), y: a.y + rr * Math.sin(angle) });
        placed.add(n);
      });
    }
    // Others next to the placed neighbours they have, repeatedly (a path is placed in order).
    let todo = nodes.filter((n) => !placed.has(n));
    for (let progress = true; todo.length && progress; ) {
      progress = false;
      for (const n of todo) {
        const p = this.nearPlaced(n, placed, r);
        if (!p) continue;
        this.graph.mergeNodeAttributes(n, p);
        placed.add(n);
        progress = true;
      }
      todo = todo.filter((n) => !placed.has(n));
    }
    // Unconnected ones: a stable spiral (the start graph) or beside the drawing.
    const cx = box.empty ? 0 : box.maxX + 2.5 * r;
    const cy = box.empty ? 0 : (box.minY + box.maxY) / 2;
    todo.forEach((n, i) => {
      const angle = i * 2.39996 + hash01(n);
      const rr = r * 0.6 * Math.sqrt(i + 1);
      this.graph.mergeNodeAttributes(n, { x: cx + rr * Math.cos(angle), y: cy + rr * Math.sin(angle) });
    });
  }

  pushUndo(entry: UndoEntry) {
    if (entry.nodes.length || entry.edges.length || entry.expanded || entry.path) this.undoStack.push(entry);
  }

  /** Takes back the last expansion, search addition or path. */
  undo(): UndoEntry | null {
    const entry = this.undoStack.pop();
    if (!entry) return null;
    this.stopLayout();
    for (const e of entry.edges) if (this.graph.hasEdge(e)) this.graph.dropEdge(e);
    for (const n of entry.nodes) if (this.graph.hasNode(n)) this.graph.dropNode(n);
    if (entry.expanded) {
      const i = this.expanded.lastIndexOf(entry.expanded);
      if (i >= 0) this.expanded.splice(i, 1);
    }
    if (entry.path) this.path = null;
    if (this.selected && !this.graph.hasNode(this.selected)) this.selected = null;
    if (this.selectedEdge && !this.graph.hasEdge(this.selectedEdge)) this.selectedEdge = null;
    if (this.pathPick && !this.graph.hasNode(this.pathPick)) this.pathPick = null;
    if (this.path && !this.path.nodes.every((n) => this.graph.hasNode(n))) this.path = null;
    this.resize();
    this.recompute();
    return entry;
  }

  /** Takes a node and its edges out of the graph. */
  remove(id: string) {
    if (!this.graph.hasNode(id)) return;
    this.stopLayout();
    this.graph.dropNode(id);
    this.userHidden.delete(id);
    this.pinned.delete(id);
    if (this.selected === id) this.selected = null;
    if (this.hovered === id) this.setHovered(null);
    if (this.path?.nodes.includes(id)) this.path = null;
    const i = this.expanded.indexOf(id);
    if (i >= 0) this.expanded.splice(i, 1);
    this.resize();
    this.recompute();
  }

  /** Empties the graph (before the start graph is loaded again). */
  reset() {
    this.userHidden.clear();
    this.pinned.clear();
    this.stopLayout();
    this.graph.clear();
    this.undoStack.length = 0;
    this.expanded.length = 0;
    this.selected = null;
    this.selectedEdge = null;
    this.path = null;
    this.pathPick = null;
    this.frozen = false;
    this.renderer.setCustomBBox(null);
    this.recompute();
  }

  // ---- layout ---------------------------------------------------------------------------

  /**
   * Runs ForceAtlas2 in a web worker for a fixed number of iterations, on a copy of the graph
   * whose positions are copied back now and then (so drawing does not slow the layout down).
   * With `movable` null the whole graph is laid out (the start graph). Otherwise only those new
   * nodes move, in a graph of their own with, fixed, the nodes they link to and the placed nodes
   * close by, centred on them: nothing placed moves, and the rest of the drawing neither pulls
   * nor pushes them.
   */
  runLayout(movable: string[] | null, iterations: number): Promise<void> {
    this.stopLayout();
    if (movable && movable.length === 0) return Promise.resolve();
    const target = new Graph<NodeAttrs, EdgeAttrs>({ multi: true, type: "directed", allowSelfLoops: true });
    const moving: string[] = [];
    let cx = 0;
    let cy = 0;
    const include = (n: string, fixed: boolean) => {
      if (target.hasNode(n)) return;
      const a = this.graph.getNodeAttributes(n);
      target.addNode(n, { ...a, x: a.x - cx, y: a.y - cy, fixed });
      if (!fixed) moving.push(n);
    };
    if (movable) {
      const move = new Set(movable);
      const box = this.extent(move);
      cx = (box.minX + box.maxX) / 2;
      cy = (box.minY + box.maxY) / 2;
      const near = 0.4 * (Math.max(box.maxX - box.minX, box.maxY - box.minY) / 2 + 2 * this.unit());
      for (const n of move) include(n, false);
      for (const n of move) for (const m of this.graph.neighbors(n)) include(m, !move.has(m));
      this.graph.forEachNode((n, a) => {
        if (!move.has(n) && Math.hypot(a.x - cx, a.y - cy) < near) include(n, true);
      });
    } else {
      this.graph.forEachNode((n) => include(n, this.pinned.has(n)));
    }
    this.graph.forEachEdge((e, a, s, t) => {
      if (target.hasNode(s) && target.hasNode(t)) target.addDirectedEdgeWithKey(e, s, t, a);
    });
    const copyBack = () => {
      for (const n of moving) {
        if (!this.graph.hasNode(n)) continue;
        const a = target.getNodeAttributes(n);
        this.graph.mergeNodeAttributes(n, { x: a.x + cx, y: a.y + cy });
      }
    };
    // inferSettings brings strong gravity, which keeps the drawing compact and round.
    const settings = {
      ...inferSettings(target),
      gravity: 1,
      scalingRatio: 6,
      slowDown: movable ? 3 : 2,
      barnesHutOptimize: target.order > 400,
      adjustSizes: false,
      outboundAttractionDistribution: !movable,
    };
    this.layout = new FA2Layout(target, { settings });
    this.layoutRunning = true;
    // The worker does one iteration per round trip. Stopping after a fixed number of them
    // makes the drawing the same on every machine, however busy; the timer is a safety net.
    let done = 0;
    let shown = 0;
    const started = performance.now();
    const step = () => {
      done++;
      const now = performance.now();
      if (now - shown > 100) {
        shown = now;
        copyBack();
      }
      if (done >= iterations) {
        this.lastLayout = { iterations: done, ms: Math.round(now - started) };
        queueMicrotask(() => this.stopLayout());
      }
    };
    target.on("eachNodeAttributesUpdated", step);
    this.layout.start();
    this.onChange();
    return new Promise((resolve) => {
      this.layoutDone.push(() => {
        target.off("eachNodeAttributesUpdated", step);
        if (done < iterations) this.lastLayout = { iterations: done, ms: Math.round(performance.now() - started) };
        copyBack();
        resolve();
      });
      this.layoutTimer = window.setTimeout(() => this.stopLayout(), 20000);
    });
  }

  stopLayout() {
    if (this.layoutTimer !== undefined) window.clearTimeout(this.layoutTimer);
    this.layoutTimer = undefined;
    if (this.layout) {
      this.layout.kill();
      this.layout = null;
    }
    this.graph.forEachNode((n) => this.graph.setNodeAttribute(n, "fixed", true));
    const done = this.layoutDone.splice(0);
    for (const f of done) f();
    if (this.layoutRunning) {
      this.layoutRunning = false;
      if (!this.frozen && this.graph.order) {
        // From now on the camera's frame stays put: new nodes do not rescale the drawing.
        this.renderer.refresh();
        this.renderer.setCustomBBox(this.renderer.getBBox());
        this.frozen = true;
      }
      this.onChange();
    }
  }

  /**
   * Lays the whole graph out again (ForceAtlas2, everything may move), then pushes overlapping
   * nodes apart (noverlap) and frames the result: the "Tidy" button, after many expansions.
   */
  async tidy(iterations = 500): Promise<void> {
    this.frozen = false;
    this.renderer.setCustomBBox(null);
    await this.runLayout(null, iterations);
    this.removeOverlap();
    this.renderer.setCustomBBox(null);
    this.renderer.refresh();
    this.renderer.setCustomBBox(this.renderer.getBBox());
    this.frozen = true;
    this.renderer.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
    this.fit();
    this.onChange();
  }

  /** Moves nodes apart until none overlaps (with room for a short label), in graph units. */
  removeOverlap() {
    if (this.graph.order < 2) return;
    const cam = this.renderer.getCamera();
    const saved = cam.getState();
    this.renderer.setCustomBBox(null);
    cam.setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
    this.renderer.refresh();
    const a = this.renderer.graphToViewport({ x: 0, y: 0 });
    const b = this.renderer.graphToViewport({ x: 1, y: 0 });
    const k = 1 / Math.max(1e-9, Math.hypot(b.x - a.x, b.y - a.y)); // graph units per pixel
    noverlap.assign(this.graph as never, {
      maxIterations: 150,
      inputReducer: (_key, attr) => ({ x: attr.x, y: attr.y, size: (attr.size ?? 6) * k * 1.5 }),
      settings: { margin: 8 * k, ratio: 1, speed: 3, expansion: 1.1 },
    });
    cam.setState(saved);
  }

  /** Frames the whole graph: the start graph by its extent, later the visible nodes. */
  fit() {
    if (!this.frozen) {
      this.renderer.getCamera().animatedReset({ duration: 300 });
      return;
    }
    this.frame(this.graph.filterNodes((n) => !this.hiddenNodes.has(n)));
  }

  /** Pixels on the right covered by the side panel; the camera centres in what is left. */
  rightInset: () => number = () => 0;
  /** Called with motions just added, whose status steps (for their colour) are not known yet. */
  onMotions: (ids: string[]) => void = () => {};

  /** Sets motions' status steps and redraws them in their colours. */
  setSteps(steps: Map<string, StatusStep[]>) {
    for (const [id, s] of steps) if (this.graph.hasNode(id)) this.graph.setNodeAttribute(id, "steps", s);
    this.refresh();
  }

  /** Pixels at the bottom covered by the details sheet (phones). */
  bottomInset: () => number = () => 0;

  /** Moves the camera to a node, zooming in only when the view is far out. */
  focus(id: string) {
    this.frame([id], Math.min(this.renderer.getCamera().ratio, 0.8));
  }

  /**
   * Moves the camera so that these nodes fill the visible part of the stage (left of the
   * panel). With `ratio`, keeps that zoom and only centres.
   */
  frame(ids: string[], ratio?: number) {
    const pts = ids.map((id) => this.renderer.getNodeDisplayData(id)).filter((d) => d && !d.hidden) as NodeDisplayData[];
    if (!pts.length) return;
    const cam = this.renderer.getCamera();
    const { width, height } = this.renderer.getDimensions();
    // Room on the right for the labels, which are drawn right of their nodes.
    const visW = Math.max(160, width - this.rightInset() - Math.min(140, width * 0.2));
    const visH = Math.max(120, height - this.bottomInset());
    const pad = Math.min(70, width * 0.08);
    // Framed-graph units per pixel at the current zoom (linear in the ratio).
    const a = this.renderer.viewportToFramedGraph({ x: 0, y: 0 });
    const b = this.renderer.viewportToFramedGraph({ x: 100, y: 0 });
    const upp = Math.hypot(b.x - a.x, b.y - a.y) / 100;
    const xs = pts.map((p) => p.x);
    const ys = pts.map((p) => p.y);
    const bw = Math.max(...xs) - Math.min(...xs);
    const bh = Math.max(...ys) - Math.min(...ys);
    let r = ratio ?? cam.ratio * Math.max(bw / ((visW - 2 * pad) * upp), bh / ((visH - 2 * pad) * upp));
    r = Math.min(Math.max(r, 0.08), 4);
    const k = r / cam.ratio;
    // Where the camera looks (the viewport's centre) relative to the visible area's centre.
    const c = this.renderer.viewportToFramedGraph({ x: width / 2, y: height / 2 });
    const v = this.renderer.viewportToFramedGraph({ x: visW / 2, y: visH / 2 });
    const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
    const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
    cam.animate({ x: cx + (c.x - v.x) * k, y: cy + (c.y - v.y) * k, ratio: r }, { duration: 450 });
  }

  // ---- filters --------------------------------------------------------------------------

  private inRange(date: string | null | undefined): boolean {
    const { from, to, keepUndated } = this.filters;
    if (!date) return keepUndated;
    return (!from || date >= from) && (!to || date <= to);
  }

  get dateFilterActive(): boolean {
    return !!(this.filters.from || this.filters.to);
  }

  /**
   * Works out what the filters hide. A node is hidden when its label is filtered out, when it
   * is a document dated outside the range, or when every one of its edges is filtered out (by
   * relation type, or because none of the edge's evidence comes from a document in the date
   * range). Edges to hidden nodes are hidden. The highlighted path always shows.
   */
  recompute() {
    const g = this.graph;
    if (this.hovered) this.hoverSet = g.hasNode(this.hovered) ? new Set([this.hovered, ...g.neighbors(this.hovered)]) : null;
    const f = this.filters;
    const dates = this.dateFilterActive;
    this.hiddenNodes.clear();
    this.hiddenEdges.clear();
    const edgeFiltered = new Set<string>();
    const filteredByUser = new Set<string>(); // by a relation type or document dates, not by the timeline
    // The timeline: what was not in the graph on its date yet (or is undated) is hidden.
    const later = (since: string | null) => !!f.asOf && (!since || since > f.asOf);
    g.forEachEdge((e, a) => {
      if (f.hiddenTypes.has(a.relType)) filteredByUser.add(e);
      else if (dates && a.evidence.length && !a.evidence.some((ev) => this.inRange(ev.document.date))) filteredByUser.add(e);
      if (filteredByUser.has(e) || later(a.since)) edgeFiltered.add(e);
    });
    g.forEachNode((n, a) => {
      if (f.hiddenLabels.has(a.kind) || this.userHidden.has(n) || later(a.since)) this.hiddenNodes.add(n);
      else if (dates && a.kind === "Document" && !this.inRange(a.date)) this.hiddenNodes.add(n);
      // a node whose relations the user's filters all hide goes with them; one whose
      // relations all came later stands alone on the timeline: it was there (a motion
      // submitted in September, first reported on in December)
      else if (g.degree(n) > 0 && g.everyEdge(n, (e) => edgeFiltered.has(e)) && g.someEdge(n, (e) => filteredByUser.has(e)))
        this.hiddenNodes.add(n);
    });
    g.forEachEdge((e, _a, s, t) => {
      if (edgeFiltered.has(e) || this.hiddenNodes.has(s) || this.hiddenNodes.has(t)) this.hiddenEdges.add(e);
    });
    if (this.path) {
      for (const n of this.path.nodes) this.hiddenNodes.delete(n);
      for (const e of this.path.edges) this.hiddenEdges.delete(e);
    }
    this.renderer.refresh({ skipIndexation: false });
    this.onChange();
  }

  // ---- drawing --------------------------------------------------------------------------

  private hoverSet: Set<string> | null = null;

  /** Highlights a node and its neighbours (null: none). */
  setHovered(id: string | null) {
    this.hovered = id && this.graph.hasNode(id) ? id : null;
    this.hoverSet = this.hovered ? new Set([this.hovered, ...this.graph.neighbors(this.hovered)]) : null;
    this.refresh();
  }

  private reduceNode(n: string, d: NodeAttrs): Partial<NodeDisplayData> {
    if (this.hiddenNodes.has(n)) return { ...d, hidden: true };
    const res: Partial<NodeDisplayData> = { ...d };
    // Motions take the colour of where they stood on the timeline's date (today: their latest step).
    if (d.kind === "Motion" && d.steps) res.color = statusColor(statusAsOf(d.steps, this.filters.asOf));
    // The selected node (and the first pick of a path) is never faded, whatever is hovered.
    if (n === this.selected || n === this.pathPick) {
      res.highlighted = true;
      res.forceLabel = true;
      res.zIndex = 3;
      res.label = d.full;
      return res;
    }
    if (n === this.hovered) {
      res.forceLabel = true;
      res.zIndex = 3;
      res.label = d.full;
      return res;
    }
    const focus = this.hovered && this.graph.hasNode(this.hovered) ? this.hoverSet : null;
    const onPath = this.path?.nodes.includes(n);
    if (focus) {
      if (focus.has(n)) {
        res.forceLabel = true;
        res.zIndex = 2;
      } else {
        res.color = FADED_NODE;
        res.label = "";
        res.zIndex = 0;
      }
    } else if (this.path) {
      if (onPath) {
        res.forceLabel = true;
        res.zIndex = 2;
        res.highlighted = true;
      } else {
        res.color = FADED_NODE;
        res.label = "";
        res.zIndex = 0;
      }
    }
    if (!focus && !this.path && this.selected && this.graph.hasNode(this.selected) &&
      this.graph.degree(this.selected) <= 2 * EDGE_LABELS_UP_TO && this.graph.areNeighbors(n, this.selected)) {
      res.forceLabel = true;
    }
    return res;
  }

  /**
   * Edges between the same two nodes share one label ("holds · executes"), drawn on the first
   * of them; the others draw none, so labels never print over each other.
   */
  private edgeLabel(e: string, s: string, t: string): string | null {
    const g = this.graph;
    let first: string | null = null;
    const readings: string[] = [];
    const seen = (x: string) => {
      if (this.hiddenEdges.has(x)) return;
      if (first === null) first = x;
      const [xs] = g.extremities(x);
      const r = relationReading(g.getEdgeAttribute(x, "relType"), xs === s ? "OUT" : "IN");
      if (!readings.includes(r)) readings.push(r);
    };
    g.forEachOutEdge(s, t, (x) => seen(x));
    if (s !== t) g.forEachOutEdge(t, s, (x) => seen(x));
    if (first !== null && first !== e) return null;
    return readings.join(" · ") || null;
  }

  private reduceEdge(e: string, d: EdgeAttrs): Partial<EdgeDisplayData> {
    if (this.hiddenEdges.has(e)) return { ...d, hidden: true };
    const res: Partial<EdgeDisplayData> = { ...d, label: null };
    const [s, t] = this.graph.extremities(e);
    const focus = this.hovered && this.graph.hasNode(this.hovered) ? this.hovered : null;
    if (focus) {
      if (s === focus || t === focus) {
        res.color = "#52606d";
        res.size = Math.max(d.size, 2);
        if (this.graph.degree(focus) <= EDGE_LABELS_UP_TO) {
          res.label = this.edgeLabel(e, s, t);
          res.forceLabel = true;
        }
        res.zIndex = 2;
      } else {
        res.color = FADED_EDGE;
        res.zIndex = 0;
      }
      return res;
    }
    if (this.path) {
      if (this.path.edges.includes(e)) {
        res.color = PATH_COLOR;
        res.size = 4;
        res.label = this.edgeLabel(e, s, t);
        res.forceLabel = true;
        res.zIndex = 3;
      } else {
        res.color = FADED_EDGE;
        res.zIndex = 0;
      }
      return res;
    }
    if (e === this.selectedEdge || (this.selected && (s === this.selected || t === this.selected))) {
      res.color = "#3e4c59";
      res.size = Math.max(d.size, 2);
      if (e === this.selectedEdge || this.graph.degree(this.selected!) <= EDGE_LABELS_UP_TO) res.label = this.edgeLabel(e, s, t);
      res.zIndex = 2;
      if (e === this.selectedEdge) res.forceLabel = true;
    }
    return res;
  }

  refresh() {
    this.renderer.refresh({ skipIndexation: true });
  }

  // ---- dragging ---------------------------------------------------------------------------

  private bindDrag() {
    const r = this.renderer;
    r.on("downNode", ({ node }) => {
      this.dragged = node;
      this.dragMoved = false;
    });
    r.getMouseCaptor().on("mousemovebody", (e) => {
      if (!this.dragged || this.layoutRunning) return;
      const p = r.viewportToGraph(e);
      this.graph.mergeNodeAttributes(this.dragged, { x: p.x, y: p.y });
      this.dragMoved = true;
      e.preventSigmaDefault();
      e.original.preventDefault();
      e.original.stopPropagation();
    });
    const up = () => {
      this.dragged = null;
    };
    r.getMouseCaptor().on("mouseup", up);
    r.getMouseCaptor().on("mouseleave", up);
  }

  /** Whether the last mouse-down on a node dragged it (then it was not a click). */
  get wasDrag(): boolean {
    return this.dragMoved;
  }

  // ---- queries for the UI and the tests -------------------------------------------------

  get visibleNodeCount(): number {
    return this.graph.order - this.hiddenNodes.size;
  }

  /** Where a node is drawn, in pixels from the container's top-left corner. */
  viewportPosition(id: string): { x: number; y: number } | null {
    if (!this.graph.hasNode(id)) return null;
    const a = this.graph.getNodeAttributes(id);
    return this.renderer.graphToViewport({ x: a.x, y: a.y });
  }

  labelsPresent(): Map<string, number> {
    const m = new Map<string, number>();
    this.graph.forEachNode((_n, a) => m.set(a.kind, (m.get(a.kind) ?? 0) + 1));
    return m;
  }

  /** Nodes per label that the filters leave visible. */
  labelsVisible(): Map<string, number> {
    const m = new Map<string, number>();
    this.graph.forEachNode((n, a) => {
      if (!this.hiddenNodes.has(n)) m.set(a.kind, (m.get(a.kind) ?? 0) + 1);
    });
    return m;
  }

  /** Edges per relation type that the filters leave visible. */
  typesVisible(): Map<string, number> {
    const m = new Map<string, number>();
    this.graph.forEachEdge((e, a) => {
      if (!this.hiddenEdges.has(e)) m.set(a.relType, (m.get(a.relType) ?? 0) + 1);
    });
    return m;
  }

  typesPresent(): Map<string, number> {
    const m = new Map<string, number>();
    this.graph.forEachEdge((_e, a) => m.set(a.relType, (m.get(a.relType) ?? 0) + 1));
    return m;
  }

  /** The earliest and latest document dates known in the graph. */
  dateExtent(): [string, string] | null {
    let lo: string | null = null;
    let hi: string | null = null;
    const see = (d: string | null | undefined) => {
      if (!d) return;
      if (!lo || d < lo) lo = d;
      if (!hi || d > hi) hi = d;
    };
    this.graph.forEachNode((_n, a) => see(a.date));
    this.graph.forEachEdge((_e, a) => a.evidence.forEach((ev) => see(ev.document.date)));
    return lo && hi ? [lo, hi] : null;
  }
}

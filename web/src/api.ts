// The explorer talks to the server only through the public GraphQL API (POST /graphql).

export type Label =
  | "Document"
  | "Person"
  | "Office"
  | "Party"
  | "Organisation"
  | "ActionPlan"
  | "Actielijn"
  | "Action"
  | "Proposal"
  | "Motion"
  | "Report"
  | "Commitment"
  | "Legislation"
  | "Event";

export interface DocRef {
  id: string;
  name: string;
  title: string | null;
  citation: string | null;
  kenmerk: string | null;
  date: string | null;
  kind: string | null;
  dossier?: string | null;
  number?: number | null;
}

export interface Evidence {
  documentId: string;
  quote: string;
  start: number;
  end: number;
  document: DocRef;
}

export interface NodeRef {
  id: string;
  label: Label;
  name: string;
  /** A Document's date. */
  date?: string | null;
  /** A Motion's or Action's number, a Motion's dossier and date (to tell motions apart). */
  number?: number | null;
  dossier?: string | null;
  dateSubmitted?: string | null;
  /** The date from which the node is in the graph (its first dated mention). */
  since?: string | null;
  /** A Motion's status steps, dated, for its colour as of a date. */
  statusHistory?: StatusStep[] | null;
}

/** One statement of where a motion or commitment stands. */
export interface StatusStep {
  date: string | null;
  status: string;
  evidence?: Evidence;
}

export interface ApiEdge {
  id: string;
  type: string;
  from: string;
  to: string;
  evidence: Evidence[];
  /** The date of the relation's earliest evidence. */
  since?: string | null;
}

export interface Subgraph {
  nodes: NodeRef[];
  edges: ApiEdge[];
}

export interface SearchHit {
  score: number;
  snippet: string | null;
  node: NodeRef;
}

export interface RelationEdge extends ApiEdge {
  direction: "OUT" | "IN";
  node: NodeRef;
}

export interface NodeDetails extends NodeRef {
  /** A motion's or commitment's status steps with their sentences. */
  history?: StatusStep[] | null;
  aliases: string[];
  props: Record<string, unknown>;
  mentions: Evidence[];
  relations: { totalCount: number; edges: RelationEdge[] };
  /** A motion's decisions, oldest first, each with its votes per fractie (empty for others). */
  decisions: Decision[];
}

/** A decision on a motion, as the Tweede Kamer's records state it. */
export interface Decision {
  date: string | null;
  result: string;
  text: string;
  source: string;
  evidence: Evidence;
  votes: { vote: string; seats: number | null; party: NodeRef }[];
}

export interface DocumentText {
  id: string;
  name: string;
  title: string | null;
  citation: string | null;
  kenmerk: string | null;
  date: string | null;
  kind: string | null;
  sourceFile: string | null;
  dossier?: string | null;
  number?: number | null;
  text: string | null;
}

export class ApiError extends Error {}

const endpoint = "/graphql";

export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  let body: { data?: T; errors?: { message: string }[] };
  try {
    body = await res.json();
  } catch {
    throw new ApiError(`the server answered ${res.status} ${res.statusText}`);
  }
  if (body.errors?.length) {
    throw new ApiError(body.errors.map((e) => e.message).join("; "));
  }
  if (!res.ok || !body.data) throw new ApiError(`the server answered ${res.status}`);
  return body.data;
}

const DOC_REF = `id name title citation kenmerk date kind dossier number`;
const EVIDENCE = `documentId quote start end document { ${DOC_REF} }`;
const NODE_REF = `id label name since ... on Document { date } ... on Motion { dossier number dateSubmitted } ... on Action { number }`;
/** A relation: the same object (one `id`) whichever end it is seen from. */
const RELATION = `id type from to since evidence { ${EVIDENCE} }`;
/** A connection edge is a view of its relation and has no ID of its own. */
const EDGE = `relation { ${RELATION} }`;

/** A connection edge as it arrives: the relation, seen from one end. */
type ApiEdgeView = { relation: ApiEdge };

/** The relation types that make up the plan's structure and who carries it. */
export const PLAN_TYPES = ["PART_OF", "HOLDS", "EXECUTES", "COORDINATES", "COMMISSIONED"];

/**
 * The start graph: the action plan, its actielijnen, their actions, and the organisations that
 * hold, execute, coordinate or commission them.
 */
export async function planGraph(planId: string): Promise<Subgraph> {
  const q = `query Plan($id: ID!, $types: [RelationType!]) {
    node(id: $id) { ${NODE_REF}
      relations(types: [PART_OF], direction: IN, first: 20) { edges { ${EDGE} node { ${NODE_REF}
        relations(types: $types, direction: IN, first: 60) { edges { ${EDGE} node { ${NODE_REF}
          relations(types: $types, direction: IN, labels: [Organisation], first: 10) { edges { ${EDGE} node { ${NODE_REF} } } }
        } } }
      } } }
    } }`;
  type Level = { edges: ({ node: NodeRef & { relations?: Level } } & ApiEdgeView)[] };
  const data = await gql<{ node: (NodeRef & { relations: Level }) | null }>(q, { id: planId, types: PLAN_TYPES });
  const out: Subgraph = { nodes: [], edges: [] };
  if (!data.node) return out;
  const walk = (n: NodeRef & { relations?: Level }) => {
    const { relations: _r, ...ref } = n;
    out.nodes.push(ref);
    for (const e of n.relations?.edges ?? []) {
      out.edges.push(e.relation);
      walk(e.node);
    }
  };
  walk(data.node);
  return out;
}

/** A node's relations (the other ends and the edges), for expanding it. */
export async function relationsOf(id: string, first = 60, types: string[] | null = null): Promise<{ node: NodeRef | null; total: number; sub: Subgraph }> {
  const q = `query Expand($id: ID!, $first: Int, $types: [RelationType!]) { node(id: $id) { ${NODE_REF}
    relations(first: $first, types: $types) { totalCount edges { ${EDGE} node { ${NODE_REF} } } } } }`;
  const data = await gql<{ node: (NodeRef & { relations: { totalCount: number; edges: (ApiEdgeView & { node: NodeRef })[] } }) | null }>(q, { id, first, types });
  const sub: Subgraph = { nodes: [], edges: [] };
  if (!data.node) return { node: null, total: 0, sub };
  const { relations, ...self } = data.node;
  sub.nodes.push(self);
  for (const e of relations.edges) {
    sub.nodes.push(e.node);
    sub.edges.push(e.relation);
  }
  return { node: self, total: relations.totalCount, sub };
}

/** How many relations of each type a node has. */
export async function relationTypeCounts(id: string): Promise<Map<string, number>> {
  const q = `query Types($id: ID!) { node(id: $id) { relations(first: 500) { edges { type } } } }`;
  const d = await gql<{ node: { relations: { edges: { type: string }[] } } | null }>(q, { id });
  const m = new Map<string, number>();
  for (const e of d.node?.relations.edges ?? []) m.set(e.type, (m.get(e.type) ?? 0) + 1);
  return m;
}

/** The shortest path, following only `types` when given (null: every relation type). */
export async function shortestPath(from: string, to: string, types: string[] | null = null): Promise<Subgraph> {
  const q = `query Path($from: ID!, $to: ID!, $types: [RelationType!]) { shortestPath(from: $from, to: $to, maxLength: 8, types: $types) {
    nodes { ${NODE_REF} } edges { ${RELATION} } } }`;
  return (await gql<{ shortestPath: Subgraph }>(q, { from, to, types })).shortestPath;
}

export async function search(text: string, first = 12): Promise<SearchHit[]> {
  const q = `query Search($text: String!, $first: Int) { search(text: $text, first: $first) {
    score snippet node { ${NODE_REF} } } }`;
  return (await gql<{ search: SearchHit[] }>(q, { text, first })).search;
}

/** Label-specific properties shown in the side panel (scalar fields of each type). */
const PROPS = `
  ... on Document { documentKind: kind title date citation kenmerk dossier number sourceFile }
  ... on Person { personKind: kind initials partyName }
  ... on Organisation { abbreviation kind }
  ... on Report { title kind date }
  ... on Legislation { citation }
  ... on Motion { citation dossier number dateSubmitted dateAdopted status furthestStatus request submitterNames
    motionHistory: statusHistory { date status evidence { ${EVIDENCE} } }
    decisions { date result text source evidence { ${EVIDENCE} } votes { vote seats party { id label name } } } }
  ... on Commitment { number description date commitmentStatus: status open madeBy { name } commitmentHistory: statusHistory { date status evidence { ${EVIDENCE} } } }
  ... on Event { kind date }
  ... on ActionPlan { title date }
  ... on Actielijn { number title }
  ... on Action { number title budgetTotal budget { year euro } }
  ... on Proposal { number theme title appraisal estimatedCost }`;

const PROP_KEYS = new Set([
  "kind", "title", "date", "citation", "kenmerk", "dossier", "number", "sourceFile", "initials", "partyName",
  "abbreviation", "dateSubmitted", "dateAdopted", "status", "request", "submitterNames", "description",
  "budgetTotal", "budget", "theme", "appraisal", "estimatedCost", "furthestStatus", "open", "madeBy", "since",
]);

export async function nodeDetails(id: string): Promise<NodeDetails | null> {
  const body = (props: string) => `query Details($id: ID!) { node(id: $id) { ${NODE_REF} aliases ${props}
    mentions { ${EVIDENCE} }
    relations(first: 200) { totalCount edges { ${EDGE} direction node { ${NODE_REF} } } } } }`;
  type Views = { totalCount: number; edges: (ApiEdgeView & Omit<RelationEdge, keyof ApiEdge>)[] };
  let data: { node: (Record<string, unknown> & Omit<NodeDetails, "relations"> & { relations: Views }) | null };
  try {
    data = await gql(body(PROPS), { id });
  } catch (err) {
    // The schema may have moved on; the generic fields are enough to explain the node.
    console.warn("details with properties failed, retrying without:", err);
    data = await gql(body(""), { id });
  }
  const n = data.node;
  if (!n) return null;
  const props: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(n)) {
    // Aliased where the types differ (DocumentKind, PersonKind, String).
    if (k === "documentKind" || k === "personKind") props.kind = v;
    else if (k === "commitmentStatus") props.status = v;
    else if (k === "madeBy") props.madeBy = (v as { name: string } | null)?.name ?? null;
    else if (PROP_KEYS.has(k)) props[k] = v;
  }
  return {
    id: n.id, label: n.label, name: n.name, number: n.number as number | null, dossier: n.dossier as string | null,
    dateSubmitted: n.dateSubmitted as string | null, aliases: n.aliases, props, mentions: n.mentions,
    // aliased apart: the two step types' statuses are different enums
    history: ((n.motionHistory ?? n.commitmentHistory) as StatusStep[] | undefined) ?? null,
    decisions: (n.decisions as Decision[] | undefined) ?? [],
    relations: { totalCount: n.relations.totalCount, edges: n.relations.edges.map(({ relation, ...view }) => ({ ...relation, ...view })) },
  };
}

/** The dated status steps of motions, by ID (asked apart: lists of lists cost too much in one query). */
export async function motionSteps(ids: string[]): Promise<Map<string, StatusStep[]>> {
  const q = `query Steps($ids: [ID!]!) { nodes(ids: $ids) { id ... on Motion { statusHistory { date status } } } }`;
  const data = await gql<{ nodes: ({ id: string; statusHistory?: StatusStep[] } | null)[] }>(q, { ids });
  const out = new Map<string, StatusStep[]>();
  for (const n of data.nodes) if (n?.statusHistory) out.set(n.id, n.statusHistory);
  return out;
}

export async function nodeRefs(ids: string[]): Promise<(NodeRef | null)[]> {
  const q = `query Refs($ids: [ID!]!) { nodes(ids: $ids) { ${NODE_REF} } }`;
  return (await gql<{ nodes: (NodeRef | null)[] }>(q, { ids })).nodes;
}

const docCache = new Map<string, Promise<DocumentText | null>>();

export function documentText(id: string): Promise<DocumentText | null> {
  let p = docCache.get(id);
  if (!p) {
    const q = `query Doc($id: ID!) { node(id: $id) { ... on Document { id name title citation kenmerk date kind dossier number sourceFile text } } }`;
    p = gql<{ node: DocumentText | null }>(q, { id }).then((d) => (d.node && "text" in d.node ? d.node : null));
    p.catch(() => docCache.delete(id));
    docCache.set(id, p);
  }
  return p;
}

/** How a document is cited in the panel: its Kamerstuk citation, else its kenmerk or title. */
export function citeDoc(d: Pick<DocRef, "citation" | "kenmerk" | "title" | "name" | "kind">): string {
  if (d.citation) return d.citation;
  const what = d.title || d.name;
  if (d.kenmerk) return `${what} (kenmerk ${d.kenmerk})`;
  return what;
}

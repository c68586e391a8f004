// An offline GraphiQL for the Beleidsgraaf API, bundled from the graphiql npm package (no CDN).
// The query is kept in the address bar (?query=…), so links from elsewhere open it here.
import "graphiql/style.css";

import { GraphiQL } from "graphiql";
import { createRoot } from "react-dom/client";

type Params = { query: string; variables?: unknown; operationName?: string | null };

/** Whether the query defines an operation of that name. */
function defines(query: string, name: string): boolean {
  return new RegExp(`\\b(query|mutation|subscription)\\s+${name}\\b`).test(query);
}

async function fetcher(params: Params) {
  // Right after switching tabs GraphiQL can still send the previous tab's operation name; a name
  // the query does not define would fail ("operation … not found"), so it is dropped.
  if (params.operationName && !defines(params.query, params.operationName)) params = { ...params, operationName: null };
  const res = await fetch("/graphql", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(params),
  });
  return res.json();
}

const EXAMPLES: { title: string; query: string }[] = [
  {
    title: "Which organisations hold which actielijnen?",
    query: `query HoldersPerActielijn {
  actielijnen(orderBy: {field: NUMBER}) {
    edges { node { number title
      involvedConnection { edges { type node { name } evidence { quote document { citation date } } } }
    } }
  }
}`,
  },
  {
    title: "What does CoMensha hold, and why does the graph say so?",
    query: `query WhatCoMenshaHolds {
  organisation(name: "comensha") {
    id name aliases
    holds { totalCount edges { type node { id name ... on Actielijn { number } ... on Action { number } }
      evidence { quote document { citation date } } } }
  }
}`,
  },
  {
    title: "Which letters report on motion 28 638, nr. 224, and who submitted it?",
    query: `query Motion28638nr224 {
  motion(dossier: "28 638", number: 224) {
    name status dateSubmitted request
    submitters { name partyName }
    respondedToByConnection { edges { node { citation title date } evidence { quote } } }
  }
}`,
  },
  {
    title: "Documents of 2024, newest first",
    query: `query Documents2024 {
  documents(where: {date: {gte: "2024-01-01", lte: "2024-12-31"}}, orderBy: {field: DATE, direction: DESC}, first: 10) {
    totalCount
    edges { node { id kind title date citation } }
    pageInfo { hasNextPage endCursor }
  }
}`,
  },
  {
    title: "Search, a neighbourhood and a shortest path, as the explorer uses them",
    query: `query ExplorerQueries {
  search(text: "kinderhandel", first: 5) { score snippet node { id label name } }
  neighbourhood(id: "org:comensha", depth: 1) { nodes { id label name } edges { id type from to } }
  shortestPath(from: "org:fier", to: "org:vng") { nodes { id name } edges { type from to } }
  stats { totalNodes totalEdges }
}`,
  },
];

const defaultTabs = EXAMPLES.map((e) => ({ query: `# ${e.title}\n${e.query}\n` }));

const params = new URLSearchParams(location.search);
const urlQuery = params.get("query") ?? undefined;
const urlVariables = params.get("variables") ?? undefined;

function keepInUrl(key: string, value: string) {
  const p = new URLSearchParams(location.search);
  if (value) p.set(key, value);
  else p.delete(key);
  const s = p.toString();
  history.replaceState(null, "", s ? `${location.pathname}?${s}` : location.pathname);
}

function App() {
  return (
    <GraphiQL
      fetcher={fetcher}
      defaultTabs={defaultTabs}
      query={urlQuery}
      variables={urlVariables}
      onEditQuery={(q) => keepInUrl("query", q)}
      onEditVariables={(v) => keepInUrl("variables", v)}
      defaultEditorToolsVisibility={false}
      isHeadersEditorEnabled={false}
    >
      <GraphiQL.Logo>
        <a href="/" style={{ color: "inherit", textDecoration: "none" }} title="Back to the graph explorer">
          Beleidsgraaf
        </a>
      </GraphiQL.Logo>
    </GraphiQL>
  );
}

createRoot(document.getElementById("graphiql")!).render(<App />);

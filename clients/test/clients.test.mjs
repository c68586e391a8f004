// Real GraphQL clients against a running Beleidsgraaf server (BASE_URL): relay-runtime with
// relay-compiler's artifacts, Apollo Client 4 with codegen's possibleTypes and relay-style
// pagination, urql with Graphcache. scripts/clients.sh starts the server and prepares the
// artifacts (npm run prepare-clients) before this runs.
//
// Every client must give, from its normalised cache, exactly the server's answer: for every
// query of the README, for a walk through a list page by page in both directions, and for a
// query that sees one relation from both of its ends. No client may warn while doing so.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

import { Environment, Network, RecordSource, Store, fetchQuery, createOperationDescriptor } from "relay-runtime";
import { ApolloClient, HttpLink, gql } from "@apollo/client";
import { print } from "graphql";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { Client, fetchExchange } from "@urql/core";
import { cacheExchange } from "@urql/exchange-graphcache";
import { persistedExchange } from "@urql/exchange-persisted";

import { apolloCache } from "../src/apollo.js";
import { graphcacheConfig } from "../src/urql.js";

const base = process.env.BASE_URL;
if (!base) throw new Error("BASE_URL is not set: run scripts/clients.sh, or start a server and set it");
const url = `${base}/graphql`;
const readme = JSON.parse(readFileSync(new URL("../generated/readme.json", import.meta.url), "utf8"));
const introspection = JSON.parse(readFileSync(new URL("../generated/introspection.json", import.meta.url), "utf8"));
const possibleTypes = JSON.parse(readFileSync(new URL("../generated/possibleTypes.json", import.meta.url), "utf8")).possibleTypes;

// Every warning or error a client library prints fails the test that caused it.
const printed = [];
const originals = { warn: console.warn, error: console.error };
before(() => {
  console.warn = (...args) => printed.push(["warn", ...args]);
  console.error = (...args) => printed.push(["error", ...args]);
});
after(() => Object.assign(console, originals));
function assertQuiet(what) {
  const seen = printed.splice(0);
  assert.deepEqual(seen, [], `${what}: the client printed warnings or errors`);
}

/** The server's answer to a query, without any client in between. */
async function server(query, variables = {}) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/graphql-response+json, application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  assert.equal(body.errors, undefined, `server errors for ${query}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** A value without the __typename fields clients add to every selection. */
function withoutTypename(v) {
  if (Array.isArray(v)) return v.map(withoutTypename);
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).filter(([k]) => k !== "__typename").map(([k, x]) => [k, withoutTypename(x)]));
  }
  return v;
}

// --- Relay -------------------------------------------------------------------------------

function relayEnvironment() {
  return new Environment({
    network: Network.create(async (params, variables) => {
      const res = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/graphql-response+json, application/json" },
        body: JSON.stringify({ query: params.text, variables }),
      });
      return res.json();
    }),
    store: new Store(new RecordSource()),
  });
}

/** Runs a compiled query and returns what Relay's store then holds for it. */
async function relayQuery(env, artifact, variables = {}) {
  const operation = createOperationDescriptor(artifact, variables);
  env.retain(operation);
  await fetchQuery(env, artifact, variables).toPromise();
  return env.lookup(operation.fragment).data;
}

const relayArtifact = async (name) => (await import(`../src/__generated__/${name}.graphql.js`)).default;

test("Relay: every README query, read back from one store, equals the server's answer", async () => {
  const env = relayEnvironment();
  const answers = [];
  for (const { name, query } of readme) {
    const artifact = await relayArtifact(name);
    const data = await relayQuery(env, artifact);
    const expected = await server(query);
    assert.deepEqual(data, expected, `${name}: ${query}`);
    answers.push([name, artifact, expected]);
  }
  // Later queries must not have changed what the store holds for earlier ones.
  for (const [name, artifact, expected] of answers) {
    assert.deepEqual(env.lookup(createOperationDescriptor(artifact, {}).fragment).data, expected, `${name}, read again`);
  }
  assertQuiet("Relay README queries");
});

test("Relay: both ends of one relation in one query", async () => {
  const env = relayEnvironment();
  const artifact = await relayArtifact("BothEndsQuery");
  const data = await relayQuery(env, artifact);
  assert.deepEqual(data, await server(artifact.params.text.replaceAll("__typename", "")));
  const fier = data.organisation.holds.edges.find((e) => e.node.id === "actielijn:6");
  const six = data.actielijn.holdersConnection.edges.find((e) => e.node.id === "org:fier");
  assert.equal(fier.direction, "OUT");
  assert.equal(six.direction, "IN");
  assert.equal(fier.relation.id, six.relation.id);
  assertQuiet("Relay both ends");
});

test("Relay: a refetchable fragment reloads one node through Query.node(id:)", async () => {
  const env = relayEnvironment();
  const artifact = await relayArtifact("RefetchOrganisationQuery");
  const data = await relayQuery(env, artifact, { id: "org:fier", count: 1 });
  const expected = await server(
    `{ node(id: "org:fier") { ... on Organisation { id name holds(first: 1) { totalCount edges { direction node { id } relation { id } } } } } }`);
  // The query only spreads the fragment (its data is the component's to read): check the
  // records the refetch left in the store against the server's answer.
  assert.equal(data.node.__id, "org:fier");
  const source = env.getStore().getSource();
  const fier = source.get("org:fier");
  assert.equal(fier.name, expected.node.name);
  const holds = source.get(fier["holds(first:1)"].__ref);
  assert.equal(holds.totalCount, expected.node.holds.totalCount);
  const edge = source.get(holds.edges.__refs[0]);
  assert.equal(edge.direction, expected.node.holds.edges[0].direction);
  assert.equal(source.get(edge.relation.__ref).id, expected.node.holds.edges[0].relation.id);
  assertQuiet("Relay refetchable fragment");
});

/** Walks PagingMotionsQuery through Relay's connection handler, as loadNext/loadPrevious do. */
async function relayWalk(size, backward) {
  const env = relayEnvironment();
  const artifact = await relayArtifact("PagingMotionsQuery");
  let vars = backward ? { last: size } : { first: size };
  let data = await relayQuery(env, artifact, vars);
  for (let i = 0; i < 200; i++) {
    const info = data.motions.pageInfo;
    if (backward ? !info.hasPreviousPage : !info.hasNextPage) break;
    vars = backward ? { last: size, before: info.startCursor } : { first: size, after: info.endCursor };
    data = await relayQuery(env, artifact, vars);
  }
  return data.motions.edges.map((e) => e.node.id);
}

test("Relay: loadNext and loadPrevious walk the whole list, no gap, no duplicate", async () => {
  const all = (await server(`{ motions(first: 1000, orderBy: [{field: NUMBER}]) { edges { node { id } } } }`)).motions.edges.map((e) => e.node.id);
  assert.ok(all.length > 10);
  for (const size of [1, 2, 3, 7, all.length - 1, all.length, all.length + 1]) {
    assert.deepEqual(await relayWalk(size, false), all, `forward, pages of ${size}`);
    assert.deepEqual(await relayWalk(size, true), all, `backward, pages of ${size}`);
  }
  assertQuiet("Relay paging");
});

// --- Apollo Client -----------------------------------------------------------------------

function apolloClient(link = new HttpLink({ uri: url }), paginated = []) {
  return new ApolloClient({ link, cache: apolloCache(possibleTypes, introspection, paginated) });
}

test("Apollo: every README query equals the server's answer, from one cache", async () => {
  const client = apolloClient();
  const answers = [];
  for (const { name, query } of readme) {
    const doc = gql(query);
    const { data } = await client.query({ query: doc });
    const expected = await server(query);
    assert.deepEqual(withoutTypename(data), expected, `${name}: ${query}`);
    assert.deepEqual(withoutTypename(client.readQuery({ query: doc })), expected, `${name} read from the cache`);
    answers.push([name, doc, expected]);
  }
  for (const [name, doc, expected] of answers) {
    assert.deepEqual(withoutTypename(client.readQuery({ query: doc })), expected, `${name}, read again after all the others`);
  }
  assertQuiet("Apollo README queries");
});

const bothEnds = `{
  organisation(name: "Fier") { id name holds { edges { direction node { id } relation { id type from to evidence { quote } } } } }
  actielijn(number: 6) { id title holdersConnection { edges { direction node { id name } relation { id type from to } } }
    relations(direction: IN, types: [HOLDS]) { edges { direction type node { id name } relation { id } } } } }`;

test("Apollo: both ends of one relation in one query", async () => {
  const client = apolloClient();
  const { data } = await client.query({ query: gql(bothEnds) });
  const expected = await server(bothEnds);
  assert.deepEqual(withoutTypename(data), expected);
  assert.deepEqual(withoutTypename(client.readQuery({ query: gql(bothEnds) })), expected);
  assertQuiet("Apollo both ends");
});

const pagingQuery = gql`
  query Motions($first: Int, $after: String, $last: Int, $before: String) {
    motions(first: $first, after: $after, last: $last, before: $before, orderBy: [{ field: NUMBER }]) {
      edges { cursor node { id number } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;

test("Apollo: fetchMore forward and backward with relayStylePagination, no gap, no duplicate", async () => {
  const all = (await server(`{ motions(first: 1000, orderBy: [{field: NUMBER}]) { edges { node { id } } } }`)).motions.edges.map((e) => e.node.id);
  for (const size of [1, 3, all.length - 1, all.length + 1]) {
    for (const backward of [false, true]) {
      const client = apolloClient(undefined, ["Query.motions"]);
      const variables = backward ? { last: size } : { first: size };
      const watch = client.watchQuery({ query: pagingQuery, variables });
      // A watched query is what a component holds; fetchMore is its loadNext/loadPrevious.
      let data = await new Promise((resolve, reject) => {
        const sub = watch.subscribe({ next: (r) => { if (!r.loading && r.data) resolve(r.data); }, error: reject });
        after(() => sub.unsubscribe());
      });
      for (let i = 0; i < 200; i++) {
        const info = data.motions.pageInfo;
        if (backward ? !info.hasPreviousPage : !info.hasNextPage) break;
        await watch.fetchMore({ variables: backward ? { last: size, before: info.startCursor } : { first: size, after: info.endCursor } });
        // What the watching component is shown next: the merged list, from the cache.
        data = client.readQuery({ query: pagingQuery, variables });
      }
      assert.deepEqual(data.motions.edges.map((e) => e.node.id), all, `${backward ? "backward" : "forward"}, pages of ${size}`);
    }
  }
  assertQuiet("Apollo paging");
});

test("Apollo: persisted queries against a server without them fall back to the query text", async () => {
  const sha256 = (q) => createHash("sha256").update(q).digest("hex");
  const client = apolloClient(new PersistedQueryLink({ sha256 }).concat(new HttpLink({ uri: url })));
  const query = readme[0].query;
  const { data } = await client.query({ query: gql(query) });
  assert.deepEqual(withoutTypename(data), await server(query));
  const getClient = apolloClient(new PersistedQueryLink({ sha256, useGETForHashedQueries: true }).concat(new HttpLink({ uri: url })));
  const again = await getClient.query({ query: gql(readme[1].query) });
  assert.deepEqual(withoutTypename(again.data), await server(readme[1].query));
  assertQuiet("Apollo persisted queries");
});

// --- urql with Graphcache ----------------------------------------------------------------

function urqlClient(exchanges = [], paginated = []) {
  return new Client({
    url,
    exchanges: [cacheExchange(graphcacheConfig(introspection, paginated)), ...exchanges, fetchExchange],
    preferGetMethod: false,
  });
}

test("urql Graphcache: every README query equals the server's answer, from one cache", async () => {
  const client = urqlClient();
  const answers = [];
  for (const { name, query } of readme) {
    const result = await client.query(query, {}).toPromise();
    assert.equal(result.error, undefined, `${name}: ${result.error}`);
    const expected = await server(query);
    assert.deepEqual(withoutTypename(result.data), expected, `${name}: ${query}`);
    const cached = await client.query(query, {}, { requestPolicy: "cache-only" }).toPromise();
    assert.deepEqual(withoutTypename(cached.data), expected, `${name} read from the cache`);
    answers.push([name, query, expected]);
  }
  for (const [name, query, expected] of answers) {
    const cached = await client.query(query, {}, { requestPolicy: "cache-only" }).toPromise();
    assert.deepEqual(withoutTypename(cached.data), expected, `${name}, read again after all the others`);
  }
  const both = await client.query(bothEnds, {}).toPromise();
  assert.deepEqual(withoutTypename(both.data), await server(bothEnds), "both ends of one relation");
  assertQuiet("urql Graphcache");
});

test("urql Graphcache: relayPagination walks forward and backward, no gap, no duplicate", async () => {
  const all = (await server(`{ motions(first: 1000, orderBy: [{field: NUMBER}]) { edges { node { id } } } }`)).motions.edges.map((e) => e.node.id);
  const query = print(pagingQuery);
  for (const size of [1, 3, all.length - 1, all.length + 1]) {
    for (const backward of [false, true]) {
      const client = urqlClient([], ["Query.motions"]);
      let vars = backward ? { last: size } : { first: size };
      let data = (await client.query(query, vars).toPromise()).data;
      for (let i = 0; i < 200; i++) {
        const info = data.motions.pageInfo;
        if (backward ? !info.hasPreviousPage : !info.hasNextPage) break;
        vars = backward ? { last: size, before: info.startCursor } : { first: size, after: info.endCursor };
        data = (await client.query(query, vars).toPromise()).data;
      }
      assert.deepEqual(data.motions.edges.map((e) => e.node.id), all, `${backward ? "backward" : "forward"}, pages of ${size}`);
    }
  }
  assertQuiet("urql paging");
});

test("urql Graphcache: persisted queries against a server without them fall back to the query text", async () => {
  const client = urqlClient([persistedExchange({ preferGetForPersistedQueries: true })]);
  const query = readme[2].query;
  const result = await client.query(query, {}).toPromise();
  assert.equal(result.error, undefined, String(result.error));
  assert.deepEqual(withoutTypename(result.data), await server(query));
  assertQuiet("urql persisted queries");
});

// --- HTTP caching -------------------------------------------------------------------------

test("a second GET of the same query is answered 304 Not Modified", async () => {
  const get = `${url}?query=${encodeURIComponent(readme[0].query)}`;
  const first = await fetch(get, { headers: { Accept: "application/json" } });
  assert.equal(first.status, 200);
  const etag = first.headers.get("etag");
  assert.ok(etag, "an ETag");
  assert.match(first.headers.get("cache-control"), /^public, (no-cache|max-age=\d+)$/);
  assert.match(first.headers.get("vary"), /Accept/);
  await first.arrayBuffer();
  const second = await fetch(get, { headers: { Accept: "application/json", "If-None-Match": etag } });
  assert.equal(second.status, 304);
  assert.equal((await second.arrayBuffer()).byteLength, 0);
});

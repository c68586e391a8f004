// Reading the schema's introspection (generated/introspection.json, from graphql-codegen's
// introspection plugin) for the cache configurations in apollo.js and urql.js.

/** The object types of the schema, introspection types left out. */
export function objectTypes(introspection) {
  return introspection.__schema.types.filter((t) => t.kind === "OBJECT" && !t.name.startsWith("__"));
}

/**
 * Whether objects of a type are entities a normalising cache can key: in this API exactly
 * the types with an `id` (the node types and Relation). Connections, edges, PageInfo,
 * Evidence, Involvement, Stats, SearchHit and Subgraph are values embedded in their parent;
 * connection edges have no id on purpose: they are views of a Relation from one end.
 */
export function isEntity(type) {
  return type.fields.some((f) => f.name === "id");
}

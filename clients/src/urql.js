// urql Graphcache's configuration for the Beleidsgraaf API.
//
//   * `schema`: the introspection result (graphql-codegen's introspection plugin), so that
//     Graphcache knows the interfaces (fragments on Node match) and which fields may be null;
//   * `keys`: entities are keyed by `id` (Graphcache's default); every type without an id is
//     embedded in its parent (`() => null`), which is what they are — without this
//     Graphcache warns once per type that it cannot key it;
//   * `resolvers`: relayPagination() on the connections you page through as one growing
//     list (it merges pages fetched with `after` and `before`); only there, as it merges every
//     page of a field.
import { relayPagination } from "@urql/exchange-graphcache/extras";

import { isEntity, objectTypes } from "./schema.js";

/**
 * @param introspection  generated/introspection.json
 * @param paginated      "Type.field" of the connections merged page by page, e.g. ["Query.motions"]
 */
export function graphcacheConfig(introspection, paginated = []) {
  const keys = {};
  for (const type of objectTypes(introspection)) {
    if (type.name !== "Query" && !isEntity(type)) keys[type.name] = () => null;
  }
  const resolvers = {};
  for (const name of paginated) {
    const [typeName, fieldName] = name.split(".");
    (resolvers[typeName] ??= {})[fieldName] = relayPagination();
  }
  return { schema: introspection, keys, resolvers };
}

// Apollo Client's cache for the Beleidsgraaf API.
//
//   * possibleTypes from graphql-codegen's fragment-matcher plugin, so that fragments on the
//     Node interface, and `... on Actielijn` inside a RelationEdge's `node`, match from the
//     cache;
//   * entities are keyed by `id` (Apollo's default, `__typename:id`): every id names one
//     object, so no keyFields are needed;
//   * every type without an id is a value embedded in its parent: `merge: true`, so that
//     Apollo merges them instead of warning that cache data may be lost;
//   * relayStylePagination on the connections you page through with fetchMore (an
//     infinite list): it appends pages fetched with `after` and prepends pages fetched
//     with `before`. Only there: it merges every page of a field into one list, which a
//     screen showing one page at a time does not want.
import { InMemoryCache } from "@apollo/client";
import { relayStylePagination } from "@apollo/client/utilities";

import { isEntity, objectTypes } from "./schema.js";

const PAGING_ARGS = new Set(["first", "after", "last", "before"]);

/**
 * @param possibleTypes  generated/possibleTypes.json's `possibleTypes`
 * @param introspection  generated/introspection.json
 * @param paginated      "Type.field" of the connections merged page by page, e.g. ["Query.motions"]
 */
export function apolloCache(possibleTypes, introspection, paginated = []) {
  const typePolicies = {};
  for (const type of objectTypes(introspection)) {
    if (type.name !== "Query" && !isEntity(type)) typePolicies[type.name] = { merge: true };
  }
  for (const name of paginated) {
    const [typeName, fieldName] = name.split(".");
    const field = objectTypes(introspection).find((t) => t.name === typeName)?.fields.find((f) => f.name === fieldName);
    if (!field) throw new Error(`no field ${name} in the schema`);
    // The other arguments (where, orderBy, types, direction …) tell lists apart.
    const keyArgs = field.args.map((a) => a.name).filter((a) => !PAGING_ARGS.has(a));
    const policy = (typePolicies[typeName] ??= {});
    (policy.fields ??= {})[fieldName] = relayStylePagination(keyArgs.length ? keyArgs : false);
  }
  return new InMemoryCache({ possibleTypes, typePolicies });
}

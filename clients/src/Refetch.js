// A refetchable fragment: relay-compiler makes its refetch query through Query.node(id:),
// which every node type answers (the Node interface), so a component can reload one node.
import { graphql } from "relay-runtime";

export const RefetchOrganisationFragment = graphql`
  fragment RefetchOrganisation_organisation on Organisation
  @refetchable(queryName: "RefetchOrganisationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 2 }) {
    id
    name
    holds(first: $count) {
      totalCount
      edges {
        direction
        node {
          id
        }
        relation {
          id
        }
      }
    }
  }
`;

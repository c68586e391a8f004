// One relation seen from both of its ends in one query: the organisation's `holds` and the
// actielijn's `holdersConnection` meet in the same Relation record (one id), while each edge
// keeps its own direction and node.
import { graphql } from "relay-runtime";

export const BothEndsQuery = graphql`
  query BothEndsQuery {
    organisation(name: "Fier") {
      id
      name
      holds {
        edges {
          direction
          node {
            id
            name
          }
          relation {
            id
            type
            from
            to
            evidence {
              quote
              document {
                id
                title
              }
            }
          }
        }
      }
    }
    actielijn(number: 6) {
      id
      title
      holdersConnection {
        edges {
          direction
          node {
            id
            name
          }
          relation {
            id
            type
            from
            to
          }
        }
      }
      relations(direction: IN, types: [HOLDS]) {
        edges {
          direction
          type
          node {
            id
            name
          }
          relation {
            id
          }
        }
      }
    }
  }
`;

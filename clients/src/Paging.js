// Paging both ways with Relay's @connection: usePaginationFragment's loadNext and
// loadPrevious send these arguments (first/after, last/before) and the connection handler
// appends or prepends the page.
import { graphql } from "relay-runtime";

export const PagingMotionsQuery = graphql`
  query PagingMotionsQuery($first: Int, $after: String, $last: Int, $before: String) {
    motions(first: $first, after: $after, last: $last, before: $before, orderBy: [{ field: NUMBER }])
      @connection(key: "Paging_motions") {
      edges {
        node {
          id
          name
          number
        }
      }
    }
  }
`;

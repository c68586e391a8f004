package neo4j

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// maxBatchBytes bounds the approximate size of one write batch, so that a batch of
// documents with long texts does not make one huge transaction.
const maxBatchBytes = 8 << 20

// Replace implements store.Writer by generations:
//
//  1. allocate a new generation number (Meta.next, incremented in its own transaction);
//  2. remove what earlier failed or unfinished Replaces left behind (every generation but
//     the served one);
//  3. write the nodes, then the edges, of the new generation with UNWIND … MERGE (one
//     statement per label or type), in transactions of at most Config.BatchSize rows,
//     reporting Config.Progress after each;
//  4. in one transaction, check that the new generation is complete (node and edge counts)
//     and set Meta.current to it: readers, which read Meta.current in the same statement
//     as everything else, switch to the new graph at that commit;
//  5. delete the previous generation in batches.
//
// Until step 4 commits, readers see the old graph only; if any step before it fails, the
// partial generation is deleted (best effort; otherwise by the next Replace) and the old
// graph stays served. Replaces are serialised within the process; running two loaders
// against one database at once is not supported.
func (s *Store) Replace(ctx context.Context, g *kg.Graph) error {
	if err := s.usable(ctx); err != nil {
		return err
	}
	if err := g.Validate(); err != nil {
		return err
	}
	if err := checkProps(g); err != nil {
		return err
	}
	// Encode everything before touching the database: a graph that cannot be stored
	// fails without a trace, and g may change once Replace returns.
	batches, total, err := s.encodeGraph(g)
	if err != nil {
		return err
	}

	s.writeMu.Lock()
	defer s.writeMu.Unlock()

	gen, cur, err := s.newGeneration(ctx)
	if err != nil {
		return err
	}
	if err := s.deleteGenerations(ctx, cur, gen); err != nil {
		return err
	}
	if err := s.writeGeneration(ctx, gen, batches, total); err != nil {
		s.discard(ctx, gen)
		return err
	}
	if err := s.flip(ctx, gen, len(g.Nodes), len(g.Edges)); err != nil {
		s.discard(ctx, gen)
		return err
	}
	if err := s.deleteGenerations(ctx, gen, gen+1); err != nil && s.logf != nil {
		s.logf("neo4j: generation %d is served, but removing older generations failed (the next Replace retries): %v", gen, err)
	}
	return nil
}

// txBatch is what one write transaction holds: at most BatchSize rows (and about
// maxBatchBytes), as one UNWIND statement per run of rows of one label or type.
type txBatch struct {
	stmts []stmt
	rows  int
	bytes int
}

type stmt struct {
	query string
	rows  []map[string]any
}

// packer cuts a sequence of (statement, row) pairs into transactions.
type packer struct {
	max   int
	out   []txBatch
	total int
}

func (p *packer) add(query string, row map[string]any) {
	sz := rowSize(row)
	n := len(p.out)
	if n == 0 || p.out[n-1].rows >= p.max || (p.out[n-1].rows > 0 && p.out[n-1].bytes+sz > maxBatchBytes) {
		p.out = append(p.out, txBatch{})
		n++
	}
	b := &p.out[n-1]
	if k := len(b.stmts); k == 0 || b.stmts[k-1].query != query {
		b.stmts = append(b.stmts, stmt{query: query})
	}
	st := &b.stmts[len(b.stmts)-1]
	st.rows = append(st.rows, row)
	b.rows++
	b.bytes += sz
	p.total++
}

// nodeQuery writes nodes of one label (from kg.Labels); edgeQuery edges of one type (from
// kg.RelTypes). MERGE on (id, _gen) makes a retried batch harmless.
func nodeQuery(l kg.Label) string {
	return fmt.Sprintf("UNWIND $rows AS row\nMERGE (n:%s:%s {%s: row.%s, %s: $gen})\nSET n += row",
		labelNode, l, propID, propID, propGen)
}

func edgeQuery(t kg.RelType) string {
	return fmt.Sprintf(`UNWIND $rows AS row
MATCH (a:%[1]s {%[2]s: row.from, %[3]s: $gen})
MATCH (b:%[1]s {%[2]s: row.to, %[3]s: $gen})
MERGE (a)-[r:%[4]s]->(b)
SET r += row.p`, labelNode, propID, propGen, t)
}

// encodeGraph turns g into write transactions: nodes (by label) first, then edges (by
// type).
func (s *Store) encodeGraph(g *kg.Graph) ([]txBatch, int, error) {
	deg := store.Degrees(g)
	ns := make([]*kg.Node, len(g.Nodes))
	for i := range g.Nodes {
		ns[i] = &g.Nodes[i]
	}
	slices.SortStableFunc(ns, func(a, b *kg.Node) int { return cmp.Compare(a.Label, b.Label) })
	es := make([]*kg.Edge, len(g.Edges))
	for i := range g.Edges {
		es[i] = &g.Edges[i]
	}
	slices.SortStableFunc(es, func(a, b *kg.Edge) int { return cmp.Compare(a.Type, b.Type) })
	// Folding names and texts is most of the work: rows are made on every CPU.
	nodeRows, err := parallel(ns, func(n *kg.Node) (map[string]any, error) {
		row, err := nodeRow(n, deg[n.ID])
		if err != nil {
			return nil, fmt.Errorf("neo4j: node %q: %w", n.ID, err)
		}
		return row, nil
	})
	if err != nil {
		return nil, 0, err
	}
	edgeRows, err := parallel(es, func(e *kg.Edge) (map[string]any, error) {
		row, err := edgeRow(e)
		if err != nil {
			return nil, fmt.Errorf("neo4j: edge %s: %w", e.ID(), err)
		}
		return row, nil
	})
	if err != nil {
		return nil, 0, err
	}
	p := &packer{max: s.batch}
	for i, n := range ns {
		p.add(nodeQuery(n.Label), nodeRows[i])
	}
	// Edges start a new transaction, so that every node exists before any edge is matched.
	p.out = append(p.out, txBatch{})
	for i, e := range es {
		p.add(edgeQuery(e.Type), edgeRows[i])
	}
	out := slices.DeleteFunc(p.out, func(b txBatch) bool { return b.rows == 0 })
	return out, p.total, nil
}

// parallel maps f over in on every CPU, keeping the order; the first error wins.
func parallel[T any](in []T, f func(T) (map[string]any, error)) ([]map[string]any, error) {
	out := make([]map[string]any, len(in))
	errs := make([]error, len(in))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(in)/64))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(in); i += workers {
				out[i], errs[i] = f(in[i])
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// rowSize estimates the bytes a row takes on the wire.
func rowSize(v any) int {
	switch x := v.(type) {
	case string:
		return len(x) + 2
	case []string:
		n := 2
		for _, s := range x {
			n += len(s) + 2
		}
		return n
	case []int64:
		return 9 * len(x)
	case map[string]any:
		n := 2
		for k, e := range x {
			n += len(k) + rowSize(e)
		}
		return n
	}
	return 9
}

// newGeneration allocates the next generation number and returns it with the served one
// (-1 when none is).
func (s *Store) newGeneration(ctx context.Context) (gen, cur int64, err error) {
	q := fmt.Sprintf(`MERGE (m:%s {key: $meta})
SET m.next = coalesce(m.next, m.current, 0) + 1
RETURN m.next, coalesce(m.current, -1)`, labelMeta)
	out, err := s.write(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return s.run(ctx, tx, q, map[string]any{"meta": metaKey})
	})
	if err != nil {
		return 0, 0, fmt.Errorf("neo4j: new generation: %w", err)
	}
	recs := out.([]*neo4j.Record)
	if len(recs) != 1 {
		return 0, 0, fmt.Errorf("neo4j: new generation: %d records", len(recs))
	}
	gen, _ = recs[0].Values[0].(int64)
	cur, _ = recs[0].Values[1].(int64)
	return gen, cur, nil
}

// writeGeneration writes the batches, one transaction each.
func (s *Store) writeGeneration(ctx context.Context, gen int64, batches []txBatch, total int) error {
	done := 0
	for _, b := range batches {
		if _, err := s.write(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			for _, st := range b.stmts {
				if _, err := s.run(ctx, tx, st.query, map[string]any{"rows": st.rows, "gen": gen}); err != nil {
					return nil, err
				}
			}
			return nil, nil
		}); err != nil {
			return fmt.Errorf("neo4j: write generation %d: %w", gen, err)
		}
		done += b.rows
		if s.progress != nil {
			s.progress(done, total)
		}
		if s.afterBatch != nil {
			if err := s.afterBatch(done, total); err != nil {
				return err
			}
		}
	}
	return nil
}

// flip makes gen the served generation, once it holds every node and edge.
func (s *Store) flip(ctx context.Context, gen int64, nodes, edges int) error {
	count := fmt.Sprintf(`MATCH (n:%[1]s {%[2]s: $gen})
OPTIONAL MATCH (n)-[r]->()
RETURN count(DISTINCT n), count(r)`, labelNode, propGen)
	set := fmt.Sprintf(`MATCH (m:%s {key: $meta})
SET m.current = $gen, m.format = $format, m.replaced = datetime()
RETURN m.current`, labelMeta)
	_, err := s.write(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		recs, err := s.run(ctx, tx, count, map[string]any{"gen": gen})
		if err != nil {
			return nil, err
		}
		nc, _ := recs[0].Values[0].(int64)
		ec, _ := recs[0].Values[1].(int64)
		if nc != int64(nodes) || ec != int64(edges) {
			return nil, fmt.Errorf("neo4j: generation %d holds %d nodes and %d edges, want %d and %d", gen, nc, ec, nodes, edges)
		}
		return s.run(ctx, tx, set, map[string]any{"meta": metaKey, "gen": gen, "format": storeFormat})
	})
	return err
}

// deleteGenerations deletes, in batches, every node (with its relationships) of a
// generation other than keep and below before: those of failed Replaces and older ones.
func (s *Store) deleteGenerations(ctx context.Context, keep, before int64) error {
	q := fmt.Sprintf(`MATCH (n:%[1]s) WHERE n.%[2]s < $before AND n.%[2]s <> $keep
WITH n LIMIT $batch
DETACH DELETE n
RETURN count(*)`, labelNode, propGen)
	params := map[string]any{"keep": keep, "before": before, "batch": int64(s.batch)}
	for {
		out, err := s.write(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			return s.run(ctx, tx, q, params)
		})
		if err != nil {
			return fmt.Errorf("neo4j: delete old generations: %w", err)
		}
		recs := out.([]*neo4j.Record)
		if n, _ := recs[0].Values[0].(int64); n == 0 {
			return nil
		}
	}
}

// discard deletes a generation that will not be served, after a failed Replace; a
// cancelled ctx does not stop it, a minute does. What it leaves, the next Replace removes.
func (s *Store) discard(ctx context.Context, gen int64) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
	defer cancel()
	q := fmt.Sprintf(`MATCH (n:%[1]s {%[2]s: $gen})
WITH n LIMIT $batch
DETACH DELETE n
RETURN count(*)`, labelNode, propGen)
	params := map[string]any{"gen": gen, "batch": int64(s.batch)}
	for {
		out, err := s.write(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			return s.run(ctx, tx, q, params)
		})
		if err != nil {
			if s.logf != nil {
				s.logf("neo4j: removing unfinished generation %d: %v", gen, err)
			}
			return
		}
		if n, _ := out.([]*neo4j.Record)[0].Values[0].(int64); n == 0 {
			return
		}
	}
}

// ErrOldFormat is CheckFormat's error: the graph was loaded in a layout this version does
// not read.
var ErrOldFormat = errors.New("the graph in Neo4j was loaded by another version of beleidsgraaf")

// CheckFormat reports whether the served graph was loaded in the layout this version reads
// (storeFormat); a database never loaded passes (it has no graph to misread).
func (s *Store) CheckFormat(ctx context.Context) error {
	recs, err := s.readRaw(ctx, fmt.Sprintf(`MATCH (m:%s {key: $meta}) WHERE m.current IS NOT NULL RETURN m.format`, labelMeta),
		map[string]any{"meta": metaKey})
	if err != nil || len(recs) == 0 {
		return err
	}
	if f, _ := recs[0].Values[0].(int64); f != storeFormat {
		was := "none recorded"
		if f != 0 {
			was = fmt.Sprint(f)
		}
		return fmt.Errorf("%w (its format: %s; this version reads format %d): load it again", ErrOldFormat, was, storeFormat)
	}
	return nil
}

package graph_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/99designs/gqlgen/client"

	"beleidsgraaf/graph"
	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// TestMain keeps the expected error logs of the tests out of the output.
func TestMain(m *testing.M) {
	slog.SetDefault(slog.New(slog.NewTextHandler(io.Discard, nil)))
	os.Exit(m.Run())
}

type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

func newClient(st store.Reader, opts graph.Options) *client.Client {
	return client.New(graph.NewHandler(st, opts))
}

// do runs a query and decodes its data into out; it returns the GraphQL errors.
func do(t *testing.T, c *client.Client, q string, out any, opts ...client.Option) []gqlError {
	t.Helper()
	resp, err := c.RawPost(q, opts...)
	if err != nil {
		t.Fatalf("post: %v", err)
	}
	if out != nil && resp.Data != nil {
		b, _ := json.Marshal(resp.Data)
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("decode %s: %v", b, err)
		}
	}
	var errs []gqlError
	if len(resp.Errors) > 0 {
		if err := json.Unmarshal(resp.Errors, &errs); err != nil {
			t.Fatalf("decode errors %s: %v", resp.Errors, err)
		}
	}
	return errs
}

// mustDo runs a query that must succeed.
func mustDo(t *testing.T, c *client.Client, q string, out any, opts ...client.Option) {
	t.Helper()
	if errs := do(t, c, q, out, opts...); len(errs) > 0 {
		t.Fatalf("unexpected errors: %+v", errs)
	}
}

// countingStore counts the store calls made through it and keeps the list queries.
type countingStore struct {
	store.Reader
	mu    sync.Mutex
	calls []string
	lists []store.ListQuery
	nbs   []store.NeighbourQuery
}

// newCountingStore wraps st; every call through the result is counted.
func newCountingStore(st store.Reader) *countingStore {
	c := &countingStore{}
	c.Reader = store.Observe(st, func(method string) func(error) {
		c.mu.Lock()
		c.calls = append(c.calls, method)
		c.mu.Unlock()
		return nil
	})
	return c
}

func (c *countingStore) reset() {
	c.mu.Lock()
	c.calls, c.lists, c.nbs = nil, nil, nil
	c.mu.Unlock()
}

func (c *countingStore) summary() (int, string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.calls), strings.Join(c.calls, ",")
}

func (c *countingStore) List(ctx context.Context, q store.ListQuery) (store.Page, error) {
	c.mu.Lock()
	c.lists = append(c.lists, q)
	c.mu.Unlock()
	return c.Reader.List(ctx, q)
}

func (c *countingStore) Neighbours(ctx context.Context, q store.NeighbourQuery) ([][]store.Neighbour, error) {
	c.mu.Lock()
	c.nbs = append(c.nbs, q)
	c.mu.Unlock()
	return c.Reader.Neighbours(ctx, q)
}

// failingStore fails every call with err.
type failingStore struct {
	store.Reader
	err error
}

func (f failingStore) Nodes(context.Context, []string) ([]*kg.Node, error) { return nil, f.err }
func (f failingStore) Lookup(context.Context, kg.Label, []string) ([][]*kg.Node, error) {
	return nil, f.err
}
func (f failingStore) Neighbours(context.Context, store.NeighbourQuery) ([][]store.Neighbour, error) {
	return nil, f.err
}
func (f failingStore) CountNeighbours(context.Context, store.NeighbourQuery) ([]int, error) {
	return nil, f.err
}
func (f failingStore) List(context.Context, store.ListQuery) (store.Page, error) {
	return store.Page{}, f.err
}
func (f failingStore) Search(context.Context, store.SearchQuery) ([]store.Hit, error) {
	return nil, f.err
}
func (f failingStore) Subgraph(context.Context, store.SubgraphQuery) (*kg.Graph, error) {
	return nil, f.err
}
func (f failingStore) ShortestPath(context.Context, string, string, int, []kg.RelType) (*kg.Graph, error) {
	return nil, f.err
}
func (f failingStore) Stats(context.Context) (store.Stats, error) { return store.Stats{}, f.err }
func (f failingStore) Ping(context.Context) error                 { return f.err }

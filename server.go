// Command beleidsgraaf loads parliamentary documents on human trafficking into a knowledge
// graph and serves it as a GraphQL API.
//
//	beleidsgraaf [serve] [flags] [DIR|FILE...]   serve the graph (default: ./corpus) on :8080
//	beleidsgraaf load --neo4j URI [DIR...]       (re)build the Neo4j graph
//	beleidsgraaf export --format json|graphml [DIR...]
//
// This file is wiring only: configuration, store, subcommands, lifecycle.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"beleidsgraaf/graph"
	"beleidsgraaf/kg"
	"beleidsgraaf/loader"
	"beleidsgraaf/store"
	"beleidsgraaf/store/memory"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// config is everything the commands can be told, from flags and the environment.
type config struct {
	Paths []string // documents to load; default ./corpus

	// serve
	Addr             string
	CORSOrigins      []string
	Introspection    bool
	PersistedQueries bool
	ComplexityLimit  int
	MaxDepth         int
	MaxBodyBytes     int64
	MaxResponseBytes int64
	MaxInFlight      int
	Timeout          time.Duration

	// export
	Format string
	Strict bool   // load: any unreadable document fails the load
	Gold   string // eval: the gold file
	Diff   bool   // eval: list misses and extras too

	Neo4j neo4jConfig
}

// neo4jConfig says where the Neo4j store is; URI "" means the embedded memory store.
type neo4jConfig struct {
	URI, User, Password, Database string
}

const defaultCorpus = "corpus"

const usage = `Usage:
  beleidsgraaf [serve] [flags] [DIR|FILE...]          load documents (default ./corpus) and serve GraphQL
  beleidsgraaf load --neo4j URI [flags] [DIR|FILE...]  (re)build the Neo4j graph
  beleidsgraaf export --format json|graphml [DIR|FILE...]  print the extracted graph
  beleidsgraaf eval [--gold FILE] [--diff] [DIR|FILE...]   score the extraction against a gold file
  beleidsgraaf gen --docs N --seed S OUT/                  write N synthetic letters (benchmarks)

Run "beleidsgraaf <command> -h" for the flags of a command.
`

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	slog.SetDefault(slog.New(slog.NewTextHandler(stderr, nil)))
	cmd := "serve"
	if len(args) > 0 {
		switch args[0] {
		case "gen":
			return runGen(args[1:], stdout, stderr)
		case "serve", "load", "export", "eval":
			cmd, args = args[0], args[1:]
		case "help", "-h", "-help", "--help":
			fmt.Fprint(stdout, usage)
			return 0
		}
	}
	cfg, err := parseFlags(cmd, args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	switch cmd {
	case "load":
		err = runLoad(ctx, cfg, stdout)
	case "export":
		err = runExport(cfg, stdout)
	case "eval":
		err = runEval(cfg, stdout)
	default:
		err = runServe(ctx, cfg)
	}
	if err != nil {
		fmt.Fprintln(stderr, "beleidsgraaf:", err)
		return 1
	}
	return 0
}

func parseFlags(cmd string, args []string, stderr io.Writer) (config, error) {
	cfg := config{}
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	neo4jFlags := func() {
		fs.StringVar(&cfg.Neo4j.URI, "neo4j", os.Getenv("NEO4J_URI"), "Neo4j bolt URI (env NEO4J_URI); empty: the embedded in-memory store")
		fs.StringVar(&cfg.Neo4j.User, "neo4j-user", envOr("NEO4J_USER", "neo4j"), "Neo4j user (env NEO4J_USER)")
		fs.StringVar(&cfg.Neo4j.Password, "neo4j-password", os.Getenv("NEO4J_PASSWORD"), "Neo4j password (env NEO4J_PASSWORD)")
		fs.StringVar(&cfg.Neo4j.Database, "neo4j-database", os.Getenv("NEO4J_DATABASE"), "Neo4j database (env NEO4J_DATABASE); empty: the server's default")
	}
	var cors string
	switch cmd {
	case "serve":
		addr := ":8080"
		if p := os.Getenv("PORT"); p != "" {
			addr = ":" + p
		}
		fs.StringVar(&cfg.Addr, "addr", addr, "listen address (env PORT sets the port)")
		fs.StringVar(&cors, "cors-origins", os.Getenv("CORS_ORIGINS"), "comma-separated origins allowed cross-origin (env CORS_ORIGINS); empty: same origin only")
		fs.BoolVar(&cfg.Introspection, "introspection", envBool("GRAPHQL_INTROSPECTION", true), "allow GraphQL introspection and the SDL download")
		fs.BoolVar(&cfg.PersistedQueries, "persisted-queries", false, "enable automatic persisted queries")
		fs.IntVar(&cfg.ComplexityLimit, "complexity-limit", graph.DefaultComplexityLimit, "largest query complexity accepted (list fields count times their page size)")
		fs.IntVar(&cfg.MaxDepth, "max-depth", graph.DefaultMaxDepth, "deepest field nesting accepted")
		fs.Int64Var(&cfg.MaxBodyBytes, "max-body", 1<<20, "largest request body in bytes")
		fs.Int64Var(&cfg.MaxResponseBytes, "max-response", graph.DefaultMaxResponseBytes, "largest answer in bytes; a larger one is an error (RESPONSE_TOO_LARGE), never cut off")
		fs.IntVar(&cfg.MaxInFlight, "max-in-flight", graph.DefaultMaxInFlight, "GraphQL requests served at once; more wait up to 1 s, then get 503 with Retry-After")
		fs.DurationVar(&cfg.Timeout, "timeout", 15*time.Second, "time limit per request; past it the answer is a TIMEOUT error")
		neo4jFlags()
	case "load":
		neo4jFlags()
		fs.BoolVar(&cfg.Strict, "strict", false, "fail, leaving the stored graph as it is, when any document cannot be loaded")
	case "export":
		fs.StringVar(&cfg.Format, "format", "json", "output format: json or graphml")
	case "eval":
		fs.StringVar(&cfg.Gold, "gold", defaultGold, "the hand-written gold file")
		fs.BoolVar(&cfg.Diff, "diff", false, "also list every miss and every extra")
	}
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	cfg.Paths = fs.Args()
	if len(cfg.Paths) == 0 {
		cfg.Paths = []string{defaultCorpus}
		if cmd == "eval" {
			cfg.Paths = defaultEvalPaths
		}
	}
	for _, o := range strings.Split(cors, ",") {
		if o = strings.TrimSpace(o); o != "" {
			cfg.CORSOrigins = append(cfg.CORSOrigins, o)
		}
	}
	if cmd == "export" && cfg.Format != "json" && cfg.Format != "graphml" {
		return cfg, fmt.Errorf("export: unknown format %q (want json or graphml)", cfg.Format)
	}
	return cfg, nil
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func envBool(key string, def bool) bool {
	if b, err := strconv.ParseBool(os.Getenv(key)); err == nil {
		return b
	}
	return def
}

// loadGraph extracts the graph of the documents at paths. Files that cannot be loaded are
// warnings: the others still load.
func loadGraph(paths []string) *kg.Graph {
	g, _ := loadGraphErrs(paths)
	return g
}

// loadGraphErrs is loadGraph that also returns the per-file errors, for --strict.
func loadGraphErrs(paths []string) (*kg.Graph, []error) {
	start := time.Now()
	g, errs := loader.LoadPaths(paths...)
	for _, err := range errs {
		slog.Warn("document not loaded", "err", err)
	}
	observeLoad(time.Since(start), g, errs)
	slog.Info("graph loaded", "paths", paths, "nodes", len(g.Nodes), "edges", len(g.Edges), "warnings", len(errs))
	return g, errs
}

// openStore opens the configured store: Neo4j when a URI is given, otherwise the embedded
// memory store filled with the documents at cfg.Paths.
func openStore(ctx context.Context, cfg config) (store.Store, error) {
	if cfg.Neo4j.URI != "" {
		return openNeo4j(ctx, cfg.Neo4j)
	}
	st := memory.New()
	if err := st.Replace(ctx, loadGraph(cfg.Paths)); err != nil {
		return nil, fmt.Errorf("filling the memory store: %w", err)
	}
	return st, nil
}

func runServe(ctx context.Context, cfg config) error {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := st.Close(cctx); err != nil {
			slog.Warn("closing store", "err", err)
			return
		}
		slog.Info("store closed")
	}()
	setGraphSizeMetrics(ctx, st)
	srv := &http.Server{
		Addr:              cfg.Addr,
		Handler:           newWebHandler(st, cfg),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       cfg.Timeout + 10*time.Second,
		WriteTimeout:      cfg.Timeout + 10*time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	errc := make(chan error, 1)
	go func() {
		slog.Info("serving", "addr", cfg.Addr, "graphql", "/graphql", "cors", cfg.CORSOrigins)
		errc <- srv.ListenAndServe()
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	stop() // a second signal ends the process at once
	// Drain: stop accepting connections and wait for the requests in flight, each bounded by
	// cfg.Timeout; the deferred Close then closes the store.
	slog.Info("shutting down: draining requests in flight")
	sctx, cancel := context.WithTimeout(context.Background(), cfg.Timeout+5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		_ = srv.Close()
		return fmt.Errorf("draining requests: %w", err)
	}
	slog.Info("drained")
	return nil
}

func runLoad(ctx context.Context, cfg config, stdout io.Writer) error {
	g, errs := loadGraphErrs(cfg.Paths)
	if cfg.Strict && len(errs) > 0 {
		return fmt.Errorf("--strict: %d document(s) could not be loaded (first: %v); the stored graph is unchanged", len(errs), errs[0])
	}
	if err := g.Validate(); err != nil {
		return fmt.Errorf("the extracted graph is invalid: %w", err)
	}
	if cfg.Neo4j.URI == "" {
		return errors.New("load writes the graph to Neo4j: give --neo4j or set NEO4J_URI " +
			"(serve fills the in-memory store by itself; export prints the graph)")
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	if err := st.Replace(ctx, g); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "loaded %d nodes and %d edges into %s\n", len(g.Nodes), len(g.Edges), cfg.Neo4j.URI)
	return nil
}

func runExport(cfg config, stdout io.Writer) error {
	g := loadGraph(cfg.Paths)
	if cfg.Format == "graphml" {
		return writeExportGraphML(stdout, g)
	}
	return writeExportJSON(stdout, g)
}

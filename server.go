// Command beleidsgraaf loads parliamentary documents on human trafficking into a knowledge
// graph and serves it as a GraphQL API.
//
//	beleidsgraaf [serve] [flags] [DIR|FILE...]   serve the graph (default: ./corpus) on 127.0.0.1:8080
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
	"io/fs"
	"log/slog"
	"net"
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
	"beleidsgraaf/store/neo4j"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// config is everything the commands can be told, from flags and the environment.
type config struct {
	Paths        []string // documents to load; default ./corpus
	DefaultPaths bool     // Paths is the default, not given on the command line

	// serve
	Addr             string
	AllowEmpty       bool // serve, load: go on with a graph of no documents
	CORSOrigins      []string
	Introspection    bool
	PersistedQueries bool
	CacheMaxAge      time.Duration
	ComplexityLimit  int
	MaxDepth         int
	MaxBodyBytes     int64
	MaxResponseBytes int64
	MaxInFlight      int
	Timeout          time.Duration
	GCHeadroom       int64  // serve, memory store: see paceGC
	PprofAddr        string // serve: where Go's profiles are served (profiles.go); "": nowhere

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

// defaultHost is where serve listens unless told otherwise: this machine only. Containers
// set LISTEN_HOST=0.0.0.0 (Dockerfile, docker-compose.yml).
const (
	defaultHost = "127.0.0.1"
	defaultPort = "8080"
)

const usage = `Usage:
  beleidsgraaf [serve] [flags] [DIR|FILE...]          load documents (default ./corpus) and serve GraphQL on 127.0.0.1:8080
  beleidsgraaf load --neo4j URI [flags] [DIR|FILE...]  (re)build the Neo4j graph
  beleidsgraaf export --format json|graphml [DIR|FILE...]  print the extracted graph
  beleidsgraaf eval [--gold FILE] [--diff] [DIR|FILE...]   score the extraction against a gold file
  beleidsgraaf gen --docs N --seed S OUT/                  write N synthetic letters (benchmarks)
  beleidsgraaf sync --dossier N [--since DATE] DIR/         bring a dossier in from the official sources

Run "beleidsgraaf <command> -h" for the flags of a command.
`

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	slog.SetDefault(slog.New(slog.NewTextHandler(stderr, nil)))
	cmd := "serve"
	if len(args) > 0 {
		switch args[0] {
		case "gen":
			return runGen(args[1:], stdout, stderr)
		case "sync":
			return runSync(ctx, args[1:], stdout, stderr)
		case "serve", "load", "export", "eval":
			cmd, args = args[0], args[1:]
		case "help", "-h", "-help", "--help":
			fmt.Fprint(stdout, usage)
			return 0
		default:
			// Not a command: flags of serve, or the documents to serve ("beleidsgraaf corpus").
			// Anything else is a mistyped command, not a path to load nothing from.
			if !strings.HasPrefix(args[0], "-") {
				if _, err := os.Stat(args[0]); err != nil {
					fmt.Fprintf(stderr, "beleidsgraaf: unknown command %q (and no file or directory of that name)\n\n%s", args[0], usage)
					return 2
				}
			}
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
	if cfg.Paths, err = checkPaths(cmd, cfg); err != nil {
		fmt.Fprintln(stderr, "beleidsgraaf:", err)
		return 1
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
	var cors, host string
	switch cmd {
	case "serve":
		fs.StringVar(&host, "host", envOr("LISTEN_HOST", defaultHost), "interface to listen on (env LISTEN_HOST); 0.0.0.0: every interface")
		fs.StringVar(&cfg.Addr, "addr", "", "listen address host:port; overrides --host and PORT (default "+defaultHost+":"+defaultPort+")")
		fs.BoolVar(&cfg.AllowEmpty, "allow-empty", false, "serve even when there are no documents (an empty graph)")
		fs.StringVar(&cors, "cors-origins", os.Getenv("CORS_ORIGINS"), "comma-separated origins allowed cross-origin (env CORS_ORIGINS); empty: same origin only")
		fs.BoolVar(&cfg.Introspection, "introspection", envBool("GRAPHQL_INTROSPECTION", true), "allow GraphQL introspection and the SDL download")
		fs.BoolVar(&cfg.PersistedQueries, "persisted-queries", false, "enable automatic persisted queries")
		fs.DurationVar(&cfg.CacheMaxAge, "cache-max-age", 0, "how long caches may use a GET answer without revalidating (Cache-Control max-age); 0: revalidate every time (no-cache, 304 when unchanged)")
		fs.IntVar(&cfg.ComplexityLimit, "complexity-limit", graph.DefaultComplexityLimit, "largest query complexity accepted (list fields count times their page size)")
		fs.IntVar(&cfg.MaxDepth, "max-depth", graph.DefaultMaxDepth, "deepest field nesting accepted")
		fs.Int64Var(&cfg.MaxBodyBytes, "max-body", 1<<20, "largest request body in bytes")
		fs.Int64Var(&cfg.MaxResponseBytes, "max-response", graph.DefaultMaxResponseBytes, "largest answer in bytes; a larger one is an error (RESPONSE_TOO_LARGE), never cut off")
		fs.IntVar(&cfg.MaxInFlight, "max-in-flight", graph.DefaultMaxInFlight, "GraphQL requests served at once; up to 16× as many more wait for a slot within their --timeout, then get 503 with Retry-After")
		fs.DurationVar(&cfg.Timeout, "timeout", 15*time.Second, "time limit per request; past it the answer is a TIMEOUT error")
		fs.StringVar(&cfg.PprofAddr, "pprof", os.Getenv("PPROF_ADDR"), "serve Go's runtime profiles (net/http/pprof) on this address, e.g. 127.0.0.1:6060 (env PPROF_ADDR); empty: nowhere. Never on a public interface")
		fs.Int64Var(&cfg.GCHeadroom, "gc-headroom", defaultGCHeadroom, "memory store: bytes the heap may grow by between garbage collections, at least twice as much as is live (GOGC set in the environment wins); 0: Go's default")
		neo4jFlags()
	case "load":
		neo4jFlags()
		fs.BoolVar(&cfg.Strict, "strict", false, "fail, leaving the stored graph as it is, when any document cannot be loaded")
		fs.BoolVar(&cfg.AllowEmpty, "allow-empty", false, "store an empty graph when there are no documents")
	case "export":
		fs.StringVar(&cfg.Format, "format", "json", "output format: json or graphml")
	case "eval":
		fs.StringVar(&cfg.Gold, "gold", defaultGold, "the hand-written gold file")
		fs.BoolVar(&cfg.Diff, "diff", false, "also list every miss and every extra")
	}
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if cmd == "serve" && cfg.Addr == "" {
		cfg.Addr = net.JoinHostPort(host, envOr("PORT", defaultPort))
	}
	cfg.Paths = fs.Args()
	if len(cfg.Paths) == 0 {
		cfg.DefaultPaths = true
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

// checkPaths refuses paths that do not exist before anything is loaded: a mistyped path
// would otherwise load nothing and serve (or store) an empty graph. It returns the paths to
// load: without a missing default corpus when --allow-empty allows that.
func checkPaths(cmd string, cfg config) ([]string, error) {
	if cmd == "serve" && cfg.Neo4j.URI != "" {
		return cfg.Paths, nil // serve reads the graph from Neo4j; paths are not read
	}
	var paths []string
	for _, p := range cfg.Paths {
		_, err := os.Stat(p)
		switch {
		case err == nil:
			paths = append(paths, p)
		case cfg.DefaultPaths && p == defaultCorpus && errors.Is(err, fs.ErrNotExist):
			if cfg.AllowEmpty {
				slog.Warn("./" + defaultCorpus + " does not exist; --allow-empty: going on with an empty graph")
				continue
			}
			wd, _ := os.Getwd()
			hint := ""
			if cmd == "serve" || cmd == "load" {
				hint = ", or pass --allow-empty to go on with an empty graph"
			}
			return nil, fmt.Errorf("no documents: the default corpus ./%s does not exist in %s.\n"+
				"Run from the repository root or name the documents (beleidsgraaf %s DIR|FILE...)%s",
				defaultCorpus, wd, cmd, hint)
		case errors.Is(err, fs.ErrNotExist):
			return nil, fmt.Errorf("%s: no such file or directory", p)
		default:
			return nil, err
		}
	}
	return paths, nil
}

// errNoDocuments is the error of a load that found no documents.
func errNoDocuments(cmd string, paths []string, unread int) error {
	what := "serve an empty graph"
	if cmd == "load" {
		what = "store an empty graph"
	}
	msg := fmt.Sprintf("no documents loaded from %s", strings.Join(paths, " "))
	if unread > 0 {
		msg += fmt.Sprintf(" (%d could not be read: see the warnings above)", unread)
	}
	return fmt.Errorf("%s: give files or directories of .txt, .md, .html, .xml, .pdf or .docx documents, "+
		"or pass --allow-empty to %s", msg, what)
}

// loadedDocuments counts the loaded files: the Document nodes with a source file.
func loadedDocuments(g *kg.Graph) int {
	docs := 0
	for _, n := range g.Nodes {
		if n.Label == kg.Document && n.Str(kg.PropSourceFile) != "" {
			docs++
		}
	}
	return docs
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
	g, errs := loader.Options{Progress: newLoadProgress().report}.LoadPaths(paths...)
	for _, err := range errs {
		if w, ok := err.(*loader.Warning); ok {
			slog.Warn("loader warning", "file", w.File, "warning", w.Msg)
			continue
		}
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
	g, errs := loadGraphErrs(cfg.Paths)
	if loadedDocuments(g) == 0 {
		if !cfg.AllowEmpty {
			return nil, errNoDocuments("serve", cfg.Paths, len(loader.Failures(errs)))
		}
		slog.Warn("no documents loaded; --allow-empty: serving an empty graph")
	}
	st := memory.New()
	if err := st.Replace(ctx, g); err != nil {
		return nil, fmt.Errorf("filling the memory store: %w", err)
	}
	return st, nil
}

// checkNeo4jGraph refuses to serve a Neo4j graph without documents (nothing loaded yet)
// unless --allow-empty. A failing read is not fatal: /readyz reports the store's health.
// (It lists documents rather than counting: Stats fails on a database never loaded.)
// A graph loaded in a layout this version does not read (an earlier version's) is refused
// too: it would answer wrongly rather than fail.
func checkNeo4jGraph(ctx context.Context, st store.Reader, cfg config) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if f, ok := st.(interface{ CheckFormat(context.Context) error }); ok {
		if err := f.CheckFormat(ctx); errors.Is(err, neo4j.ErrOldFormat) {
			return fmt.Errorf("%w (beleidsgraaf load --neo4j %s DIR)", err, cfg.Neo4j.URI)
		} else if err != nil {
			slog.Warn("could not check the format of the Neo4j graph", "err", err)
		}
	}
	page, err := st.List(ctx, store.ListQuery{Label: kg.Document, First: 1})
	if err != nil {
		slog.Warn("could not check that the Neo4j graph has documents", "err", err)
		return nil
	}
	if len(page.Nodes) > 0 {
		return nil
	}
	if cfg.AllowEmpty {
		slog.Warn("the Neo4j graph is empty; --allow-empty: serving an empty graph", "neo4j", cfg.Neo4j.URI)
		return nil
	}
	return fmt.Errorf("the graph in Neo4j at %s has no documents: load it first "+
		"(beleidsgraaf load --neo4j %s corpus), or pass --allow-empty to serve an empty graph",
		cfg.Neo4j.URI, cfg.Neo4j.URI)
}

// listen binds the listen address, saying plainly when the port is taken.
func listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("cannot listen on %s: the address is already in use (another server runs there?); "+
			"choose another with --addr host:port or PORT", addr)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot listen on %s: %w", addr, err)
	}
	return ln, nil
}

func runServe(ctx context.Context, cfg config) error {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	// Bind first: a taken port is reported before the documents are loaded.
	ln, err := listen(cfg.Addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	if cfg.PprofAddr != "" {
		stopProfiles, err := serveProfiles(cfg.PprofAddr)
		if err != nil {
			return fmt.Errorf("--pprof: %w", err)
		}
		defer stopProfiles()
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	if cfg.Neo4j.URI != "" {
		if err := checkNeo4jGraph(ctx, st, cfg); err != nil {
			_ = st.Close(context.Background())
			return err
		}
	} else {
		paceGC(cfg.GCHeadroom)
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
	addr := ln.Addr().String()
	slog.Info("serving", "addr", addr, "url", "http://"+addr+"/", "graphql", "/graphql", "cors", cfg.CORSOrigins)
	go func() { errc <- srv.Serve(ln) }()
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
	if cfg.Neo4j.URI == "" {
		return errors.New("load writes the graph to Neo4j: give --neo4j or set NEO4J_URI " +
			"(serve fills the in-memory store by itself; export prints the graph)")
	}
	g, errs := loadGraphErrs(cfg.Paths)
	if failed := loader.Failures(errs); cfg.Strict && len(failed) > 0 {
		return fmt.Errorf("--strict: %d document(s) could not be loaded (first: %v); the stored graph is unchanged", len(failed), failed[0])
	}
	if loadedDocuments(g) == 0 && !cfg.AllowEmpty {
		return fmt.Errorf("%w; the stored graph is unchanged", errNoDocuments("load", cfg.Paths, len(loader.Failures(errs))))
	}
	if err := g.Validate(); err != nil {
		return fmt.Errorf("the extracted graph is invalid: %w", err)
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

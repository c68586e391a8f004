package main

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql/playground"
	"github.com/rs/cors"
	"github.com/vektah/gqlparser/v2/formatter"

	"beleidsgraaf/graph"
	"beleidsgraaf/store"
)

//go:embed landing.html
var landingPage []byte

// newWebHandler routes the HTTP API:
//
//	POST/GET /graphql            GraphQL (GraphiQL when a browser asks for HTML)
//	GET /graphql/schema.graphql  the schema as SDL (unless introspection is off)
//	GET /healthz                 200 while the process runs
//	GET /readyz                  200 when the store answers, 503 otherwise
//	GET /                        a landing page with example queries
//
// CORS is off (same origin only) unless origins are configured.
func newWebHandler(st store.Reader, cfg config) http.Handler {
	gql := graph.NewHandler(st, graph.Options{
		Introspection:    cfg.Introspection,
		PersistedQueries: cfg.PersistedQueries,
		ComplexityLimit:  cfg.ComplexityLimit,
		MaxDepth:         cfg.MaxDepth,
	})
	graphiql := playground.Handler("Beleidsgraaf GraphiQL", "/graphql", playground.WithGraphiqlPersistStateInURL(true))

	mux := http.NewServeMux()
	api := limitRequest(gql, cfg.MaxBodyBytes, cfg.Timeout)
	mux.HandleFunc("/graphql", func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && wantsHTML(r) {
			graphiql(w, r)
			return
		}
		api.ServeHTTP(w, r)
	})
	var sdl bytes.Buffer
	formatter.NewFormatter(&sdl, formatter.WithIndent("  ")).FormatSchema(graph.NewSchema(st, 0).Schema())
	mux.HandleFunc("GET /graphql/schema.graphql", func(w http.ResponseWriter, r *http.Request) {
		if !cfg.Introspection {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write(sdl.Bytes())
	})
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeStatus(w, http.StatusOK, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := st.Ping(ctx); err != nil {
			writeStatus(w, http.StatusServiceUnavailable, "store unavailable")
			return
		}
		writeStatus(w, http.StatusOK, "ok")
	})
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(landingPage)
	})

	var h http.Handler = mux
	if len(cfg.CORSOrigins) > 0 {
		h = cors.New(cors.Options{
			AllowedOrigins: cfg.CORSOrigins,
			AllowedMethods: []string{http.MethodGet, http.MethodPost, http.MethodOptions},
			AllowedHeaders: []string{"Content-Type", "Accept"},
			MaxAge:         600,
		}).Handler(h)
	}
	return h
}

// wantsHTML reports whether the client (a browser) prefers an HTML page.
func wantsHTML(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "text/html")
}

// limitRequest caps the request body and the time a request may take.
func limitRequest(h http.Handler, maxBody int64, timeout time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if maxBody > 0 {
			if r.ContentLength > maxBody {
				writeGraphQLError(w, http.StatusRequestEntityTooLarge, "request body too large")
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		}
		if timeout > 0 {
			ctx, cancel := context.WithTimeout(r.Context(), timeout)
			defer cancel()
			r = r.WithContext(ctx)
		}
		h.ServeHTTP(w, r)
	})
}

func writeGraphQLError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"errors": []map[string]string{{"message": msg}}})
}

func writeStatus(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(msg + "\n"))
}

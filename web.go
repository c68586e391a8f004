package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/rs/cors"
	"github.com/vektah/gqlparser/v2/formatter"

	"beleidsgraaf/graph"
	"beleidsgraaf/metrics"
	"beleidsgraaf/store"
)

// webDist is the built web front end (web/, `npm run build`): the graph explorer and an offline
// GraphiQL. It is committed, so building the server needs no npm.
//
//go:embed all:web/dist
var webDist embed.FS

// newWebHandler routes the HTTP API:
//
//	GET /                        the graph explorer (web/)
//	GET /assets/...              its scripts and styles
//	GET /graphiql                GraphiQL, bundled (works offline)
//	POST/GET /graphql            GraphQL; a browser asking for HTML gets GraphiQL
//	GET /graphql/schema.graphql  the schema as SDL (unless introspection is off)
//	GET /healthz                 200 while the process runs
//	GET /readyz                  200 when the store answers, 503 otherwise
//	GET /metrics                 Prometheus metrics (package metrics)
//
// CORS is off (same origin only) unless origins are configured. Every request gets an
// access log line and is counted (metrics.HTTP); store calls are counted and timed.
func newWebHandler(st store.Reader, cfg config) http.Handler {
	st = metrics.Instrument(st)
	gql := graph.NewHandler(st, graph.Options{
		Introspection:    cfg.Introspection,
		PersistedQueries: cfg.PersistedQueries,
		ComplexityLimit:  cfg.ComplexityLimit,
		MaxDepth:         cfg.MaxDepth,
		MaxResponseBytes: cfg.MaxResponseBytes,
		MaxInFlight:      cfg.MaxInFlight,
		Timeout:          cfg.Timeout,
	})
	gql.Use(metrics.GraphQL{})
	web := loadWebAssets()

	mux := http.NewServeMux()
	api := graph.HTTPCache(limitBody(gql, cfg.MaxBodyBytes), cfg.CacheMaxAge)
	mux.HandleFunc("/graphql", func(w http.ResponseWriter, r *http.Request) {
		// A browser opening /graphql (or a /graphql?query=… link) gets GraphiQL, which reads the
		// query from the URL; GET with Accept: application/json stays plain GraphQL.
		if r.Method == http.MethodGet && wantsHTML(r) {
			web.serve(w, r, "graphiql.html")
			return
		}
		api.ServeHTTP(w, r)
	})
	var sdl bytes.Buffer
	formatter.NewFormatter(&sdl, formatter.WithIndent("  ")).FormatSchema(graph.NewSchema(st).Schema())
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
	mux.Handle("GET /metrics", metrics.Handler(st))
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		web.serve(w, r, "index.html")
	})
	mux.HandleFunc("GET /graphiql", func(w http.ResponseWriter, r *http.Request) {
		web.serve(w, r, "graphiql.html")
	})
	mux.HandleFunc("GET /assets/{file...}", func(w http.ResponseWriter, r *http.Request) {
		web.serve(w, r, "assets/"+r.PathValue("file"))
	})

	var h http.Handler = mux
	if len(cfg.CORSOrigins) > 0 {
		h = cors.New(cors.Options{
			AllowedOrigins: cfg.CORSOrigins,
			AllowedMethods: []string{http.MethodGet, http.MethodPost, http.MethodOptions},
			AllowedHeaders: []string{"Content-Type", "Accept", "If-None-Match"},
			ExposedHeaders: []string{"ETag"},
			MaxAge:         600,
		}).Handler(h)
	}
	return metrics.HTTP(h)
}

// webAsset is one file of the front end, with its ETag and, when it pays, a gzipped copy.
type webAsset struct {
	name, contentType, etag string
	body, gz                []byte
}

type webAssets map[string]*webAsset

// loadWebAssets reads the embedded front end, once per process. The bundle's file names carry
// no content hashes (so the committed bundle is reproducible), hence ETags and revalidation.
var loadWebAssets = sync.OnceValue(func() webAssets {
	root, err := fs.Sub(webDist, "web/dist")
	if err != nil {
		panic(err)
	}
	out := webAssets{}
	err = fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(root, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		a := &webAsset{name: p, body: body, etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
		a.contentType = mime.TypeByExtension(path.Ext(p))
		if a.contentType == "" {
			a.contentType = http.DetectContentType(body)
		}
		if len(body) > 1024 && compressible(a.contentType) {
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
			_, _ = zw.Write(body)
			_ = zw.Close()
			if buf.Len() < len(body)*9/10 {
				a.gz = buf.Bytes()
			}
		}
		out[p] = a
		return nil
	})
	if err != nil {
		panic(err)
	}
	for _, page := range []string{"index.html", "graphiql.html"} {
		if out[page] == nil {
			panic("web/dist/" + page + " is missing: run `npm ci && npm run build` in web/")
		}
	}
	return out
})

func compressible(contentType string) bool {
	for _, p := range []string{"text/", "application/javascript", "text/javascript", "application/json", "image/svg"} {
		if strings.HasPrefix(contentType, p) {
			return true
		}
	}
	return false
}

func (wa webAssets) serve(w http.ResponseWriter, r *http.Request, name string) {
	a := wa[name]
	if a == nil {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", a.contentType)
	h.Set("ETag", a.etag)
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Add("Vary", "Accept-Encoding")
	if strings.HasSuffix(name, ".html") {
		h.Set("Referrer-Policy", "same-origin")
	}
	body := a.body
	if a.gz != nil && r.Header.Get("Range") == "" && graph.AcceptsGzip(r) {
		body = a.gz
		h.Set("Content-Encoding", "gzip")
	}
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

// wantsHTML reports whether the client (a browser) prefers an HTML page.
func wantsHTML(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "text/html")
}

// limitBody caps the request body. (The time limit is graph's, Options.Timeout: execution
// stops at it and the client gets TIMEOUT; it runs from the request's arrival, a wait for a
// slot among the requests in flight included, and a body sent slowly is not waited for past
// it.)
func limitBody(h http.Handler, maxBody int64) http.Handler {
	if maxBody <= 0 {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Bodies over the limit, announced (Content-Length) or not (chunked), are refused by
		// the transport when the read fails: one answer for both.
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		h.ServeHTTP(w, r)
	})
}

func writeStatus(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(msg + "\n"))
}

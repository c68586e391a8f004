package graph_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"

	"beleidsgraaf/graph"
)

// TestHTTPCache: GET answers are cacheable with an ETag and answered 304 on
// If-None-Match; errors are never cached; large answers are compressed.
func TestHTTPCache(t *testing.T) {
	h := graph.HTTPCache(graph.NewHandler(newStore(t), graph.Options{}), 0)
	withMaxAge, w := graph.HTTPCache(graph.NewHandler(newStore(t), graph.Options{}), 90*time.Second), httptest.NewRecorder()
	withMaxAge.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/graphql?query="+url.QueryEscape(`{ stats { totalNodes } }`), nil))
	if got := w.Header().Get("Cache-Control"); got != "public, max-age=90" {
		t.Errorf("with a max-age of 90 s: Cache-Control %q", got)
	}
	get := func(query string, header ...string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodGet, "/graphql?query="+url.QueryEscape(query), nil)
		for i := 0; i+1 < len(header); i += 2 {
			r.Header.Set(header[i], header[i+1])
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	const small = `{ organisation(name: "CoMensha") { id name } }`
	const large = `{ documents { edges { node { id text } } } }`

	first := get(small)
	tag := first.Header().Get("ETag")
	if first.Code != http.StatusOK || tag == "" || first.Header().Get("Cache-Control") != "public, no-cache" {
		t.Fatalf("first GET: %d, headers %v", first.Code, first.Header())
	}
	if v := first.Header().Values("Vary"); !contains(v, "Accept") || !contains(v, "Accept-Encoding") {
		t.Errorf("Vary: %v, want Accept and Accept-Encoding", v)
	}
	if again := get(small); again.Header().Get("ETag") != tag || again.Body.String() != first.Body.String() {
		t.Errorf("the same query twice: ETags %s and %s", tag, again.Header().Get("ETag"))
	}
	if other := get(small, "Accept", "application/graphql-response+json"); other.Header().Get("ETag") == tag {
		t.Errorf("the other media type has the same ETag")
	}
	for _, inm := range []string{tag, "W/" + tag, `"other", ` + tag, "*", strings.TrimSuffix(tag, `"`) + `-gzip"`} {
		w := get(small, "If-None-Match", inm)
		if w.Code != http.StatusNotModified || w.Body.Len() != 0 || w.Header().Get("ETag") != tag {
			t.Errorf("If-None-Match %s: %d %q, ETag %s; want 304 without a body", inm, w.Code, w.Body, w.Header().Get("ETag"))
		}
	}
	if w := get(small, "If-None-Match", `"something-else"`); w.Code != http.StatusOK || w.Body.String() != first.Body.String() {
		t.Errorf("another ETag: %d", w.Code)
	}

	for _, tc := range []struct{ name, query string }{
		{"a query that does not validate", `{ nope }`},
		{"a field error in a partial answer", `{ stats { totalNodes } organisations(first: 1, after: "bad") { edges { cursor } } }`},
		{"a mutation over GET", `mutation { x }`},
	} {
		w := get(tc.query)
		if w.Header().Get("Cache-Control") != "no-store" || w.Header().Get("ETag") != "" {
			t.Errorf("%s: %d, Cache-Control %q, ETag %q; want no-store and no ETag", tc.name, w.Code, w.Header().Get("Cache-Control"), w.Header().Get("ETag"))
		}
	}

	post, req := httptest.NewRecorder(), httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query": "{ stats { totalNodes } }"}`))
	req.Header.Set("Content-Type", "application/json")
	h.ServeHTTP(post, req)
	if post.Code != http.StatusOK || post.Header().Get("ETag") != "" || post.Header().Get("Cache-Control") != "" {
		t.Errorf("POST: %d, headers %v; want no caching headers", post.Code, post.Header())
	}

	plain := get(large)
	if plain.Body.Len() < 1024 || plain.Header().Get("Content-Encoding") != "" {
		t.Fatalf("a large answer without Accept-Encoding: %d bytes, encoding %q", plain.Body.Len(), plain.Header().Get("Content-Encoding"))
	}
	decoders := map[string]func(io.Reader) (io.Reader, error){
		"gzip": func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) },
		"br":   func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil },
	}
	for _, tc := range []struct{ accept, want string }{
		{"gzip", "gzip"}, {"gzip, deflate, br", "br"}, {"br;q=0.5, gzip", "gzip"}, {"gzip;q=0", ""}, {"identity", ""},
	} {
		w := get(large, "Accept-Encoding", tc.accept)
		if got := w.Header().Get("Content-Encoding"); got != tc.want {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, want %q", tc.accept, got, tc.want)
			continue
		}
		if tc.want == "" {
			continue
		}
		if w.Body.Len() >= plain.Body.Len() {
			t.Errorf("%s: %d bytes of %d", tc.want, w.Body.Len(), plain.Body.Len())
		}
		r, err := decoders[tc.want](bytes.NewReader(w.Body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if body, err := io.ReadAll(r); err != nil || !bytes.Equal(body, plain.Body.Bytes()) {
			t.Errorf("%s: decodes to another answer (%v)", tc.want, err)
		}
		if want := strings.TrimSuffix(plain.Header().Get("ETag"), `"`) + "-" + tc.want + `"`; w.Header().Get("ETag") != want {
			t.Errorf("%s: ETag %s, want %s", tc.want, w.Header().Get("ETag"), want)
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

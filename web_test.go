package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// The explorer at /, its assets, and the offline GraphiQL at /graphiql and for browsers at
// /graphql: every page loads only files the binary embeds, never a CDN.
func TestWebFrontEnd(t *testing.T) {
	h := newWebHandler(testStore(t), testConfig())
	ref := regexp.MustCompile(`(?:src|href)="([^"]+)"`)
	for _, page := range []struct{ path, want string }{
		{"/", "Beleidsgraaf"},
		{"/graphiql", "GraphiQL"},
		{"/graphql", "GraphiQL"},
	} {
		w := get(t, h, page.path, "Accept", "text/html")
		body := w.Body.String()
		if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") || !strings.Contains(body, page.want) {
			t.Fatalf("%s: %d %s", page.path, w.Code, w.Header().Get("Content-Type"))
		}
		n := 0
		for _, m := range ref.FindAllStringSubmatch(body, -1) {
			u := m[1]
			if strings.HasPrefix(u, "data:") || strings.HasPrefix(u, "#") {
				continue
			}
			if !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") {
				t.Errorf("%s refers to %s outside the server", page.path, u)
				continue
			}
			if strings.HasPrefix(u, "/assets/") {
				n++
				if a := get(t, h, u); a.Code != 200 || a.Body.Len() == 0 {
					t.Errorf("%s: %s answers %d", page.path, u, a.Code)
				}
			}
		}
		if n == 0 {
			t.Errorf("%s loads no script or style from /assets/", page.path)
		}
	}
	for _, a := range loadWebAssets() {
		for _, cdn := range []string{"unpkg.com", "jsdelivr", "cdnjs", "fonts.googleapis", "esm.sh"} {
			if bytes.Contains(a.body, []byte(cdn)) {
				t.Errorf("web/dist/%s mentions %s", a.name, cdn)
			}
		}
	}
	if w := get(t, h, "/assets/nope.js"); w.Code != 404 {
		t.Errorf("/assets/nope.js: %d", w.Code)
	}
}

// Asset names carry no content hash, so they are revalidated by ETag; large text is gzipped.
func TestWebAssetCaching(t *testing.T) {
	h := newWebHandler(testStore(t), testConfig())
	w := get(t, h, "/assets/explorer.js")
	etag := w.Header().Get("ETag")
	if w.Code != 200 || etag == "" || w.Header().Get("Cache-Control") != "no-cache" ||
		!strings.Contains(w.Header().Get("Content-Type"), "javascript") {
		t.Fatalf("explorer.js: %d etag=%q %v", w.Code, etag, w.Header())
	}
	if w := get(t, h, "/assets/explorer.js", "If-None-Match", etag); w.Code != http.StatusNotModified {
		t.Errorf("revalidation: %d", w.Code)
	}
	z := get(t, h, "/assets/explorer.js", "Accept-Encoding", "gzip, deflate")
	if z.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("no gzip: %v", z.Header())
	}
	zr, err := gzip.NewReader(z.Body)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(plain, w.Body.Bytes()) {
		t.Errorf("gzipped body differs (%v)", err)
	}
}

// GET /graphql stays GraphQL for clients that do not ask for HTML.
func TestGraphQLGetStaysGraphQL(t *testing.T) {
	h := newWebHandler(testStore(t), testConfig())
	w := get(t, h, "/graphql?query=%7Bstats%7BtotalNodes%7D%7D", "Accept", "application/json")
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"totalNodes"`) {
		t.Errorf("GET /graphql: %d %s", w.Code, w.Body)
	}
	w = get(t, h, "/graphql?query=%7Bstats%7BtotalNodes%7D%7D")
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"totalNodes"`) {
		t.Errorf("GET /graphql without Accept: %d %s", w.Code, w.Body)
	}
}

package graph

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/andybalholm/brotli"
)

// HTTP caching and compression of GraphQL answers (HTTPCache).
//
// The graph is read-only and changes only when it is reloaded (a restart, or `load` into
// Neo4j), so a GET query's answer can be cached by browsers, CDNs and proxies:
//
//   - a successful GET answer (200 and no `errors`) gets Cache-Control: public, no-cache
//     (kept, but revalidated on every use, so a reload shows at once and a repeated query
//     costs a 304 without a body), or public with a max-age where the operator accepts
//     answers that old (--cache-max-age, for a CDN); and a strong ETag that is a hash of the answer itself (and its media type):
//     the graph version that made it needs no place of its own, since a reload that
//     changes an answer changes its ETag, and one that does not leaves the cached copy
//     right; and one answer has one ETag on every replica and across restarts;
//   - If-None-Match with that ETag is answered 304 Not Modified, without a body;
//   - every GET answer varies by Accept (application/json or
//     application/graphql-response+json for one URL), and by Accept-Encoding;
//   - an answer with errors, or any status but 200, gets Cache-Control: no-store, so that
//     a timeout or a busy server is never cached;
//   - answers of at least compressMinBytes are compressed, with brotli or gzip as the
//     client accepts (br preferred), POST answers too. A compressed representation has its
//     own ETag (the hash with "-br" or "-gzip"), as a strong ETag names one
//     representation; If-None-Match matches any representation of the same answer.
//
// CORS (rs/cors, in main) adds Vary: Origin itself when origins are configured.

// compressMinBytes is the smallest answer compressed: below it the headers and the
// encoder's framing cost more than they save.
const compressMinBytes = 1024

// HTTPCache wraps the GraphQL HTTP handler with caching headers for GET, 304 answers to
// If-None-Match, and compression. maxAge is how long a cache may use a GET answer without
// asking again; under a second: revalidate every time (no-cache).
func HTTPCache(next http.Handler, maxAge time.Duration) http.Handler {
	cacheControl := "public, no-cache"
	if maxAge >= time.Second {
		cacheControl = "public, max-age=" + strconv.Itoa(int(maxAge/time.Second))
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &bufferedResponse{ResponseWriter: w, status: http.StatusOK, buf: answerBuffers.Get().(*bytes.Buffer)}
		defer rec.release()
		next.ServeHTTP(rec, r)
		body := rec.buf.Bytes()
		h := w.Header()
		h.Add("Vary", "Accept-Encoding")
		encoding := ""
		if len(body) >= compressMinBytes {
			encoding = preferredEncoding(r.Header.Get("Accept-Encoding"))
		}
		if r.Method == http.MethodGet {
			h.Add("Vary", "Accept")
			if rec.status != http.StatusOK || answerHasErrors(body) {
				h.Set("Cache-Control", "no-store")
			} else {
				tag := answerTag(h.Get("Content-Type"), body)
				h.Set("ETag", etag(tag, encoding))
				h.Set("Cache-Control", cacheControl)
				if noneMatch(r.Header.Get("If-None-Match"), tag) {
					h.Del("Content-Length")
					w.WriteHeader(http.StatusNotModified)
					return
				}
			}
		}
		if encoding != "" {
			body = compress(body, encoding)
			h.Set("Content-Encoding", encoding)
		}
		h.Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(rec.status)
		_, _ = w.Write(body)
	})
}

// bufferedResponse holds an answer until it is complete, so that its ETag can be computed
// and it can be compressed in one piece. The transport writes an answer once, marshalled
// whole, so buffering costs no more memory than the answer already takes.
type bufferedResponse struct {
	http.ResponseWriter // headers go to the real writer; status and body wait here
	status              int
	wroteHeader         bool
	buf                 *bytes.Buffer // from answerBuffers
}

// answerBuffers holds the buffers of answers sent: a buffer grows by doubling to the size
// of its answer, which copied a 49 KB neighbourhood some ten times over (bytes allocated
// per answer are what sets the pace of the garbage collector, which marks the whole graph
// each cycle). Buffers of answers over maxPooledAnswer are left to the collector.
var answerBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

const maxPooledAnswer = 1 << 20

// release returns the buffer once the answer has been written.
func (b *bufferedResponse) release() {
	if b.buf.Cap() <= maxPooledAnswer {
		b.buf.Reset()
		answerBuffers.Put(b.buf)
	}
	b.buf = nil
}

func (b *bufferedResponse) WriteHeader(status int) {
	if !b.wroteHeader {
		b.status, b.wroteHeader = status, true
	}
}

func (b *bufferedResponse) Write(p []byte) (int, error) {
	b.wroteHeader = true
	return b.buf.Write(p)
}

// Unwrap lets http.ResponseController reach the connection (read deadlines).
func (b *bufferedResponse) Unwrap() http.ResponseWriter { return b.ResponseWriter }

// answerHasErrors reports whether a GraphQL answer has an `errors` entry. The transport
// writes errors first (gqlgen's Response and errorsOnly both put them first and omit them
// when empty), so a prefix test suffices.
func answerHasErrors(body []byte) bool {
	return bytes.HasPrefix(bytes.TrimLeft(body, " \t\r\n"), []byte(`{"errors"`))
}

// answerTag is the ETag value of an answer, without quotes: 128 bits of the SHA-256 of its
// media type and body (one answer as application/json and as
// application/graphql-response+json is two representations).
func answerTag(contentType string, body []byte) string {
	h := sha256.New()
	h.Write([]byte(contentType))
	h.Write([]byte{0})
	h.Write(body)
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil)[:16])
}

func etag(tag, encoding string) string {
	if encoding != "" {
		tag += "-" + encoding
	}
	return `"` + tag + `"`
}

// noneMatch reports whether an If-None-Match header names the answer with this tag, in
// any of its encodings (weak or strong, as a 304 for GET compares weakly).
func noneMatch(header, tag string) bool {
	for part := range strings.SplitSeq(header, ",") {
		v := strings.TrimPrefix(strings.TrimSpace(part), "W/")
		if v == "*" {
			return true
		}
		v = strings.Trim(v, `"`)
		v = strings.TrimSuffix(strings.TrimSuffix(v, "-gzip"), "-br")
		if v == tag {
			return true
		}
	}
	return false
}

// preferredEncoding picks br or gzip from an Accept-Encoding header (br when both are
// accepted with the same quality); "" for neither.
func preferredEncoding(header string) string {
	q := acceptedEncodings(header)
	switch {
	case q["br"] > 0 && q["br"] >= q["gzip"]:
		return "br"
	case q["gzip"] > 0:
		return "gzip"
	}
	return ""
}

// AcceptsGzip reports whether a request accepts a gzip-encoded answer.
func AcceptsGzip(r *http.Request) bool {
	return acceptedEncodings(r.Header.Get("Accept-Encoding"))["gzip"] > 0
}

// acceptedEncodings reads an Accept-Encoding header: each coding (lower case) with its
// quality, 1 when not given; a malformed quality counts as 0.
func acceptedEncodings(header string) map[string]float64 {
	out := map[string]float64{}
	for part := range strings.SplitSeq(header, ",") {
		enc, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if k, v, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.TrimSpace(k) == "q" {
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil {
				f = 0
			}
			q = f
		}
		out[strings.ToLower(strings.TrimSpace(enc))] = q
	}
	return out
}

// compress encodes an answer. At these levels a 127 KB answer of letter text becomes some
// 40 KB in 4–8 ms either way (BenchmarkCompressAnswer, 2 busy shared cores; BENCHMARKS.md);
// gzip's fastest level takes about half the time for 49 KB.
func compress(body []byte, encoding string) []byte {
	var buf bytes.Buffer
	buf.Grow(len(body) / 4)
	switch encoding {
	case "br":
		w := brotliWriters.Get().(*brotli.Writer)
		w.Reset(&buf)
		_, _ = w.Write(body)
		_ = w.Close()
		brotliWriters.Put(w)
	default:
		w := gzipWriters.Get().(*gzip.Writer)
		w.Reset(&buf)
		_, _ = w.Write(body)
		_ = w.Close()
		gzipWriters.Put(w)
	}
	return buf.Bytes()
}

// The encoders are pooled: a new one allocates its tables (0.8 MB for gzip, up to 10 MB
// for brotli on a large answer), more than compressing a list page costs.
var (
	gzipWriters = sync.Pool{New: func() any {
		w, _ := gzip.NewWriterLevel(nil, gzip.DefaultCompression)
		return w
	}}
	brotliWriters = sync.Pool{New: func() any { return brotli.NewWriterLevel(nil, 4) }}
)

package graph

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
)

// Media types of GraphQL responses (GraphQL over HTTP, "Media Types").
const (
	mediaJSON            = "application/json"
	mediaGraphQLResponse = "application/graphql-response+json"
)

// Error codes of requests refused before they reach GraphQL.
const (
	CodeBadRequest      = "BAD_REQUEST"       // not a GraphQL-over-HTTP request: bad JSON, parameters
	CodeRequestTooLarge = "REQUEST_TOO_LARGE" // the body is over the limit
	CodeMethod          = "METHOD_NOT_ALLOWED"
	CodeServerBusy      = "SERVER_BUSY" // too many requests in flight: 503 with Retry-After
)

// httpTransport serves GraphQL over HTTP, GET and POST, as the GraphQL-over-HTTP
// specification asks (scripts/audit.sh checks it with the graphql-http audits). It replaces
// gqlgen's GET and POST transports, which echo a malformed request body in their error
// message and answer 422 where the specification wants 200 or 400:
//
//   - The response media type follows Accept: application/graphql-response+json when the
//     client prefers it, otherwise application/json (also for */* and no Accept at all).
//   - A request that is not a well-formed GraphQL request — a body that is not a JSON
//     object, a missing or non-string query, variables or extensions that are not objects,
//     a POST without a JSON content type — is refused with 400 (415 for the content type,
//     413 for a body over the limit) and a fixed message that never repeats what was sent.
//   - A document that does not parse or validate, or is refused by a limit, is answered
//     with the GraphQL errors and no data: 400 for application/graphql-response+json, 200
//     for application/json.
//   - GET runs queries only; any other operation is refused with 405 and Allow: POST.
//     Methods other than GET, POST and OPTIONS are refused with 405 too.
type httpTransport struct {
	maxTokens int           // the parser's token limit, for telling a GET mutation from a bad document
	timeout   time.Duration // the time limit of a request, from its start; 0: none (but the request's own deadline)
	maxBytes  int64         // the most bytes an answer's data may have; 0: no limit
	inFlight  *inFlight     // nil: no bound
}

var _ graphql.Transport = httpTransport{}

// Supports implements graphql.Transport: every request but OPTIONS (transport.Options
// answers those) and protocol upgrades; methods other than GET and POST (HEAD too) get a
// 405 with Allow.
func (httpTransport) Supports(r *http.Request) bool {
	return r.Header.Get("Upgrade") == "" && r.Method != http.MethodOptions
}

// Do implements graphql.Transport.
func (t httpTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ctx, _, release := withGuard(r.Context(), t.timeout, t.maxBytes)
	defer release()
	media := responseMediaType(r.Header.Get("Accept"))
	w.Header()["Content-Type"] = contentType(media)

	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		w.Header().Set("Allow", "GET, POST, OPTIONS")
		writeRequestError(w, http.StatusMethodNotAllowed, "use GET or POST")
		return
	}
	// The slot covers reading, decoding and validating the request too: a megabyte of
	// variables decodes to many times that in memory.
	if !t.inFlight.acquire(ctx) {
		w.Header().Set("Retry-After", "1")
		w.WriteHeader(http.StatusServiceUnavailable)
		writeJSON(w, errorsOnly{Errors: gqlerror.List{{Message: "too many requests in flight: retry after a second",
			Extensions: map[string]any{"code": CodeServerBusy}}}})
		return
	}
	held := true
	defer func() {
		if held {
			t.inFlight.release()
		}
	}()
	start := graphql.Now()
	var params *graphql.RawParams
	var status int
	var msg string
	if r.Method == http.MethodGet {
		params, status, msg = getParams(r)
	} else {
		// A body sent slowly is not waited for past the deadline either; not every writer
		// can set it (tests), and the server's ReadTimeout is the backstop.
		if dl, ok := ctx.Deadline(); ok {
			_ = http.NewResponseController(w).SetReadDeadline(dl)
		}
		params, status, msg = postParams(r)
	}
	if params == nil {
		writeRequestError(w, status, msg)
		return
	}
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}

	opCtx, errs := exec.CreateOperationContext(ctx, params)
	if errs != nil {
		status := http.StatusOK
		if media == mediaGraphQLResponse {
			status = http.StatusBadRequest
		}
		if r.Method == http.MethodGet && !onlyQueries(params.Query, params.OperationName, t.maxTokens) {
			w.Header().Set("Allow", http.MethodPost)
			writeRequestError(w, http.StatusMethodNotAllowed, "GET runs queries only; send other operations with POST")
			return
		}
		resp := exec.DispatchError(graphql.WithOperationContext(ctx, opCtx), errs)
		w.WriteHeader(status)
		writeJSON(w, errorsOnly{Errors: resp.Errors, Extensions: resp.Extensions})
		return
	}
	if r.Method == http.MethodGet && opCtx.Operation != nil && opCtx.Operation.Operation != ast.Query {
		w.Header().Set("Allow", http.MethodPost)
		writeRequestError(w, http.StatusMethodNotAllowed, "GET runs queries only; send other operations with POST")
		return
	}
	responses, ctx := exec.DispatchOperation(ctx, opCtx)
	held = false // the execution releases the slot when it ends, which can be after the answer
	resp, stopped := runGuarded(ctx, responses, Recover, t.inFlight.release)
	if !stopped {
		writeResponse(w, resp)
		recycleAnswerData(resp.Data) // written: the writer keeps no reference to it
		return
	}
	if media == mediaGraphQLResponse {
		w.WriteHeader(stoppedStatus(resp))
	}
	writeJSON(w, errorsOnly{Errors: resp.Errors})
}

// The Content-Type values of answers, shared by all of them rather than made for each: a
// value of one element, to which an Add elsewhere would append in a copy.
var (
	contentTypeJSON            = []string{mediaJSON + "; charset=utf-8"}
	contentTypeGraphQLResponse = []string{mediaGraphQLResponse + "; charset=utf-8"}
)

// contentType is the Content-Type header of an answer of media type media.
func contentType(media string) []string {
	if media == mediaGraphQLResponse {
		return contentTypeGraphQLResponse
	}
	return contentTypeJSON
}

// errorsOnly is the response to a request that did not execute: errors and no data entry.
type errorsOnly struct {
	Errors     gqlerror.List  `json:"errors"`
	Extensions map[string]any `json:"extensions,omitempty"`
}

// writeRequestError answers a request that is not a GraphQL request at all.
func writeRequestError(w http.ResponseWriter, status int, msg string) {
	code := CodeBadRequest
	switch status {
	case http.StatusRequestEntityTooLarge:
		code = CodeRequestTooLarge
	case http.StatusMethodNotAllowed:
		code = CodeMethod
	case http.StatusRequestTimeout:
		code = CodeTimeout
	}
	w.WriteHeader(status)
	writeJSON(w, errorsOnly{Errors: gqlerror.List{{Message: msg, Extensions: map[string]any{"code": code}}}})
}

func writeJSON(w io.Writer, v any) {
	b, err := json.Marshal(v)
	if err != nil { // only our own types and gqlgen's responses are written
		b = []byte(`{"errors":[{"message":"internal error","extensions":{"code":"` + CodeInternal + `"}}]}`)
	}
	_, _ = w.Write(b)
}

// writeResponse writes an executed operation's answer: the bytes json.Marshal makes of it
// (TestWriteResponseIsJSONMarshal), without json.Marshal's second pass over the data, which
// gqlgen has already written as compact JSON. json.Marshal would validate and compact the
// data again, which cost 6–13 % of the CPU of an answer of a few kilobytes
// (BenchmarkQuery); what it would change in compact JSON, the HTML escapes of < > & and
// U+2028/U+2029, is done here when the data holds them.
func writeResponse(w io.Writer, resp *graphql.Response) {
	if resp.Label != "" || resp.Path != nil || resp.HasNext != nil { // incremental delivery: not served here
		writeJSON(w, resp)
		return
	}
	var head []byte
	if len(resp.Errors) > 0 {
		errs, err := json.Marshal(resp.Errors)
		if err != nil {
			writeJSON(w, resp) // the same internal error json.Marshal would end in
			return
		}
		head = append(append(append(head, `{"errors":`...), errs...), `,"data":`...)
	} else {
		head = []byte(`{"data":`)
	}
	var tail []byte
	if len(resp.Extensions) > 0 {
		ext, err := json.Marshal(resp.Extensions)
		if err != nil {
			writeJSON(w, resp)
			return
		}
		tail = append([]byte(`,"extensions":`), ext...)
	}
	tail = append(tail, '}')
	_, _ = w.Write(head)
	switch {
	case resp.Data == nil:
		_, _ = w.Write([]byte("null"))
	case needsHTMLEscape(resp.Data):
		var buf bytes.Buffer
		json.HTMLEscape(&buf, resp.Data)
		_, _ = w.Write(buf.Bytes())
	default:
		_, _ = w.Write(resp.Data)
	}
	_, _ = w.Write(tail)
}

// needsHTMLEscape reports whether JSON holds a byte sequence json.HTMLEscape would change:
// < > &, U+2028 or U+2029. A scan for each byte the sequences start with, rather than one
// loop over every byte, runs at the speed of memchr: a neighbourhood's answer is 54 KB,
// and the loop was 8 % of its CPU. Other characters that begin with 0xe2 (– ’ € …) are
// common in Dutch titles and are left as they are, as json.HTMLEscape leaves them.
func needsHTMLEscape(b []byte) bool {
	if bytes.IndexByte(b, '<') >= 0 || bytes.IndexByte(b, '>') >= 0 || bytes.IndexByte(b, '&') >= 0 {
		return true
	}
	for rest := b; ; {
		i := bytes.IndexByte(rest, 0xe2)
		if i < 0 {
			return false
		}
		if i+2 < len(rest) && rest[i+1] == 0x80 && rest[i+2]&^1 == 0xa8 {
			return true
		}
		rest = rest[i+1:]
	}
}

// responseMediaType picks the response media type from an Accept header: the supported type
// with the highest quality, application/graphql-response+json winning a tie with an equal
// application/json only if it comes first; application/json when the header is empty or
// names nothing supported (*/* and application/* mean application/json).
func responseMediaType(accept string) string {
	switch accept {
	case "", mediaJSON, "*/*": // most clients' (parsing them made a map of parameters)
		return mediaJSON
	case mediaGraphQLResponse:
		return mediaGraphQLResponse
	}
	best, bestQ := mediaJSON, -1.0
	for part := range strings.SplitSeq(accept, ",") {
		mt, ps, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if v, ok := ps["q"]; ok {
			if q, err = strconv.ParseFloat(v, 64); err != nil {
				continue
			}
		}
		var m string
		switch mt {
		case mediaGraphQLResponse:
			m = mediaGraphQLResponse
		case mediaJSON, "application/*", "*/*":
			m = mediaJSON
		default:
			continue
		}
		if q > bestQ && q > 0 {
			best, bestQ = m, q
		}
	}
	return best
}

// getParams reads a GET request's query string.
func getParams(r *http.Request) (*graphql.RawParams, int, string) {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, http.StatusBadRequest, "the query string is not valid URL encoding"
	}
	p := &graphql.RawParams{Query: q.Get("query"), OperationName: q.Get("operationName")}
	if v := q.Get("variables"); v != "" {
		if p.Variables, err = decodeObject([]byte(v)); err != nil {
			return nil, http.StatusBadRequest, "variables must be a JSON object"
		}
	}
	if v := q.Get("extensions"); v != "" {
		if p.Extensions, err = decodeObject([]byte(v)); err != nil {
			return nil, http.StatusBadRequest, "extensions must be a JSON object"
		}
	}
	if !q.Has("query") && p.Extensions["persistedQuery"] == nil {
		return nil, http.StatusBadRequest, "the query parameter is missing"
	}
	return p, 0, ""
}

// postParams reads a POST request's JSON body.
func postParams(r *http.Request) (*graphql.RawParams, int, string) {
	if ct := r.Header.Get("Content-Type"); ct != mediaJSON { // the usual one needs no parsing
		mt, ps, err := mime.ParseMediaType(ct)
		if err != nil || mt != mediaJSON {
			return nil, http.StatusUnsupportedMediaType, "POST a JSON body with Content-Type: application/json"
		}
		if cs, ok := ps["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
			return nil, http.StatusUnsupportedMediaType, "the request body must be UTF-8"
		}
	}
	if r.Body == nil {
		return nil, http.StatusBadRequest, "the request body is empty"
	}
	p, hasQuery, wrong, err := decodeBody(r.Body)
	if err != nil {
		status, msg := bodyError(err)
		return nil, status, msg
	}
	switch wrong {
	case "query", "operationName":
		return nil, http.StatusBadRequest, wrong + " must be a string"
	case "variables", "extensions":
		return nil, http.StatusBadRequest, wrong + " must be a JSON object"
	}
	if !hasQuery && p.Extensions["persistedQuery"] == nil {
		return nil, http.StatusBadRequest, "the query parameter is missing"
	}
	return p, 0, ""
}

// bodyError is the status and message for a POST body that could not be read or decoded.
func bodyError(err error) (int, string) {
	if _, tooLarge := errors.AsType[*http.MaxBytesError](err); tooLarge {
		return http.StatusRequestEntityTooLarge, "request body too large"
	}
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return http.StatusRequestTimeout, "request timed out: the body did not arrive in time"
	}
	if err == io.EOF {
		return http.StatusBadRequest, "the request body is empty"
	}
	if err == errNotObject {
		return http.StatusBadRequest, "the request body must be a JSON object"
	}
	if _, syntax := errors.AsType[*jsontext.SyntacticError](err); syntax || errors.Is(err, io.ErrUnexpectedEOF) || err == errTrailingData {
		return http.StatusBadRequest, "the request body is not valid JSON"
	}
	return http.StatusBadRequest, "the request body could not be read"
}

// onlyQueries reports whether the operation a GET request would run is a query (or the
// document does not parse, so that the parse error is what the client sees).
func onlyQueries(query, operationName string, maxTokens int) bool {
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: query}, maxTokens)
	if err != nil {
		return true
	}
	ops := doc.Operations
	if operationName != "" {
		if op := ops.ForName(operationName); op != nil {
			return op.Operation == ast.Query
		}
		return true
	}
	return !slices.ContainsFunc(ops, func(op *ast.OperationDefinition) bool { return op.Operation != ast.Query })
}

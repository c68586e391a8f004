package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"runtime/debug"
	"strings"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"beleidsgraaf/graph/model"
	"beleidsgraaf/store"
)

// Error codes in the `extensions.code` of GraphQL errors.
const (
	CodeBadUserInput          = "BAD_USER_INPUT"
	CodeBadCursor             = "BAD_CURSOR"
	CodeStoreUnavailable      = "STORE_UNAVAILABLE"
	CodeTimeout               = "TIMEOUT"
	CodeInternal              = "INTERNAL_SERVER_ERROR"
	CodeDepthLimit            = "DEPTH_LIMIT_EXCEEDED"
	CodeComplexityLimit       = "COMPLEXITY_LIMIT_EXCEEDED" // as gqlgen's complexity extension says it
	CodeIntrospectionDisabled = "INTROSPECTION_DISABLED"
)

// inputErrorf makes an error about the client's arguments; its message is shown as it is.
func inputErrorf(format string, args ...any) error {
	return &model.InputError{Msg: fmt.Sprintf(format, args...)}
}

// NewErrorPresenter returns the handler's error presenter: PresentError, and, unless
// suggestions are on, without the "Did you mean …?" hints of validation errors, which
// would reveal the schema's field, argument and type names when introspection is off.
func NewErrorPresenter(suggestions bool) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := PresentError(ctx, err)
		if !suggestions {
			gqlErr.Message = withoutSuggestions(gqlErr.Message)
		}
		return gqlErr
	}
}

// suggestion matches the hints gqlparser's validation appends to a message.
var suggestion = regexp.MustCompile(` Did you mean [^\n]*\?$`)

func withoutSuggestions(msg string) string { return suggestion.ReplaceAllString(msg, "") }

// PresentError turns a resolver error into what the client sees. Client mistakes
// (arguments, cursors, queries the store refuses) keep their message; an unreachable store
// says "store unavailable"; everything else is logged (with the operation's name and the
// field's path, never the query text or variables) and shown as "internal error", so no
// internal detail ever leaks. gqlgen's own messages that would repeat a request body are
// replaced too.
func PresentError(ctx context.Context, err error) *gqlerror.Error {
	gqlErr := graphql.DefaultErrorPresenter(ctx, err)
	var inErr *model.InputError
	switch {
	case errors.Is(err, store.ErrBadCursor):
		gqlErr.Message = "invalid cursor: pass a cursor this API returned for the same list and order"
		setCode(gqlErr, CodeBadCursor)
	case errors.As(err, &inErr):
		gqlErr.Message = inErr.Msg
		setCode(gqlErr, CodeBadUserInput)
	case errors.Is(err, store.ErrInvalidQuery):
		gqlErr.Message = cause(err).Error()
		setCode(gqlErr, CodeBadUserInput)
	case errors.Is(err, store.ErrUnavailable):
		slog.ErrorContext(ctx, "store unavailable", "operation", operationName(ctx), "path", gqlErr.Path.String(), "err", err)
		gqlErr.Message = "store unavailable"
		setCode(gqlErr, CodeStoreUnavailable)
	case errors.Is(err, errTooLarge), errors.Is(err, errTooDear):
		// Fields stopped by the guard; the transport answers with one error instead.
		gqlErr.Message = err.Error()
		setCode(gqlErr, CodeResponseTooLarge)
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, errTimeout):
		gqlErr.Message = "request timed out"
		setCode(gqlErr, CodeTimeout)
	case errors.Is(err, context.Canceled):
		gqlErr.Message = "request cancelled"
		setCode(gqlErr, CodeTimeout)
	case isClientError(err) && echoesRequest(gqlErr.Message):
		// gqlgen's transports put the request body into some messages; httpTransport
		// answers those requests itself, this is the safety net.
		gqlErr.Message = "the request body is not a valid GraphQL request"
		gqlErr.Extensions = nil
		gqlErr.Locations = nil
		setCode(gqlErr, CodeBadRequest)
	case isClientError(err):
		// Parsing, validation, argument coercion and limit errors made by gqlgen itself;
		// they quote names from the document, which can be as long as the body.
		gqlErr.Message = shortenQuoted(gqlErr.Message)
	default:
		slog.ErrorContext(ctx, "graphql resolver error", "operation", operationName(ctx), "path", gqlErr.Path.String(), "err", err)
		gqlErr.Message = "internal error"
		gqlErr.Extensions = nil
		setCode(gqlErr, CodeInternal)
	}
	return gqlErr
}

// longQuoted matches a quoted name or value of more than 64 bytes in a message.
var longQuoted = regexp.MustCompile(`"[^"]{65,}"`)

// shortenQuoted cuts what a message quotes to 64 bytes (at a rune boundary) and an ellipsis.
func shortenQuoted(msg string) string {
	if len(msg) < 100 {
		return msg
	}
	return longQuoted.ReplaceAllStringFunc(msg, func(q string) string {
		cut := 65
		for cut > 1 && !utf8.RuneStart(q[cut]) {
			cut--
		}
		return q[:cut] + `…"`
	})
}

// echoesRequest reports whether a gqlgen message repeats (part of) the request.
func echoesRequest(msg string) bool {
	for _, p := range []string{"json request body could not be decoded", "could not read request body", "unable to get Request Body"} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// operationName is the name of the operation being run, "" when it has none or there is
// no operation (yet).
func operationName(ctx context.Context) string {
	if !graphql.HasOperationContext(ctx) {
		return ""
	}
	return graphql.GetOperationContext(ctx).OperationName
}

// cause is the error a resolver returned, without gqlgen's wrapping (which adds the
// position and path that the response carries anyway).
func cause(err error) error {
	var gqlErr *gqlerror.Error
	for errors.As(err, &gqlErr) && gqlErr.Err != nil {
		err = gqlErr.Err
	}
	return err
}

// isClientError reports whether err is a gqlerror made by gqlgen about the request (not
// wrapping an error of ours).
func isClientError(err error) bool {
	var gqlErr *gqlerror.Error
	if !errors.As(err, &gqlErr) {
		return false
	}
	return gqlErr.Unwrap() == nil || isClientErrorInner(gqlErr.Unwrap())
}

func isClientErrorInner(err error) bool {
	var gqlErr *gqlerror.Error
	return errors.As(err, &gqlErr) && gqlErr.Unwrap() == nil
}

func setCode(e *gqlerror.Error, code string) {
	if e.Extensions == nil {
		e.Extensions = map[string]any{}
	}
	e.Extensions["code"] = code
}

// Recover turns a panic in a resolver into an internal error after logging it, with the
// operation's name and the field's path.
func Recover(ctx context.Context, p any) error {
	slog.ErrorContext(ctx, "panic in graphql resolver", "operation", operationName(ctx), "path", graphql.GetPath(ctx).String(),
		"panic", fmt.Sprint(p), "stack", string(debug.Stack()))
	return errors.New("internal error")
}

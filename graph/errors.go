package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"beleidsgraaf/graph/model"
	"beleidsgraaf/store"
)

// Error codes in the `extensions.code` of GraphQL errors.
const (
	CodeBadUserInput     = "BAD_USER_INPUT"
	CodeBadCursor        = "BAD_CURSOR"
	CodeStoreUnavailable = "STORE_UNAVAILABLE"
	CodeTimeout          = "TIMEOUT"
	CodeInternal         = "INTERNAL_SERVER_ERROR"
	CodeDepthLimit       = "DEPTH_LIMIT_EXCEEDED"
)

// inputErrorf makes an error about the client's arguments; its message is shown as it is.
func inputErrorf(format string, args ...any) error {
	return &model.InputError{Msg: fmt.Sprintf(format, args...)}
}

// PresentError turns a resolver error into what the client sees. Client mistakes
// (arguments, cursors, queries the store refuses) keep their message; an unreachable store
// says "store unavailable"; everything else is logged and shown as "internal error", so no
// internal detail ever leaks.
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
		slog.ErrorContext(ctx, "store unavailable", "path", gqlErr.Path.String(), "err", err)
		gqlErr.Message = "store unavailable"
		setCode(gqlErr, CodeStoreUnavailable)
	case errors.Is(err, context.DeadlineExceeded):
		gqlErr.Message = "request timed out"
		setCode(gqlErr, CodeTimeout)
	case errors.Is(err, context.Canceled):
		gqlErr.Message = "request cancelled"
		setCode(gqlErr, CodeTimeout)
	case isClientError(err):
		// Parsing, validation, argument coercion and limit errors made by gqlgen itself.
	default:
		slog.ErrorContext(ctx, "graphql resolver error", "path", gqlErr.Path.String(), "err", err)
		gqlErr.Message = "internal error"
		gqlErr.Extensions = nil
		setCode(gqlErr, CodeInternal)
	}
	return gqlErr
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

// Recover turns a panic in a resolver into an internal error after logging it.
func Recover(ctx context.Context, p any) error {
	slog.ErrorContext(ctx, "panic in graphql resolver", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
	return errors.New("internal error")
}

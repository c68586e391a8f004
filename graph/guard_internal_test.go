package graph

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestGuardStoppedAsTheFieldsContext: the guard answers whether a field's operation was
// stopped, and why, as the field's own context does, many contexts below the operation's,
// whoever stopped it: the client leaving, the deadline, the guard's own limits.
func TestGuardStoppedAsTheFieldsContext(t *testing.T) {
	type key int
	below := func(ctx context.Context) context.Context {
		for i := range 12 {
			ctx = context.WithValue(ctx, key(i), i)
		}
		return ctx
	}
	tests := []struct {
		name    string
		timeout time.Duration
		stop    func(leave context.CancelFunc, g *guard)
		want    error
	}{
		{"running", 0, func(context.CancelFunc, *guard) {}, nil},
		{"the client left", 0, func(leave context.CancelFunc, _ *guard) { leave() }, context.Canceled},
		{"the deadline passed", time.Nanosecond, func(_ context.CancelFunc, g *guard) { <-g.stop.Done() }, errTimeout},
		{"the answer grew too large", 0, func(_ context.CancelFunc, g *guard) { g.cancel(errTooLarge) }, errTooLarge},
		{"too dear", time.Hour, func(_ context.CancelFunc, g *guard) { g.cancel(errTooDear) }, errTooDear},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent, leave := context.WithCancel(context.Background())
			defer leave()
			ctx, g, release := withGuard(parent, tt.timeout, 0)
			defer release()
			field := below(ctx)
			tt.stop(leave, g)
			got := g.stopped(field)
			if !errors.Is(got, tt.want) || (got == nil) != (tt.want == nil) {
				t.Errorf("stopped = %v, want %v", got, tt.want)
			}
			if (got == nil) != (field.Err() == nil) || got != nil && got != context.Cause(field) {
				t.Errorf("stopped = %v; the field's context: %v, %v", got, field.Err(), context.Cause(field))
			}
			bare := &guard{cancel: func(error) {}} // no stop: the field's context answers
			if got := bare.stopped(field); (got == nil) != (tt.want == nil) {
				t.Errorf("without stop: %v, want %v", got, tt.want)
			}
		})
	}
}

package graph

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestGuardStoppedAsTheFieldsContext: the guard answers whether a field's operation was
// stopped as the field's own context does, many contexts below the operation's, and why,
// as stopErr tells the client: whoever stopped it first, the client leaving, the deadline
// or one of the guard's own limits.
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
		{"too large, then too dear", 0, func(_ context.CancelFunc, g *guard) { g.cancel(errTooLarge); g.cancel(errTooDear) }, errTooLarge},
		{"the client left, then the answer grew too large", 0, func(leave context.CancelFunc, g *guard) { leave(); g.cancel(errTooLarge) }, context.Canceled},
		{"the deadline passed, then too dear", time.Nanosecond, func(_ context.CancelFunc, g *guard) { <-g.stop.Done(); g.cancel(errTooDear) }, errTimeout},
	}
	wantCode := map[error]string{errTimeout: CodeTimeout, context.Canceled: CodeTimeout,
		errTooLarge: CodeResponseTooLarge, errTooDear: CodeComplexityLimit}
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
			if (got == nil) != (field.Err() == nil) {
				t.Errorf("stopped = %v; the field's context: %v", got, field.Err())
			}
			if err := stopErr(field); (err == nil) != (tt.want == nil) || err != nil && err.Extensions["code"] != wantCode[tt.want] {
				t.Errorf("stopErr = %v, want the code of %v", err, tt.want)
			}
			bare := &guard{} // no stop: the field's context answers
			if got := bare.stopped(field); (got == nil) != (tt.want == nil) {
				t.Errorf("without stop: %v, want %v", got, tt.want)
			}
		})
	}
}

// TestTallyCountsAsFieldByField: fields passed to the guard together, tallied, add the
// bytes and cost they add one by one, and stop the operation at the same limits.
func TestTallyCountsAsFieldByField(t *testing.T) {
	type field struct {
		alias string
		size  int64
	}
	cases := []struct {
		name   string
		fields []field
	}{
		{"none", nil},
		{"one", []field{{"name", 22}}},
		{"an edge", []field{{"id", 61}, {"type", 8}, {"from", 24}, {"to", 31}}},
		{"long texts and aliases", []field{{"a", 4000}, {"bb", costUnit - 1}, {"c", costUnit}, {"d", 3*costUnit + 1}}},
		{"nulls", []field{{"x", 4}, {"y", 4}}},
	}
	for _, c := range cases {
		byField := &guard{maxBytes: 1 << 40, maxCost: 1 << 40}
		together := &guard{maxBytes: 1 << 40, maxCost: 1 << 40}
		var tally fieldsTally
		var wantBytes, wantCost int64 // "key":value and its punctuation; 1 a field and a unit of text
		for _, f := range c.fields {
			wantBytes += 8 + int64(len(f.alias)) + f.size
			wantCost += 1 + f.size/costUnit
			if err := byField.count(f.alias, f.size); err != nil {
				t.Fatalf("%s: count: %v", c.name, err)
			}
			tally.add(f.alias, f.size)
		}
		if err := together.countTally(tally); err != nil {
			t.Fatalf("%s: countTally: %v", c.name, err)
		}
		if tally.bytes != wantBytes || tally.cost != wantCost {
			t.Errorf("%s: tallied %d bytes, cost %d; want %d, %d", c.name, tally.bytes, tally.cost, wantBytes, wantCost)
		}
		if b, tb := byField.bytes.Load(), together.bytes.Load(); b != tb {
			t.Errorf("%s: bytes %d field by field, %d tallied", c.name, b, tb)
		}
		if k, tk := byField.cost.Load(), together.cost.Load(); k != tk {
			t.Errorf("%s: cost %d field by field, %d tallied", c.name, k, tk)
		}
		// Limits just below what the fields add stop both ways, with the same cause.
		if b := byField.bytes.Load(); b > 0 {
			for _, lim := range []struct {
				name string
				g    func() *guard
				want error
			}{
				{"bytes", func() *guard { return &guard{maxBytes: b - 1} }, errTooLarge},
				{"cost", func() *guard { return &guard{maxCost: byField.cost.Load() - 1} }, errTooDear},
			} {
				g := lim.g()
				if g.maxBytes == 0 && g.maxCost == 0 { // 0 is no limit
					continue
				}
				var stopped error
				for _, f := range c.fields {
					if err := g.count(f.alias, f.size); err != nil {
						stopped = err
					}
				}
				if got := lim.g().countTally(tally); got != lim.want || stopped != lim.want {
					t.Errorf("%s, limit on %s: tallied %v, field by field %v; want %v", c.name, lim.name, got, stopped, lim.want)
				}
			}
		}
	}
}

package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"unsafe"
	"weak"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// memoOperation parses and validates q against the schema, as the executor gets it.
func memoOperation(t *testing.T, q string, vars map[string]any) *graphql.OperationContext {
	t.Helper()
	doc, errs := gqlparser.LoadQueryWithRules(NewExecutableSchema(Config{Resolvers: &Resolver{}}).Schema(), q, nil)
	if errs != nil {
		t.Fatal(errs)
	}
	return &graphql.OperationContext{Doc: doc, Operation: doc.Operations[0], Variables: vars}
}

// names are the names of collected fields.
func names(fs []graphql.CollectedField) (out []string) {
	for _, f := range fs {
		out = append(out, f.Name)
	}
	return out
}

func TestMemoCollectsASelectionOncePerTypeNames(t *testing.T) {
	op := memoOperation(t, `{ motions { edges { node { name ... on Node { id } ... on Motion { citation } } } } }`, nil)
	node := op.Operation.SelectionSet[0].(*ast.Field).SelectionSet[0].(*ast.Field).SelectionSet[0].(*ast.Field)
	// A memo of its own, and one shared with the other operations of the document.
	for _, m := range []*operationMemo{newOperationMemo(nil), newOperationMemo(op.Doc)} {
		motion := m.collect(op, node.SelectionSet, []string{"Motion", "Node"})
		if got, want := names(motion), names(graphql.CollectFields(op, node.SelectionSet, []string{"Motion", "Node"})); !slices.Equal(got, want) || len(got) != 3 {
			t.Fatalf("collected %v, want %v", got, want)
		}
		if again := m.collect(op, node.SelectionSet, []string{"Motion", "Node"}); &again[0] != &motion[0] {
			t.Error("the same selection and type names were collected twice")
		}
		// Other type names are another collection, even where the names' bytes run alike.
		if got := names(m.collect(op, node.SelectionSet, []string{"Mo", "tionNode"})); !slices.Equal(got, []string{"name"}) {
			t.Errorf("for unrelated types collected %v, want [name]", got)
		}
		if got := names(m.collect(op, node.SelectionSet, []string{"Node"})); !slices.Equal(got, []string{"name", "id"}) {
			t.Errorf("for Node collected %v, want [name id]", got)
		}
	}
	var none *operationMemo // outside NewHandler
	if got := names(none.collect(op, node.SelectionSet, []string{"Motion"})); !slices.Equal(got, []string{"name", "citation"}) {
		t.Errorf("without a memo collected %v", got)
	}
}

// Under a field scope an object's fields are those the memo collects, whichever selection
// set and type names come after which: the scope keeps only the last.
func TestCollectInAScopeIsCollect(t *testing.T) {
	op := memoOperation(t, `{ motions { edges { node { name ... on Node { id } ... on Motion { citation } } } } }`, nil)
	edges := op.Operation.SelectionSet[0].(*ast.Field).SelectionSet[0].(*ast.Field)
	node := edges.SelectionSet[0].(*ast.Field)
	motion := []string{"Motion", "Node"}
	for _, m := range []*operationMemo{nil, newOperationMemo(nil), newOperationMemo(op.Doc)} {
		for _, ctx := range []context.Context{context.Background(), &fieldScope{Context: context.Background()}} {
			for i, c := range []struct {
				sel       ast.SelectionSet
				satisfies []string
			}{
				{node.SelectionSet, motion},
				{node.SelectionSet, motion},
				{node.SelectionSet, []string{"Motion", "Node"}}, // equal names in another slice
				{node.SelectionSet, []string{"Node"}},
				{node.SelectionSet, []string{"Mo", "tionNode"}},
				{edges.SelectionSet, []string{"MotionEdge"}},
				{node.SelectionSet, motion},
				{nil, motion},
			} {
				got, want := names(m.collectIn(ctx, op, c.sel, c.satisfies)), names(graphql.CollectFields(op, c.sel, c.satisfies))
				if !slices.Equal(got, want) {
					t.Errorf("memo %v, %T, collection %d: %v, want %v", m != nil, ctx, i, got, want)
				}
			}
		}
	}
}

// Operations of a document without directives share its collected fields, whatever their
// variables; those of a document with @skip, @include or @defer anywhere collect their
// own. A document that is gone takes its memo with it.
func TestDocumentMemo(t *testing.T) {
	nodeOf := func(op *graphql.OperationContext) *ast.Field {
		return op.Operation.SelectionSet[0].(*ast.Field).SelectionSet[0].(*ast.Field).SelectionSet[0].(*ast.Field)
	}
	plain := memoOperation(t, `query($n: Int) { motions(first: $n) { edges { node { name ...F } } } } fragment F on Motion { citation }`, nil)
	a, b := newOperationMemo(plain.Doc), newOperationMemo(plain.Doc)
	if a.doc == nil || a.doc != b.doc {
		t.Fatal("two operations of a document without directives do not share its memo")
	}
	opA := &graphql.OperationContext{Doc: plain.Doc, Operation: plain.Operation, Variables: map[string]any{"n": 1}}
	opB := &graphql.OperationContext{Doc: plain.Doc, Operation: plain.Operation, Variables: map[string]any{"n": 2}}
	fa := a.collect(opA, nodeOf(plain).SelectionSet, []string{"Motion", "Node"})
	fb := b.collect(opB, nodeOf(plain).SelectionSet, []string{"Motion", "Node"})
	if !slices.Equal(names(fa), []string{"name", "citation"}) || &fa[0] != &fb[0] {
		t.Errorf("collected %v and %v, once for both operations", names(fa), names(fb))
	}

	for _, q := range []string{
		`query($x: Boolean!) { motions { edges { node { name citation @include(if: $x) } } } }`,
		`query($x: Boolean!) { motions { edges { node { name ... on Motion @skip(if: $x) { citation } } } } }`,
		`query($x: Boolean!) { motions { edges { node { name ...F } } } } fragment F on Motion { citation @include(if: $x) }`,
		`query($x: Boolean!) { motions { edges { node { name ...F @include(if: $x) } } } } fragment F on Motion { citation }`,
	} {
		skips := strings.Contains(q, "@skip")
		directed := memoOperation(t, q, nil)
		if newOperationMemo(directed.Doc).doc != nil {
			t.Errorf("%s: operations share the memo of a document with directives", q)
		}
		for _, x := range []bool{true, false} {
			op := &graphql.OperationContext{Doc: directed.Doc, Operation: directed.Operation, Variables: map[string]any{"x": x}}
			want := []string{"name"}
			if x != skips {
				want = append(want, "citation")
			}
			if got := names(newOperationMemo(directed.Doc).collect(op, nodeOf(directed).SelectionSet, []string{"Motion", "Node"})); !slices.Equal(got, want) {
				t.Errorf("%s with x %v: collected %v, want %v", q, x, got, want)
			}
		}
	}

	key := func() weak.Pointer[ast.QueryDocument] {
		op := memoOperation(t, `{ stats { totalNodes } }`, nil)
		m := newOperationMemo(op.Doc)
		m.collect(op, op.Operation.SelectionSet, []string{"Query"})
		stats := op.Operation.SelectionSet[0].(*ast.Field)
		fc := &graphql.FieldContext{Object: "Query", Field: graphql.CollectedField{Field: stats}}
		if _, err := m.fieldArgs(context.Background(), op, fc, func(context.Context, map[string]any) (map[string]any, error) { return map[string]any{}, nil }); err != nil {
			t.Fatal(err)
		}
		return weak.Make(op.Doc)
	}()
	for i := 0; ; i++ {
		runtime.GC()
		if _, held := documentMemos.Load(key); !held {
			break
		}
		if i == 100 {
			t.Fatal("the memo of a document that is gone is still held")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestMemoParsesArgumentsOncePerFieldAndType(t *testing.T) {
	op := memoOperation(t, `query($n: Int) { motions(first: $n) { totalCount } }`, map[string]any{"n": 3})
	field := graphql.CollectedField{Field: op.Operation.SelectionSet[0].(*ast.Field)}
	parses := 0
	parse := func(_ context.Context, raw map[string]any) (map[string]any, error) {
		parses++
		return map[string]any{"first": raw["first"]}, nil
	}
	m := newOperationMemo(nil)
	for range 3 {
		args, err := m.fieldArgs(context.Background(), op, &graphql.FieldContext{Object: "Query", Field: field}, parse)
		if err != nil || args["first"] != 3 {
			t.Fatalf("args %v, %v; want first 3 from the variable", args, err)
		}
	}
	if parses != 1 {
		t.Errorf("parsed %d times, want once", parses)
	}
	// The same field on another type (through an interface) has that type's arguments.
	if _, err := m.fieldArgs(context.Background(), op, &graphql.FieldContext{Object: "Other", Field: field}, parse); err != nil || parses != 2 {
		t.Errorf("on another type: %v, %d parses; want a parse of its own", err, parses)
	}
	// An error is each object's own (it carries the object's path): never kept.
	failures := 0
	fail := func(context.Context, map[string]any) (map[string]any, error) {
		failures++
		return nil, errors.New("bad")
	}
	for range 2 {
		if _, err := m.fieldArgs(context.Background(), op, &graphql.FieldContext{Object: "Failing", Field: field}, fail); err == nil {
			t.Fatal("the error was lost")
		}
	}
	if failures != 2 {
		t.Errorf("a failed parse was kept: %d parses for 2 asks", failures)
	}
	var none *operationMemo
	if args, err := none.fieldArgs(context.Background(), op, &graphql.FieldContext{Object: "Query", Field: field}, parse); err != nil || args["first"] != 3 || parses != 3 {
		t.Errorf("without a memo: %v, %v, %d parses", args, err, parses)
	}
}

// Operations of one document share the arguments of a field that names no variable, and
// parse their own where it names one.
func TestDocumentMemoSharesArgumentsWithoutVariables(t *testing.T) {
	doc := memoOperation(t, `query($n: Int) { a: motions(first: 2) { totalCount } b: motions(first: $n) { totalCount } }`, nil).Doc
	fields := doc.Operations[0].SelectionSet
	parses := 0
	parse := func(_ context.Context, raw map[string]any) (map[string]any, error) {
		parses++
		return map[string]any{"first": raw["first"]}, nil
	}
	args := func(n int, field ast.Selection) map[string]any {
		t.Helper()
		op := &graphql.OperationContext{Doc: doc, Operation: doc.Operations[0], Variables: map[string]any{"n": n}}
		fc := &graphql.FieldContext{Object: "Query", Field: graphql.CollectedField{Field: field.(*ast.Field)}}
		got, err := newOperationMemo(doc).fieldArgs(context.Background(), op, fc, parse)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	literal1, literal2 := args(5, fields[0]), args(6, fields[0])
	if literal1["first"] != int64(2) || parses != 1 || fmt.Sprintf("%p", literal1) != fmt.Sprintf("%p", literal2) {
		t.Errorf("first: 2 in two operations: %v and %v, %d parses; want one parse, shared", literal1, literal2, parses)
	}
	if v5, v6 := args(5, fields[1]), args(6, fields[1]); v5["first"] != 5 || v6["first"] != 6 || parses != 3 {
		t.Errorf("first: $n in two operations: %v and %v, %d parses; want each its own", v5, v6, parses)
	}
	// Operations with the same values share them too.
	if v5, v6 := args(5, fields[1]), args(6, fields[1]); v5["first"] != 5 || v6["first"] != 6 || parses != 3 {
		t.Errorf("first: $n again: %v and %v, %d parses in all; want no more", v5, v6, parses)
	}
}

// A field's arguments kept by the document are those of the values its variables have,
// told apart by value and by type, a variable not given apart from one given as null;
// variables whose values are inputs or lists are parsed every time, and so are the
// arguments of a field that names more than maxArgsVariables.
func TestDocumentMemoKeepsArgumentsByTheirVariables(t *testing.T) {
	doc := memoOperation(t, `query($a: String, $b: Int, $w: DocumentWhere, $x: String!) {
		documents(where: {name: {contains: $a}}, first: $b) { totalCount }
		w: documents(where: $w) { totalCount }
		many: documents(where: {name: {in: [$x, $x, $x, $x, $x, $x, $x, $x, $x]}}) { totalCount } }`, nil).Doc
	fields := doc.Operations[0].SelectionSet
	parses := 0
	parse := func(_ context.Context, raw map[string]any) (map[string]any, error) {
		parses++
		return maps.Clone(raw), nil
	}
	args := func(field int, vars map[string]any) map[string]any {
		t.Helper()
		op := &graphql.OperationContext{Doc: doc, Operation: doc.Operations[0], Variables: vars}
		fc := &graphql.FieldContext{Object: "Query", Field: graphql.CollectedField{Field: fields[field].(*ast.Field)}}
		got, err := newOperationMemo(doc).fieldArgs(context.Background(), op, fc, parse)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	for _, c := range []struct {
		name   string
		field  int
		vars   map[string]any
		parsed bool // a parse of its own, not the kept one
	}{
		{"first", 0, map[string]any{"a": "brief", "b": int64(3)}, true},
		{"the same values", 0, map[string]any{"a": "brief", "b": int64(3)}, false},
		{"another text", 0, map[string]any{"a": "motie", "b": int64(3)}, true},
		{"the first again", 0, map[string]any{"a": "brief", "b": int64(3)}, false},
		{"a number of another type", 0, map[string]any{"a": "brief", "b": json.Number("3")}, true},
		{"null", 0, map[string]any{"a": "brief", "b": nil}, true},
		{"not given", 0, map[string]any{"a": "brief"}, true},
		{"null again", 0, map[string]any{"a": "brief", "b": nil}, false},
		{"not given again", 0, map[string]any{"a": "brief"}, false},
		{"an input", 1, map[string]any{"w": map[string]any{"name": map[string]any{"contains": "x"}}}, true},
		{"the input again", 1, map[string]any{"w": map[string]any{"name": map[string]any{"contains": "x"}}}, true},
		{"nine variables", 2, map[string]any{"x": "y"}, true},
		{"nine again", 2, map[string]any{"x": "y"}, true},
	} {
		before := parses
		got := args(c.field, c.vars)
		if (parses > before) != c.parsed {
			t.Errorf("%s: parsed %v, want %v", c.name, parses > before, c.parsed)
		}
		if c.field == 0 {
			b, given := c.vars["b"]
			first, kept := got["first"]
			where, _ := got["where"].(map[string]any)
			name, _ := where["name"].(map[string]any)
			if kept != given || first != b || name["contains"] != c.vars["a"] {
				t.Errorf("%s: arguments %v for variables %v", c.name, got, c.vars)
			}
		}
	}
	// More values than the memo has slots: values hashed to one slot are told apart.
	for round := range 2 {
		for i := range 3 * recentSlots {
			a := fmt.Sprintf("brief %d", i)
			where, _ := args(0, map[string]any{"a": a, "b": int64(1)})["where"].(map[string]any)
			if name, _ := where["name"].(map[string]any); name["contains"] != a {
				t.Fatalf("round %d: %q: the arguments of %v", round, a, where)
			}
		}
	}
}

func TestRelationKeysAreMadeOncePerFieldAndTypeAndCarryEachNodesID(t *testing.T) {
	op := memoOperation(t, `{ motions { edges { node { submitters(first: 2) { name } } } } }`, nil)
	walk := func(sel ast.SelectionSet) *ast.Field { return sel[0].(*ast.Field) }
	submitters := walk(walk(walk(walk(op.Operation.SelectionSet).SelectionSet).SelectionSet).SelectionSet)
	l := NewLoaders(nil, op)
	d, ok := lookupRelation("Motion", "submitters")
	if !ok {
		t.Fatal("Motion.submitters has no @relation")
	}
	made := 0
	def := func() (relDef, map[string]any, error) {
		made++
		return d, submitters.ArgumentMap(nil), nil
	}
	f := fieldLoad{field: submitters, object: "Motion"}
	a, errA := l.loadOf(f, "motion:1", def)
	b, errB := l.loadOf(f, "motion:2", def)
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	if made != 1 {
		t.Errorf("the keys were made %d times, want once", made)
	}
	if a.page.ID != "motion:1" || b.page.ID != "motion:2" || !a.wantPage || a.wantCount {
		t.Errorf("keys %+v and %+v: want a page each, of its own node", a, b)
	}
	if a.page.spec != b.page.spec || a.page.spec.First != 3 {
		t.Errorf("specs %+v and %+v: want one, of first 2 (and one more)", a.page.spec, b.page.spec)
	}
	// The prefetcher's keys are made apart from the resolvers', so that a disagreement between
	// the two (TestRelationKeysAgree) is not hidden.
	if _, err := l.loadOf(fieldLoad{field: submitters, object: "Motion", prefetch: true}, "motion:1", def); err != nil || made != 2 {
		t.Errorf("prefetcher's keys: %v, made %d times; want a make of their own", err, made)
	}
	failed := 0
	bad := func() (relDef, map[string]any, error) {
		failed++
		return d, map[string]any{"first": -1}, nil
	}
	for _, id := range []string{"motion:1", "motion:2"} {
		if _, err := l.loadOf(fieldLoad{field: submitters, object: "Other"}, id, bad); err == nil {
			t.Fatal("first: -1 was taken")
		}
	}
	if failed != 2 {
		t.Errorf("a failed make was kept: %d makes for 2 nodes", failed)
	}
}

// TestSelectsBulkReadsEachFragmentOncePerPlace: forty fragments that each spread the next
// twice would be 2^40 spreads to walk; each is read once per place in the path.
func TestSelectsBulkReadsEachFragmentOncePerPlace(t *testing.T) {
	var q strings.Builder
	q.WriteString(`{ documents { edges { node { ...F0 } } } }`)
	const depth = 40
	for i := range depth {
		fmt.Fprintf(&q, " fragment F%d on Document { id ...F%d ...F%d }", i, i+1, i+1)
	}
	for _, last := range []string{"title", "text"} {
		doc := q.String() + fmt.Sprintf(" fragment F%d on Document { %s }", depth, last)
		op := memoOperation(t, doc, nil)
		documents := op.Operation.SelectionSet[0].(*ast.Field)
		if got, want := selectsAny(documents.SelectionSet, []string{"edges", "node"}, bulkFields, map[fragmentAt]bool{}), last == "text"; got != want {
			t.Errorf("with %s at the bottom: reads bulk %v, want %v", last, got, want)
		}
	}
}

// The query cache counts what a document's memo holds: a flood of distinct small queries
// fills the cache's bytes with their memos, not past them.
func TestDocumentSizeCountsItsMemo(t *testing.T) {
	op := memoOperation(t, `{ stats { totalNodes } }`, nil)
	if size, memo := documentSize("{ stats { totalNodes } }", op.Doc), int64(unsafe.Sizeof(documentMemo{})); size < memo+2*300 {
		t.Errorf("a document of two fields counted as %d bytes; its memo alone holds %d", size, memo)
	}
}

// newOperationMemo makes the memo of an operation of doc (nil: a memo of its own), as
// NewLoaders does in place.
func newOperationMemo(doc *ast.QueryDocument) *operationMemo {
	return &operationMemo{doc: documentMemoOf(doc)}
}

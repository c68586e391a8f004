// Command codegen generates package graph's executor: gqlgen's generator (configured by
// ../../gqlgen.yml) and a few changes to what it renders, each checked where it is made so
// that a gqlgen which renders differently fails here rather than running slower or wrong.
//
//   - Below the root, an object's fields and a list's elements run on the goroutine that
//     holds them. gqlgen runs every field with a resolver on a goroutine of its own, and
//     every element of a list of objects too; each starts on a small stack that gqlgen's
//     call depth outgrows at once (15–27 % of the memory store's CPU per request,
//     BENCHMARKS.md). They buy nothing here: the prefetch plan has asked for a level's keys
//     before its resolvers run (prefetch.go), and the scheduler batches the rest. The
//     root's fields stay concurrent, as the scheduler counts them running from the start.
//     gqlgen v0.17 has no switch for this (99designs/gqlgen#3202, #4321): the plugin below
//     clears each non-root object's concurrency, and the list marshalling, which gqlgen's
//     templates make concurrent whatever the configuration, is renamed to marshalList
//     (../lists.go), which takes the same arguments.
//   - As no field below the root runs concurrently, none is deferred: gqlgen defers only
//     those, and answers the rest in the one response (as the incremental delivery
//     proposal allows). Each object's deferred group (its path, a map and a field set) is
//     declared empty instead; a gqlgen that hands the group to a field fails here.
//   - An object's answer is an objectAnswer (../objects.go), not the field set gqlgen
//     makes: the same bytes, without a map and a heap copy of every field, and for a small
//     object in one allocation. An object that selects only bare fields is written whole
//     when it is resolved (eager.go).
//   - An object's fields are collected, and a field's arguments parsed, once per operation
//     (../memo.go), not at every object of a list.
//   - The execution context holds the operation's guard, memo and scheduler, and plain
//     fields (plain.go) and resolved fields (resolved.go) by functions of their own, whose
//     selections run in a scope (../scope.go) kept for the same field of the next element
//     of a list, in place of a field context and a context layer made for each.
//   - The answer is written into a buffer of the size the guard counted, from a pool
//     (../answerdata.go), and the chunks of the eager objects in it go back to theirs once
//     it is written (../eager.go).
package main

import (
	"bytes"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"regexp"

	"github.com/99designs/gqlgen/api"
	"github.com/99designs/gqlgen/codegen"
	"github.com/99designs/gqlgen/codegen/config"
)

func main() {
	log.SetOutput(io.Discard) // as gqlgen's own command without -v
	if err := generate(); err != nil {
		fmt.Fprintln(os.Stderr, "codegen:", err)
		os.Exit(1)
	}
}

func generate() error {
	cfg, err := config.LoadConfigFromDefaultLocations()
	if err != nil {
		return err
	}
	// The plain and resolved fields are rendered after gqlgen's executor is (and rewritten),
	// as they use what the rewrites add; an earlier run's would not compile against gqlgen's
	// own.
	for _, f := range []string{plainFile, resolvedFile, eagerFile} {
		if err := os.Remove(filepath.Join(cfg.Exec.Dir(), f)); err != nil && !os.IsNotExist(err) {
			return err
		}
	}
	var data *codegen.Data
	if err := api.Generate(cfg, api.AddPlugin(inline{&data})); err != nil {
		return err
	}
	if err := rewrite(cfg.Exec.Dir()); err != nil {
		return err
	}
	if err := generatePlain(data); err != nil {
		return err
	}
	if err := generateResolved(data); err != nil {
		return err
	}
	if err := generateEager(data); err != nil {
		return err
	}
	if err := callDirect(cfg.Exec.Dir()); err != nil {
		return err
	}
	return callEager(cfg.Exec.Dir())
}

// inline is the gqlgen plugin that executes fields below the root inline. It keeps the
// data the executor is rendered from, for the plain fields.
type inline struct{ data **codegen.Data }

func (inline) Name() string { return "inline" }

func (p inline) GenerateCode(data *codegen.Data) error {
	for _, obj := range data.Objects {
		if !obj.Root {
			obj.DisableConcurrency = true
		}
	}
	*p.data = data
	return nil
}

// rewrites are the changes made to the rendered executor: what gqlgen writes (a regular
// expression), what replaces it ($1 and so on expanded), and whether gqlgen writes it once
// in every function that makes an object's field set (objectFieldSet), once in every such
// function of an object below the root (and is changed there only), or once in the
// executor.
var rewrites = []struct {
	old       *regexp.Regexp
	new       []byte
	perObject bool
	belowRoot bool
	once      bool
}{
	{old: literal("graphql.MarshalSliceConcurrently("), new: []byte("marshalList(")},
	{old: literal("deferred := graphql.NewDeferredGroup(ctx)"), new: []byte("var deferred graphql.DeferredGroup // nothing is deferred (graph/codegen)"), perObject: true},
	// Below the root an object's answer is an objectAnswer (objects.go), whose fields are all
	// set when the switch ends: nothing is dispatched. The root's stays gqlgen's field set,
	// whose fields run concurrently.
	{old: literal("out := graphql.NewFieldSet(fields)"), new: []byte("out := newObjectAnswer(fields)"), belowRoot: true},
	{old: literal("\n\tout.Dispatch(ctx)\n"), new: []byte("\n"), belowRoot: true},
	// What the operation keeps (memo.go) and its guard, at hand for the objects and the plain
	// fields (plain.go) rather than looked up in a context a dozen layers deep for each.
	{old: literal("type executionContext struct {\n\t*graphql.ExecutionContextState[ResolverRoot, DirectiveRoot, ComplexityRoot]\n}"),
		new: []byte("type executionContext struct {\n\t*graphql.ExecutionContextState[ResolverRoot, DirectiveRoot, ComplexityRoot]\n\tguard *guard         // the operation's guard (graph/codegen)\n\tmemo  *operationMemo // what the operation keeps (graph/codegen)\n\tsched *scheduler     // the operation's scheduler, counting resolvers (graph/codegen)\n\tarena answerArena    // the JSON of eager objects (graph/codegen)\n}"), once: true},
	{old: literal("\tec := newExecutionContext(opCtx, e, make(chan graphql.DeferredResult))\n"),
		new: []byte("\tec := newExecutionContext(opCtx, e, make(chan graphql.DeferredResult))\n\tec.guard, ec.memo, ec.sched = guardOf(ctx), memoOf(ctx), schedulerOf(ctx)\n"), once: true},
	// The answer is written into a buffer of the size the guard counted, not one doubled
	// from 64 bytes (guard.go), taken from a pool (answerdata.go); once it is written, the
	// chunks of the eager objects in it go back to theirs (eager.go).
	{old: literal("\t\t\tvar buf bytes.Buffer\n\t\t\tdata.MarshalGQL(&buf)\n"), new: []byte("\t\t\tbuf := bytes.NewBuffer(answerBuffer(ec.guard))\n\t\t\tdata.MarshalGQL(buf)\n\t\t\tec.arena.release()\n"), once: true},
	// An object's fields are collected once per selection set, and a field's arguments parsed
	// once per field of the document (memo.go).
	{old: literal("graphql.CollectFields(ec.OperationContext, sel, "), new: []byte("ec.memo.collectIn(ctx, ec.OperationContext, sel, "), perObject: true},
	{old: regexp.MustCompile(`fc\.Args, err = ec\.(field_\w+_args)\(ctx, field\.ArgumentMap\(ec\.Variables\)\); err != nil \{`),
		new: []byte("fc.Args, err = ec.memo.fieldArgs(ctx, ec.OperationContext, fc, ec.$1); err != nil {")},
}

// literal matches s as it is.
func literal(s string) *regexp.Regexp { return regexp.MustCompile(regexp.QuoteMeta(s)) }

var objectFieldSet = []byte("out := graphql.NewFieldSet(fields)")

// objectFunc is the function gqlgen renders for an object: it ends at the first line that
// is a closing brace alone.
var objectFunc = regexp.MustCompile(`(?ms)^func \(ec \*executionContext\) _\w+\(ctx context\.Context, sel ast\.SelectionSet[^\n]*\{\n.*?^}\n`)

// rootUse is how a root object's function runs its fields; fieldSetUse, any use of the
// field set, of which objectAnswer has Values and Invalids only.
var (
	rootUse     = []byte("ResolveRootConcurrently(")
	fieldSetUse = regexp.MustCompile(`\bout\.(\w+)`)
)

// deferredUse is how gqlgen hands an object's deferred group to a field it defers.
var deferredUse = []byte("&deferred")

// rewrite makes the rewrites in the rendered executor.
func rewrite(dir string) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.generated.go"))
	if err != nil {
		return err
	}
	made := make([]int, len(rewrites))
	objects, belowRoot := 0, 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		objects += bytes.Count(src, objectFieldSet)
		var rewriteErr error
		out := objectFunc.ReplaceAllFunc(src, func(fn []byte) []byte {
			if !bytes.Contains(fn, objectFieldSet) || bytes.Contains(fn, rootUse) {
				return fn
			}
			belowRoot++
			for i, r := range rewrites {
				if r.belowRoot {
					made[i] += len(r.old.FindAllIndex(fn, -1))
					fn = r.old.ReplaceAll(fn, r.new)
				}
			}
			for _, m := range fieldSetUse.FindAllSubmatch(fn, -1) {
				if use := string(m[1]); use != "Values" && use != "Invalids" && rewriteErr == nil {
					rewriteErr = fmt.Errorf("%s: an object below the root uses its field set's %s, which objectAnswer has not: see what gqlgen writes", f, use)
				}
			}
			return fn
		})
		if rewriteErr != nil {
			return rewriteErr
		}
		for i, r := range rewrites {
			if !r.belowRoot {
				made[i] += len(r.old.FindAllIndex(out, -1))
				out = r.old.ReplaceAll(out, r.new)
			}
		}
		if bytes.Contains(out, deferredUse) {
			return fmt.Errorf("%s hands a deferred group to a field: the executor defers fields, and the group must not be declared empty", f)
		}
		if !bytes.Equal(out, src) {
			if err := os.WriteFile(f, out, 0o644); err != nil {
				return err
			}
		}
	}
	// A gqlgen that writes something else must be looked at again, not skipped quietly.
	for i, r := range rewrites {
		if made[i] == 0 {
			return fmt.Errorf("gqlgen no longer writes %q: see what it writes instead", r.old.String())
		}
	}
	for i, r := range rewrites {
		if r.once && made[i] != 1 {
			return fmt.Errorf("gqlgen writes %q %d times, not once: see what it writes", r.old.String(), made[i])
		}
		if r.perObject && made[i] != objects {
			return fmt.Errorf("%d objects, but %q written %d times: see what gqlgen writes", objects, r.old.String(), made[i])
		}
		if r.belowRoot && made[i] != belowRoot {
			return fmt.Errorf("%d objects below the root, but %q written %d times in them: see what gqlgen writes", belowRoot, r.old.String(), made[i])
		}
	}
	return nil
}

package graph

import (
	"context"
	"slices"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"beleidsgraaf/graph/model"
	"beleidsgraaf/kg"
)

// Prefetching makes "one store call per nesting level" hold whatever the timing.
//
// The loaders batch the keys that arrive together; but when a level has hundreds of
// parents, gqlgen reaches their children over many milliseconds, and a time window alone
// would split the level into several calls. So when a batch of nodes arrives (a top-level
// page, or the neighbours of a batch of parents), the loaders read the query for the
// fields that will be asked of those nodes and request their keys at once, all in one
// batch. The resolvers then find their keys already loaded or in flight. Keys are made by
// the same functions the resolvers use, so a prefetched key is exactly the key a resolver
// asks for; were they ever to differ, the resolver would just load its own key: prefetching
// can cost a call, never change an answer.

// keySink collects the keys one prefetch asks for and hands them to the loaders together:
// requested one by one, a long loop over hundreds of parents could outlast the loaders'
// collection window and split a level into several store calls.
type keySink struct {
	nodes  []string
	pages  []relKey
	counts []relKey
	// items is how many nodes the keys are asked for: a relationship field's pages and
	// counts are made that large at once, not grown from one by doubling.
	items int
}

// flush requests every collected key, one call per loader, so each set lands in one batch.
func (ks *keySink) flush(ctx context.Context, l *Loaders) {
	if len(ks.nodes) > 0 {
		l.nodes.LoadAllThunk(ctx, ks.nodes)
	}
	if len(ks.pages) > 0 {
		l.neighbours.LoadAllThunk(ctx, ks.pages)
	}
	if len(ks.counts) > 0 {
		l.counts.LoadAllThunk(ctx, ks.counts)
	}
}

// item is one node under a connection, with the edge that led to it (nil in top-level lists).
type item struct {
	node *kg.Node
	edge *kg.Edge
}

// wants reports whether a connection field selects a page (edges or pageInfo) and whether
// it selects totalCount.
func (l *Loaders) wants(field *ast.Field) (page, count bool) {
	if l.op == nil || field == nil || field.Definition == nil {
		return true, true
	}
	for _, f := range l.collect(field.SelectionSet, []string{field.Definition.Type.Name()}) {
		switch f.Name {
		case "edges", "pageInfo":
			page = true
		case "totalCount":
			count = true
		}
	}
	return page, count
}

// plan is a relationship field whose loaded edges the prefetcher looks under: when a batch
// of its edges arrives, the keys its selection will ask of the nodes are requested at once.
type plan struct {
	field *ast.Field
	shape shape
}

// notePlan records that field (of the given shape) loads pages with spec, so that the batch
// of those pages prefetches what the field selects under them.
func (l *Loaders) notePlan(spec *relSpec, field *ast.Field, sh shape) {
	if field == nil {
		return
	}
	l.plansMu.Lock()
	defer l.plansMu.Unlock()
	p := plan{field, sh}
	if !slices.Contains(l.plans[spec], p) {
		if l.plans == nil {
			l.plans = map[*relSpec][]plan{}
		}
		l.plans[spec] = append(l.plans[spec], p)
	}
}

func (l *Loaders) plansFor(spec *relSpec) []plan {
	l.plansMu.Lock()
	defer l.plansMu.Unlock()
	return slices.Clone(l.plans[spec])
}

// prefetchPlan requests, for the items a relationship field loaded, every key that its
// selection will ask for, whatever the field's shape.
func (l *Loaders) prefetchPlan(ks *keySink, p plan, items []item) {
	if l.op == nil || p.field.Definition == nil || len(items) == 0 {
		return
	}
	switch p.shape {
	case connectionShape:
		l.prefetch(ks, p.field, items)
	case listShape, singleShape:
		l.prefetchNodes(ks, p.field.SelectionSet, items)
	case involvementShape:
		for _, f := range l.collect(p.field.SelectionSet, []string{p.field.Definition.Type.Name()}) {
			switch f.Name {
			case "organisation":
				l.prefetchNodes(ks, f.Selections, items)
			case "evidence":
				l.prefetchEvidence(ks, f, items)
			}
		}
	}
}

// prefetch requests, for the items under connection field conn, every key that the
// fields selected under conn's edges will ask for.
func (l *Loaders) prefetch(ks *keySink, conn *ast.Field, items []item) {
	if l.op == nil || conn == nil || conn.Definition == nil || len(items) == 0 {
		return
	}
	for _, edges := range l.collect(conn.SelectionSet, []string{conn.Definition.Type.Name()}) {
		if edges.Name != "edges" || edges.Definition == nil {
			continue
		}
		for _, f := range l.collect(edges.Selections, []string{edges.Definition.Type.Name()}) {
			switch f.Name {
			case "node":
				l.prefetchNodes(ks, f.Selections, items)
			case "evidence":
				l.prefetchEvidence(ks, f, items)
			}
		}
	}
}

// prefetchEvidence requests the documents of the items' edge evidence, when the evidence
// field selects them.
func (l *Loaders) prefetchEvidence(ks *keySink, evidence graphql.CollectedField, items []item) {
	if !l.selects(evidence, "document") {
		return
	}
	for _, it := range items {
		if it.edge != nil {
			for _, ev := range it.edge.Evidence {
				ks.nodes = append(ks.nodes, ev.Document)
			}
		}
	}
}

// selects reports whether an object field selects a subfield.
func (l *Loaders) selects(f graphql.CollectedField, name string) bool {
	if f.Definition == nil {
		return false
	}
	for _, sub := range l.collect(f.Selections, []string{f.Definition.Type.Name()}) {
		if sub.Name == name {
			return true
		}
	}
	return false
}

// typeNamesOf are, for each label, the type names a node of it is collected for: one slice
// a label, shared by every operation, which the memo finds by its address.
var typeNamesOf = func() map[kg.Label][]string {
	m := make(map[kg.Label][]string, len(kg.Labels))
	for _, l := range kg.Labels {
		m[l] = []string{string(l), "Node"}
	}
	return m
}()

// nodeTypeNames returns the type names a node of label is collected for.
func nodeTypeNames(label kg.Label) []string {
	if names, ok := typeNamesOf[label]; ok {
		return names
	}
	return []string{string(label), "Node"}
}

// prefetchNodes requests the keys of the fields sel selects on each node.
func (l *Loaders) prefetchNodes(ks *keySink, sel ast.SelectionSet, items []item) {
	if leavesOnly(sel) {
		return // a neighbourhood's nodes, a list page's, search hits': nothing to ask of them
	}
	// The items of a page are mostly of one label: they share a slice of type names, by
	// whose address the memo finds the collection again (documentMemo.recent), and the
	// loader keys of each relationship field, their IDs apart (fieldLoads).
	ks.items = max(ks.items, len(items))
	var names []string
	var fields []graphql.CollectedField // what sel collects on nodes of names[0]
	var room [maxFieldLoads]fieldLoadOf
	loads := fieldLoads(room[:0])
	for _, it := range items {
		n := it.node
		if n == nil {
			continue
		}
		label := string(n.Label)
		if names == nil || names[0] != label {
			names = nodeTypeNames(n.Label)
			fields = l.collect(sel, names)
		}
		for _, f := range fields {
			if known := loads.find(f.Field, n.Label); known != nil {
				known.request(ks, n.ID)
				continue
			}
			var def func(args map[string]any) relDef // a relationship field's declaration
			switch {
			case f.Name == "relations":
				def = relationsDefOf
			case f.Name == "mentions":
				if l.selects(f, "document") {
					for _, ev := range n.Mentions {
						ks.nodes = append(ks.nodes, ev.Document)
					}
				}
			case label == string(kg.Document) && f.Name == "motion":
				if dossier, number, ok := kamerstuk(n); ok {
					ks.nodes = append(ks.nodes, kg.MotionID(dossier, number))
				}
			case label == string(kg.Motion) && (f.Name == "votes" || f.Name == "decisions"):
				if m, ok := model.Wrap(n).(*model.Motion); ok {
					l.prefetchDecisions(ks, f, m)
				}
			case label == string(kg.Motion) && f.Name == "document":
				if dossier, number, ok := kamerstuk(n); ok {
					ks.nodes = append(ks.nodes, kg.KamerstukID(dossier, number))
				}
			default:
				if d, ok := lookupRelation(label, f.Name); ok {
					def = func(map[string]any) relDef { return d }
				} else {
					loads = loads.add(fieldLoadOf{field: f.Field, label: n.Label}) // asks for no keys
				}
			}
			if def != nil {
				e := l.makeFieldLoad(f, n, def)
				loads = loads.add(e)
				e.request(ks, n.ID)
			}
		}
	}
}

// leavesOnly reports whether sel, its fragments too, selects only fields without
// selections (scalars and enums). Those ask a node for no keys: every field that does is
// of an object type (readRelations holds @relation fields to connections, involvements and
// nodes; relations, mentions, motion, document, votes and decisions are objects too).
// Before, each node of such a page had its fields collected and looked through.
func leavesOnly(sel ast.SelectionSet) bool {
	for _, s := range sel {
		switch s := s.(type) {
		case *ast.Field:
			if len(s.SelectionSet) > 0 {
				return false
			}
		case *ast.InlineFragment:
			if !leavesOnly(s.SelectionSet) {
				return false
			}
		case *ast.FragmentSpread:
			if s.Definition == nil || !leavesOnly(s.Definition.SelectionSet) {
				return false
			}
		}
	}
	return true
}

// fieldLoads are the loader keys of the fields one prefetch met, by field and label, made
// at the first node of each label (loadOf) and requested for every node by its ID: the
// nodes of a page mostly share a label, and a field on one label asks for the same keys of
// every node, its ID apart. Looked up by address, they save each node a lookup of the
// field's declaration and one of the operation's memo under its lock.
type fieldLoads []fieldLoadOf

// maxFieldLoads bounds the fields a prefetch keeps (on its stack): beyond it, a field's keys
// are made at each node.
const maxFieldLoads = 16

type fieldLoadOf struct {
	field *ast.Field
	label kg.Label
	keys  bool // the field asks the loaders for keys: load holds them
	load  relationLoad
}

func (fl fieldLoads) find(f *ast.Field, label kg.Label) *fieldLoadOf {
	for i := range fl {
		if fl[i].field == f && fl[i].label == label {
			return &fl[i]
		}
	}
	return nil
}

// add keeps e while there is room.
func (fl fieldLoads) add(e fieldLoadOf) fieldLoads {
	if len(fl) < maxFieldLoads {
		fl = append(fl, e)
	}
	return fl
}

// makeFieldLoad makes the keys relationship field f, declared as def gives, asks of node n.
func (l *Loaders) makeFieldLoad(f graphql.CollectedField, n *kg.Node, def func(args map[string]any) relDef) fieldLoadOf {
	load, err := l.loadOf(fieldLoad{field: f.Field, object: string(n.Label), prefetch: true}, n.ID, func() (relDef, map[string]any, error) {
		args := f.ArgumentMap(l.op.Variables)
		return def(args), args, nil
	})
	// An error asks for nothing: the resolver reports it.
	return fieldLoadOf{field: f.Field, label: n.Label, keys: err == nil, load: load}
}

// request asks for the keys of the field for node id.
func (e *fieldLoadOf) request(ks *keySink, id string) {
	if !e.keys {
		return
	}
	if e.load.wantPage {
		page := e.load.page
		page.ID = id
		if ks.pages == nil {
			ks.pages = make([]relKey, 0, max(ks.items, 1))
		}
		ks.pages = append(ks.pages, page)
	}
	if e.load.wantCount {
		count := e.load.count
		count.ID = id
		if ks.counts == nil {
			ks.counts = make([]relKey, 0, max(ks.items, 1))
		}
		ks.counts = append(ks.counts, count)
	}
}

// prefetchDecisions requests the nodes that a motion's votes or decisions field (f) will
// ask for: the votes' parties and the documents of the selected evidence.
func (l *Loaders) prefetchDecisions(ks *keySink, f graphql.CollectedField, m *model.Motion) {
	votes := func(f graphql.CollectedField, vs []*model.Vote) {
		for _, sub := range l.collect(f.Selections, []string{"Vote"}) {
			for _, v := range vs {
				switch {
				case sub.Name == "party":
					ks.nodes = append(ks.nodes, v.PartyID())
				case sub.Name == "evidence" && l.selects(sub, "document"):
					ks.nodes = append(ks.nodes, v.Evidence().Document)
				}
			}
		}
	}
	if f.Name == "votes" {
		votes(f, m.Votes())
		return
	}
	for _, sub := range l.collect(f.Selections, []string{"Decision"}) {
		for _, d := range m.Decisions() {
			switch {
			case sub.Name == "votes":
				votes(sub, d.Votes())
			case sub.Name == "evidence" && l.selects(sub, "document"):
				ks.nodes = append(ks.nodes, d.Evidence().Document)
			}
		}
	}
}

// kamerstuk returns a node's dossier and number.
func kamerstuk(n *kg.Node) (string, int, bool) {
	dossier := n.Str(kg.PropDossier)
	number, ok := n.Int(kg.PropNumber)
	return dossier, int(number), dossier != "" && ok
}

// bulkFields are the node fields that read a node's bulk: what a light read leaves out.
var bulkFields = []string{"text", "mentions"}

// readsBulk reports whether field, through the fields named by path ("edges", "node"),
// selects on its nodes a field of bulkFields; true when that cannot be told. It is asked
// once per relationship field of an operation (loadOf keeps the answer in the keys).
func (l *Loaders) readsBulk(field *ast.Field, path ...string) bool {
	if l.op == nil || field == nil || field.Definition == nil {
		return true
	}
	return selectsAny(field.SelectionSet, path, bulkFields, map[fragmentAt]bool{})
}

// readsCursors reports whether a connection field selects a cursor: an edge's, or the
// page's first or last; true when that cannot be told. A list page that selects none is
// read without them (store.ListQuery.NoCursors).
func (l *Loaders) readsCursors(field *ast.Field) bool {
	if l.op == nil || field == nil || field.Definition == nil {
		return true
	}
	return selectsAny(field.SelectionSet, []string{"edges"}, []string{"cursor"}, map[fragmentAt]bool{}) ||
		selectsAny(field.SelectionSet, []string{"pageInfo"}, []string{"startCursor", "endCursor"}, map[fragmentAt]bool{})
}

// selectsAny reports whether sel, through the fields named by path, selects a field named
// in names. It reads the document as written: under any type condition and whatever
// @skip or @include say, so it may answer yes where the field is left out (the caller
// then reads more than it needs, which answers alike), never no where it is selected.
// Every field of a path's name counts, as aliases may select differently. A fragment is
// read once per place in the path (seen), however often it is spread: spreads of spreads
// could otherwise make the walk exponential in the document's size.
func selectsAny(sel ast.SelectionSet, path, names []string, seen map[fragmentAt]bool) bool {
	for _, s := range sel {
		switch s := s.(type) {
		case *ast.Field:
			if len(path) == 0 {
				if slices.Contains(names, s.Name) {
					return true
				}
			} else if s.Name == path[0] && (s.Definition == nil || selectsAny(s.SelectionSet, path[1:], names, seen)) {
				return true
			}
		case *ast.InlineFragment:
			if selectsAny(s.SelectionSet, path, names, seen) {
				return true
			}
		case *ast.FragmentSpread:
			if s.Definition == nil {
				return true
			}
			at := fragmentAt{s.Definition, len(path)}
			if seen[at] {
				continue
			}
			seen[at] = true
			if selectsAny(s.Definition.SelectionSet, path, names, seen) {
				return true
			}
		}
	}
	return false
}

// fragmentAt is a fragment read at a place in a path (the length of the path left).
type fragmentAt struct {
	fragment *ast.FragmentDefinition
	rest     int
}

// selectsHere reports whether the field being resolved selects a subfield; true when
// that cannot be told.
func (l *Loaders) selectsHere(ctx context.Context, name string) bool {
	fc := graphql.GetFieldContext(ctx)
	if l.op == nil || fc == nil || fc.Field.Field == nil {
		return true
	}
	return l.selects(fc.Field, name)
}

// prefetchFound requests, for the nodes the field being resolved found (by ID, by name, by
// search or as a subgraph), the keys its selection will ask of them. under names the
// fields between the field and the nodes ("node" for a search hit, "nodes" for a
// subgraph); none when the field returns the nodes themselves. The resolver still counts
// as running, so the keys of sibling root fields go out together (scheduler.go).
func (l *Loaders) prefetchFound(ctx context.Context, nodes []*kg.Node, under ...string) {
	if l.op == nil || len(nodes) == 0 || !graphql.HasOperationContext(ctx) {
		return
	}
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Field == nil || fc.Field.Definition == nil {
		return
	}
	sel, typ := fc.Field.Selections, fc.Field.Definition.Type.Name()
	for _, name := range under {
		var found *graphql.CollectedField
		for _, f := range l.collect(sel, []string{typ}) {
			if f.Name == name && f.Definition != nil {
				found = &f
				break
			}
		}
		if found == nil {
			return
		}
		sel, typ = found.Selections, found.Definition.Type.Name()
	}
	items := make([]item, 0, len(nodes))
	for _, n := range nodes {
		if n != nil {
			items = append(items, item{node: n})
		}
	}
	var ks keySink
	l.prefetchNodes(&ks, sel, items)
	ks.flush(ctx, l)
}

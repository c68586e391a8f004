package neo4j

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"beleidsgraaf/store"
)

// cypher collects the parameters of a statement being built: values always travel as
// parameters, never in the text.
type cypher struct {
	params  map[string]any
	vars    int
	negated bool // inside a NOT: comparisons must not be null (see compare)
}

func (c *cypher) param(v any) string {
	name := fmt.Sprintf("p%d", len(c.params))
	c.params[name] = v
	return "$" + name
}

// fieldExpr is the Cypher expression of a field of node v. Optional fields read their
// typed copy (_f_<field>), which is null when the property is missing or of another kind.
func fieldExpr(v string, f store.Field) (expr string, optional bool) {
	switch f {
	case store.FieldID:
		return v + "." + propID, false
	case store.FieldName:
		return v + "." + propKey, false
	case store.FieldLabel:
		return v + "." + propLabel, false
	case store.FieldDegree:
		return v + "." + propDegree, false
	}
	return v + "." + fieldPrefix + string(f), true
}

// filterNegated is filter of f with negated set as given, restored after.
func (c *cypher) filterNegated(negated bool, f *store.Filter, v string) (string, error) {
	outer := c.negated
	c.negated = negated
	defer func() { c.negated = outer }()
	return c.filter(f, v)
}

// filter translates a normalised store.Filter on node v into a Cypher predicate that a
// WHERE reads as store.Filter.Match does: a comparison on a missing value is false, and
// NOT of it true (under a NOT, comparisons are wrapped in coalesce(…, false); elsewhere a
// null rejects the row as false would).
func (c *cypher) filter(f *store.Filter, v string) (string, error) {
	switch {
	case f == nil:
		return "true", nil
	case f.Rel != nil:
		return c.rel(f.Rel, v)
	case len(f.And) > 0 || len(f.Or) > 0:
		list, op := f.And, " AND "
		if len(f.Or) > 0 {
			list, op = f.Or, " OR "
		}
		parts := make([]string, len(list))
		for i, g := range list {
			p, err := c.filter(g, v)
			if err != nil {
				return "", err
			}
			parts[i] = p
		}
		return "(" + strings.Join(parts, op) + ")", nil
	case f.Not != nil:
		p, err := c.filterNegated(true, f.Not, v)
		if err != nil {
			return "", err
		}
		return "(NOT " + p + ")", nil
	case f.Field == "":
		return "true", nil
	}
	return c.compare(f, v)
}

func (c *cypher) compare(f *store.Filter, v string) (string, error) {
	x, _ := fieldExpr(v, f.Field)
	if f.AsOf != "" {
		// the status of the latest dated step on or before the date (store.DatedSteps are
		// in date order); null, so false, when there is none
		x = fmt.Sprintf("substring(last([s IN coalesce(%s.%s, []) WHERE left(s, 10) <= %s]), 11)", v, propSteps, c.param(f.AsOf))
	}
	p := c.param(f.Value)
	if f.Field == store.FieldName && (f.Op == store.OpContains || f.Op == store.OpStartsWith) {
		op := "CONTAINS"
		if f.Op == store.OpStartsWith {
			op = "STARTS WITH"
		}
		return fmt.Sprintf("any(k IN %s.%s WHERE k %s %s)", v, propKeys, op, p), nil
	}
	var op string
	switch f.Op {
	case store.OpEq:
		op = "="
	case store.OpIn:
		op = "IN"
	case store.OpContains:
		op = "CONTAINS"
	case store.OpStartsWith:
		op = "STARTS WITH"
	case store.OpGte:
		op = ">="
	case store.OpLte:
		op = "<="
	default:
		return "", fmt.Errorf("%w: unknown operator %q", store.ErrInvalidQuery, f.Op)
	}
	if !c.negated {
		// Outside a NOT, WHERE treats null as false and AND/OR keep it so, so the plain
		// comparison means the same; unlike coalesce(…), the planner can serve it from an
		// index (schema.go: the list indexes).
		return fmt.Sprintf("%s %s %s", x, op, p), nil
	}
	return fmt.Sprintf("coalesce(%s %s %s, false)", x, op, p), nil
}

// rel translates a relation test into an EXISTS subquery; the other end gets a fresh
// variable so that tests can nest.
func (c *cypher) rel(r *store.RelFilter, v string) (string, error) {
	c.vars++
	m, e := fmt.Sprintf("m%d", c.vars), ""
	var conds []string
	if r.AsOf != "" { // the edge and the other end as of the date (store.ExistsAsOf)
		e = fmt.Sprintf("e%d", c.vars)
		d := c.param(r.AsOf)
		conds = append(conds, asOfCond(e, d), asOfCond(m, d))
	}
	pattern := neighbourPattern(v, e, m, r.Direction, r.Types)
	if r.Other != nil {
		// The subquery's WHERE is a WHERE of its own: EXISTS is never null, whatever NOT
		// is around it.
		p, err := c.filterNegated(false, r.Other, m)
		if err != nil {
			return "", err
		}
		conds = append(conds, p)
	}
	if len(conds) == 0 {
		return fmt.Sprintf("EXISTS { MATCH %s }", pattern), nil
	}
	return fmt.Sprintf("EXISTS { MATCH %s WHERE %s }", pattern, strings.Join(conds, " AND ")), nil
}

// orderBy is the ORDER BY list of an effective order: missing values last in both
// directions. Reversed, it lists the same rows the other way round (missing values
// first), for paging backward.
func orderBy(v string, order []store.Order, reversed bool) string {
	parts := make([]string, 0, 2*len(order))
	for _, o := range order {
		x, optional := fieldExpr(v, o.Field)
		if optional {
			if reversed {
				parts = append(parts, x+" IS NULL DESC")
			} else {
				parts = append(parts, x+" IS NULL")
			}
		}
		if o.Desc != reversed {
			x += " DESC"
		}
		parts = append(parts, x)
	}
	return strings.Join(parts, ", ")
}

// after is the keyset predicate "strictly after the row with sort values vals" in an
// effective order, with missing values last whatever the direction (CompareSortValues);
// with before, "strictly before" it.
func (c *cypher) after(v string, order []store.Order, vals []any, before bool) string {
	pred := "false"
	for i := len(order) - 1; i >= 0; i-- {
		x, _ := fieldExpr(v, order[i].Field)
		var beyond, eq string
		switch {
		case vals[i] == nil && before: // every present value comes before a missing one
			beyond, eq = x+" IS NOT NULL", x+" IS NULL"
		case vals[i] == nil:
			beyond, eq = "false", x+" IS NULL"
		default:
			p := c.param(vals[i])
			cmp := ">"
			if order[i].Desc != before {
				cmp = "<"
			}
			if before { // a missing value comes after p
				beyond = fmt.Sprintf("coalesce(%s %s %s, false)", x, cmp, p)
			} else {
				beyond = fmt.Sprintf("(%s IS NULL OR %s %s %s)", x, x, cmp, p)
			}
			eq = fmt.Sprintf("coalesce(%s = %s, false)", x, p)
		}
		pred = fmt.Sprintf("(%s OR (%s AND %s))", beyond, eq, pred)
	}
	return pred
}

// List implements store.Reader in one statement: an optional count subquery for Total;
// when every matching row has the first sort key (cutKey), a subquery that finds the cut,
// the value of that key in the last row of the page ordered by it alone (read from the
// list index, no node read per row); and a page subquery filtered by the translated
// Filter, started after the cursor with a keyset predicate, kept to rows at or beyond the
// cut, ordered like store.CompareSortValues and cut at First+1.
//
//	CALL { WITH g MATCH (n:Node) WHERE n._label = $label AND n._gen = g AND <where> RETURN count(n) AS total }
//	CALL { WITH g MATCH … AND <after> WITH n.<first> AS v ORDER BY v LIMIT $first + 1 RETURN max(v) AS cut }
//	CALL { WITH g, cut MATCH … AND <after> AND n.<first> <= cut
//	       WITH n ORDER BY <order> LIMIT $first + 1 RETURN collect([<node>, n._deg]) AS rows }
//	RETURN total, rows
func (s *Store) List(ctx context.Context, q store.ListQuery) (store.Page, error) {
	if err := s.usable(ctx); err != nil {
		return store.Page{}, err
	}
	p, err := q.Prepare()
	if err != nil {
		return store.Page{}, err
	}
	c := &cypher{params: map[string]any{"meta": metaKey}}
	where, err := c.filter(p.Where, "n")
	if err != nil {
		return store.Page{}, err
	}
	// A label is a test on _label, not a label in the pattern, so that the list indexes
	// on :Node (label first, then the filter fields) can serve the filter, the count and
	// the order; without an index that fits, the planner seeks the label in one of them.
	match := fmt.Sprintf("MATCH (n:%s) WHERE n.%s = g AND %s", labelNode, propGen, where)
	if p.Label != "" {
		match = fmt.Sprintf("MATCH (n:%s) WHERE n.%s = %s AND n.%s = g AND %s", labelNode, propLabel, c.param(string(p.Label)), propGen, where)
	}
	var b strings.Builder
	b.WriteString(genClause)
	if p.WithTotal {
		fmt.Fprintf(&b, "CALL {\n  WITH g\n  %s\n  RETURN count(n) AS total\n}\n", match)
	} else {
		b.WriteString("WITH g, 0 AS total\n")
	}
	pageMatch := match
	if p.After != nil {
		pageMatch += "\n    AND " + c.after("n", p.Order, p.After, false)
	}
	if p.Before != nil {
		pageMatch += "\n    AND " + c.after("n", p.Order, p.Before, true)
	}
	limit := p.First
	if p.Backward {
		limit = p.Last
	}
	var lim string
	if limit > 0 {
		lim = c.param(int64(limit) + 1)
	}
	// The page's rows have the first sort key at or beyond the cut: the value of that key
	// in the last row of the page ordered by that key alone. Finding it reads only that
	// key, which the list index holds (no property read per row), so the whole order —
	// the name key and ID of every matching row — is read for the page's few rows only,
	// not for the thousands of letters a date range matches.
	cutWith, cutAnd := "", ""
	if first, ok := cutKey(p); ok && lim != "" {
		x, _ := fieldExpr("n", first.Field)
		dir, agg, cmp := "", "max", "<="
		if first.Desc != p.Backward {
			dir, agg, cmp = " DESC", "min", ">="
		}
		fmt.Fprintf(&b, "CALL {\n  WITH g\n  %s\n  WITH %s AS v ORDER BY v%s LIMIT %s\n  RETURN %s(v) AS cut\n}\n", pageMatch, x, dir, lim, agg)
		cutWith, cutAnd = ", cut", fmt.Sprintf("\n    AND %s %s cut", x, cmp)
	}
	fmt.Fprintf(&b, "CALL {\n  WITH g%s\n  %s%s", cutWith, pageMatch, cutAnd)
	// Backward, the rows come nearest the cursor first (the order reversed), and are put
	// back in list order below.
	fmt.Fprintf(&b, "\n  WITH n ORDER BY %s", orderBy("n", p.Order, p.Backward))
	if lim != "" {
		b.WriteString(" LIMIT " + lim)
	}
	fmt.Fprintf(&b, "\n  RETURN collect([%s, n.%s]) AS rows\n}", projection(q.Light)("n"), propDegree)
	b.WriteString(stableTail("total, rows"))
	vals, err := s.read(ctx, b.String(), c.params)
	if err != nil {
		return store.Page{}, err
	}
	var page store.Page
	total, _ := vals[0].(int64)
	rows, _ := vals[1].([]any)
	cursors := store.NewListCursors(p.Order)
	for _, row := range rows {
		l, _ := row.([]any)
		if len(l) != 2 {
			return store.Page{}, fmt.Errorf("neo4j: unexpected list row")
		}
		n, err := decodeNode(l[0])
		if err != nil {
			return store.Page{}, err
		}
		if limit > 0 && len(page.Nodes) == limit {
			page.HasNextPage, page.HasPreviousPage = !p.Backward, p.Backward
			break
		}
		page.Nodes = append(page.Nodes, n)
		if !p.NoCursors {
			deg, _ := l[1].(int64)
			page.Cursors = append(page.Cursors, cursors.Encode(store.SortValues(p.Order, n, store.NameKey(n), int(deg))))
		}
	}
	if p.Backward {
		slices.Reverse(page.Nodes)
		slices.Reverse(page.Cursors)
	}
	if n := len(page.Cursors); n > 0 {
		page.EndCursor = page.Cursors[n-1]
	}
	if p.WithTotal {
		page.Total = int(total)
	}
	return page, nil
}

// cutKey is the first sort key of a list when it may cut the page (List): a key every
// matching row has, because it is always present (name, ID, degree) or because the filter
// compares it at its top level (outside OR and NOT: a row without it does not match).
func cutKey(p store.PreparedList) (store.Order, bool) {
	if len(p.Order) == 0 {
		return store.Order{}, false
	}
	first := p.Order[0]
	if _, optional := fieldExpr("n", first.Field); !optional {
		return first, true
	}
	return first, compares(p.Where, first.Field)
}

// compares reports whether filter f holds only for nodes with a value of field: a
// comparison on it (of its present value), or an AND with one.
func compares(f *store.Filter, field store.Field) bool {
	switch {
	case f == nil:
		return false
	case f.Rel == nil && f.Not == nil && len(f.And) == 0 && len(f.Or) == 0:
		return f.Field == field && f.AsOf == "" // as of a date, a status test reads the steps

	}
	return slices.ContainsFunc(f.And, func(g *store.Filter) bool { return compares(g, field) })
}

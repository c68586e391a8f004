package storetest

import (
	"fmt"
	"testing"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// Shorthands for filters, to keep the tables readable.
func cmp(f store.Field, op store.Op, v any) *store.Filter {
	return &store.Filter{Field: f, Op: op, Value: v}
}

// statusAsOf compares the status a node had on a date.
func statusAsOf(op store.Op, v any, date string) *store.Filter {
	return &store.Filter{Field: store.FieldStatus, Op: op, Value: v, AsOf: date}
}
func and(fs ...*store.Filter) *store.Filter { return &store.Filter{And: fs} }
func or(fs ...*store.Filter) *store.Filter  { return &store.Filter{Or: fs} }
func not(f *store.Filter) *store.Filter     { return &store.Filter{Not: f} }
func rel(d store.Direction, other *store.Filter, types ...kg.RelType) *store.Filter {
	return &store.Filter{Rel: &store.RelFilter{Types: types, Direction: d, Other: other}}
}

// Default orders of the fixture, by name key:
//
//	Organisation: ckm "centrum tegen…", comensha "coordinatiecentrum…", jenv "ministerie…",
//	              nrm "nationaal…", nla "nederlandse…", politie
//	Document:     annex "bijlage…", 233 "kamerstuk…", 260 "reactie…", 257 "voortgang…"
func testListFilter(t *testing.T, s store.Store) {
	tests := []struct {
		name  string
		label kg.Label
		where *store.Filter
		want  []string
	}{
		{"no filter", kg.Organisation, nil, strs(orgCKM, orgCoMensha, orgJenV, orgNRM, orgNLA, orgPolitie)},
		{"empty filter", kg.Organisation, &store.Filter{}, strs(orgCKM, orgCoMensha, orgJenV, orgNRM, orgNLA, orgPolitie)},

		{"name eq is folded", kg.Organisation, cmp(store.FieldName, store.OpEq, "centrum tegen KINDERHANDEL en mensenhandel"), strs(orgCKM)},
		{"name eq is the name only, not an abbreviation", kg.Organisation, cmp(store.FieldName, store.OpEq, "CKM"), strs()},
		{"name in", kg.Organisation, cmp(store.FieldName, store.OpIn, []string{"politie", "CKM", "Nederlandse Arbeidsinspectie"}), strs(orgNLA, orgPolitie)},
		{"name contains", kg.Organisation, cmp(store.FieldName, store.OpContains, "mensenhandel"), strs(orgCKM, orgCoMensha, orgNRM)},
		{"name contains looks at aliases", kg.Organisation, cmp(store.FieldName, store.OpContains, "szw"), strs(orgNLA)},
		{"name contains is accent-insensitive", kg.Organisation, cmp(store.FieldName, store.OpContains, "Coördinatie"), strs(orgCoMensha)},
		{"name starts with looks at abbreviations", kg.Organisation, cmp(store.FieldName, store.OpStartsWith, "co"), strs(orgCoMensha)},
		{"name starts with, name alias and abbreviation", kg.Organisation, cmp(store.FieldName, store.OpStartsWith, "N"), strs(orgNRM, orgNLA, orgPolitie)},
		{"name gte", kg.Organisation, cmp(store.FieldName, store.OpGte, "n"), strs(orgNRM, orgNLA, orgPolitie)},
		{"name lte", kg.Organisation, cmp(store.FieldName, store.OpLte, "co"), strs(orgCKM)},

		{"id eq", kg.Organisation, cmp(store.FieldID, store.OpEq, orgJenV), strs(orgJenV)},
		{"id in", kg.Organisation, cmp(store.FieldID, store.OpIn, []string{orgJenV, orgCKM, action17}), strs(orgCKM, orgJenV)},
		{"id starts with", kg.Organisation, cmp(store.FieldID, store.OpStartsWith, "org:n"), strs(orgNRM, orgNLA)},
		{"id contains", kg.Organisation, cmp(store.FieldID, store.OpContains, "m"), strs(orgCKM, orgCoMensha, orgNRM)},
		{"id range", kg.Organisation, and(cmp(store.FieldID, store.OpGte, "org:j"), cmp(store.FieldID, store.OpLte, orgNLA)), strs(orgJenV, orgNLA)},

		{"kind eq", kg.Organisation, cmp(store.FieldKind, store.OpEq, "NGO"), strs(orgCKM, orgCoMensha)},
		{"kind eq is exact", kg.Organisation, cmp(store.FieldKind, store.OpEq, "ngo"), strs()},
		{"kind in", kg.Organisation, cmp(store.FieldKind, store.OpIn, []string{"POLICE", "INSPECTORATE"}), strs(orgNLA, orgPolitie)},

		{"date gte", kg.Document, cmp(store.FieldDate, store.OpGte, "2024-02-02"), strs(docAnnex, doc260, doc257)},
		{"date lte", kg.Document, cmp(store.FieldDate, store.OpLte, "2024-03-01"), strs(docAnnex, doc257)},
		{"date eq", kg.Document, cmp(store.FieldDate, store.OpEq, "2024-02-02"), strs(docAnnex, doc257)},
		{"date starts with", kg.Document, cmp(store.FieldDate, store.OpStartsWith, "2024-07"), strs(doc260)},
		{"not of a missing date holds", kg.Document, not(cmp(store.FieldDate, store.OpGte, "2024-03-01")), strs(docAnnex, doc233, doc257)},
		{"number eq int64", kg.Document, cmp(store.FieldNumber, store.OpEq, int64(257)), strs(doc257)},
		{"number eq int", kg.Document, cmp(store.FieldNumber, store.OpEq, 257), strs(doc257)},
		{"number in int64", kg.Document, cmp(store.FieldNumber, store.OpIn, []int64{233, 260, 999}), strs(doc233, doc260)},
		{"number in int", kg.Document, cmp(store.FieldNumber, store.OpIn, []int{233}), strs(doc233)},
		{"number gte", kg.Document, cmp(store.FieldNumber, store.OpGte, int64(258)), strs(doc260)},
		{"number lte", kg.Document, cmp(store.FieldNumber, store.OpLte, int64(257)), strs(doc233, doc257)},
		{"not of a missing number holds", kg.Document, not(cmp(store.FieldNumber, store.OpGte, int64(0))), strs(docAnnex)},
		{"dossier eq", kg.Document, cmp(store.FieldDossier, store.OpEq, "28 638"), strs(doc233, doc260, doc257)},
		{"dossier contains", kg.Document, cmp(store.FieldDossier, store.OpContains, "638"), strs(doc233, doc260, doc257)},
		{"status", kg.Motion, cmp(store.FieldStatus, store.OpEq, kg.MotionAdopted), strs(motion224)},
		// a status as of a date: the latest dated step on or before it (undated steps never count)
		{"status as of a date", kg.Motion, statusAsOf(store.OpEq, kg.MotionAdopted, "2023-10-05"), strs(motion224)},
		{"status as of the day of a step", kg.Motion, statusAsOf(store.OpEq, kg.MotionAdopted, "2023-10-03"), strs(motion224)},
		{"status as of the day before it", kg.Motion, statusAsOf(store.OpEq, kg.MotionSubmitted, "2023-10-02"), strs(motion224)},
		{"status in, as of a later date", kg.Motion, statusAsOf(store.OpIn, []string{kg.MotionSubmitted, kg.MotionHeld}, "2024-06-01"), strs(motion233)},
		{"no dated step that old: no status", kg.Motion, statusAsOf(store.OpIn, []string{kg.MotionSubmitted, kg.MotionAdopted}, "2023-01-01"), strs()},
		{"not of a status as of a date without one holds", kg.Motion, not(statusAsOf(store.OpEq, kg.MotionAdopted, "2023-10-05")), strs(motion233)},
		{"status as of a date on the other end of a relation", kg.Person, rel(store.Out, statusAsOf(store.OpEq, kg.MotionSubmitted, "2024-02-01"), kg.Submitted), strs(personBikker)},

		{"and", kg.Document, and(cmp(store.FieldKind, store.OpEq, kg.DocLetter), cmp(store.FieldDate, store.OpGte, "2024-03-01")), strs(doc260)},
		{"or", kg.Document, or(cmp(store.FieldNumber, store.OpEq, int64(233)), cmp(store.FieldKind, store.OpEq, kg.DocAnnex)), strs(docAnnex, doc233)},
		{"not or", kg.Document, not(or(cmp(store.FieldNumber, store.OpEq, int64(233)), cmp(store.FieldKind, store.OpEq, kg.DocAnnex))), strs(doc260, doc257)},

		{"holds or executes something part of actielijn 4", kg.Organisation,
			rel(store.Out, rel(store.Out, cmp(store.FieldID, store.OpEq, al4), kg.PartOf), kg.Holds, kg.Executes),
			strs(orgCoMensha, orgNLA)},
		{"holds or executes actielijn 4 or a part of it", kg.Organisation,
			rel(store.Out, or(cmp(store.FieldID, store.OpEq, al4), rel(store.Out, cmp(store.FieldID, store.OpEq, al4), kg.PartOf)), kg.Holds, kg.Executes),
			strs(orgCoMensha, orgJenV, orgNLA)},
		{"any edge to a report", kg.Organisation, rel(store.Out, cmp(store.FieldLabel, store.OpEq, "Report")), strs(orgCKM, orgJenV)},
		{"incoming", kg.Action, rel(store.In, nil, kg.Holds), strs(action18, action23)},
		{"not incoming", kg.Action, not(rel(store.In, nil, kg.Holds)), strs(action17)},
		{"both directions", kg.Document, rel(store.Both, nil, kg.Cites), strs(doc233, doc260, doc257)},
		{"empty direction is both", kg.Document, rel("", nil, kg.Cites), strs(doc233, doc260, doc257)},
		{"cited by 260, itself included", kg.Document, rel(store.In, cmp(store.FieldID, store.OpEq, doc260), kg.Cites), strs(doc260, doc257)},
		{"citing 260: a self-loop has the node at both ends", kg.Document, rel(store.Out, cmp(store.FieldID, store.OpEq, doc260), kg.Cites), strs(doc260)},
		{"any outgoing edge", kg.Document, rel(store.Out, nil), strs(docAnnex, doc260, doc257)},

		{"every label, by label", "", cmp(store.FieldLabel, store.OpIn, []string{"Actielijn", "ActionPlan"}), strs(al10, al4, al6, plan)},
		{"every label, by label typed", "", cmp(store.FieldLabel, store.OpEq, kg.Report), strs(reportCKM)},
		{"every label, by relation", "", rel(store.In, nil, kg.Submitted), strs(motion233, motion224)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := s.List(ctx, store.ListQuery{Label: tc.label, Where: tc.where, WithTotal: true})
			if err != nil {
				t.Fatal(err)
			}
			equal(t, "ids", nodeIDs(p.Nodes), tc.want)
			equal(t, "total", p.Total, len(tc.want))
			equal(t, "has next page", p.HasNextPage, false)
			checkNodes(t, p.Nodes...)
		})
	}
}

// Degrees in the fixture: jenv 4, ckm 2, comensha 2, nrm 1, nla 1, politie 1; doc 257 5,
// 260 4 (its self-citation once), 233 1, annex 1.
func testListOrder(t *testing.T, s store.Store) {
	o := func(f store.Field, desc bool) store.Order { return store.Order{Field: f, Desc: desc} }
	tests := []struct {
		name  string
		label kg.Label
		where *store.Filter
		order []store.Order
		want  []string
	}{
		{"default is name key", kg.Organisation, nil, nil, strs(orgCKM, orgCoMensha, orgJenV, orgNRM, orgNLA, orgPolitie)},
		{"name", kg.Organisation, nil, []store.Order{o(store.FieldName, false)}, strs(orgCKM, orgCoMensha, orgJenV, orgNRM, orgNLA, orgPolitie)},
		{"name desc", kg.Organisation, nil, []store.Order{o(store.FieldName, true)}, strs(orgPolitie, orgNLA, orgNRM, orgJenV, orgCoMensha, orgCKM)},
		{"id", kg.Organisation, nil, []store.Order{o(store.FieldID, false)}, strs(orgCKM, orgCoMensha, orgJenV, orgNLA, orgNRM, orgPolitie)},
		{"id desc", kg.Organisation, nil, []store.Order{o(store.FieldID, true)}, strs(orgPolitie, orgNRM, orgNLA, orgJenV, orgCoMensha, orgCKM)},
		{"degree desc, ties by name", kg.Organisation, nil, []store.Order{o(store.FieldDegree, true)}, strs(orgJenV, orgCKM, orgCoMensha, orgNRM, orgNLA, orgPolitie)},
		{"degree", kg.Organisation, nil, []store.Order{o(store.FieldDegree, false)}, strs(orgNRM, orgNLA, orgPolitie, orgCKM, orgCoMensha, orgJenV)},
		{"kind", kg.Organisation, nil, []store.Order{o(store.FieldKind, false)}, strs(orgNLA, orgJenV, orgCKM, orgCoMensha, orgPolitie, orgNRM)},
		{"date, missing last, ties by name", kg.Document, nil, []store.Order{o(store.FieldDate, false)}, strs(docAnnex, doc257, doc260, doc233)},
		{"date desc, missing still last, ties by name ascending", kg.Document, nil, []store.Order{o(store.FieldDate, true)}, strs(doc260, docAnnex, doc257, doc233)},
		{"number, missing last", kg.Document, nil, []store.Order{o(store.FieldNumber, false)}, strs(doc233, doc257, doc260, docAnnex)},
		{"number desc, missing last", kg.Document, nil, []store.Order{o(store.FieldNumber, true)}, strs(doc260, doc257, doc233, docAnnex)},
		{"two fields", kg.Document, nil, []store.Order{o(store.FieldDossier, false), o(store.FieldDate, true)}, strs(doc260, doc257, doc233, docAnnex)},
		{"documents by degree", kg.Document, nil, []store.Order{o(store.FieldDegree, true)}, strs(doc257, doc260, docAnnex, doc233)},
		{"fields after id do not matter", kg.Document, nil, []store.Order{o(store.FieldID, true), o(store.FieldName, false)}, strs(doc260, doc257, doc233, docAnnex)},
		{"number is an integer, name a string", kg.Actielijn, nil, []store.Order{o(store.FieldNumber, false)}, strs(al4, al6, al10)},
		{"number desc", kg.Actielijn, nil, []store.Order{o(store.FieldNumber, true)}, strs(al10, al6, al4)},
		{"name sorts strings", kg.Actielijn, nil, nil, strs(al10, al4, al6)},
		{"status", kg.Motion, nil, []store.Order{o(store.FieldStatus, false)}, strs(motion224, motion233)},
		// sorted by today's status, filtered by the status then: no range of the sort key
		{"sorted by status, filtered by the status as of a date", kg.Motion, statusAsOf(store.OpEq, kg.MotionSubmitted, "2024-02-01"),
			[]store.Order{o(store.FieldStatus, false)}, strs(motion233)},
		{"filtered, every label", "", cmp(store.FieldLabel, store.OpEq, "Action"), []store.Order{o(store.FieldNumber, true)}, strs(action23, action18, action17)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			equal(t, "ids", list(t, s, store.ListQuery{Label: tc.label, Where: tc.where, Order: tc.order}), tc.want)
		})
	}
}

// walk pages through a list with First and returns the IDs of each page, the last page
// being the first one without a next page.
func walk(t *testing.T, s store.Store, q store.ListQuery) (pages [][]string, totals []int) {
	t.Helper()
	for range 20 {
		p, err := s.List(ctx, q)
		if err != nil {
			t.Fatalf("List(%+v): %v", q, err)
		}
		if len(p.Cursors) != len(p.Nodes) {
			t.Fatalf("%d cursors for %d nodes", len(p.Cursors), len(p.Nodes))
		}
		end := ""
		if len(p.Cursors) > 0 {
			end = p.Cursors[len(p.Cursors)-1]
		}
		if p.EndCursor != end {
			t.Errorf("EndCursor %q, want the last cursor %q", p.EndCursor, end)
		}
		pages, totals = append(pages, nodeIDs(p.Nodes)), append(totals, p.Total)
		if !p.HasNextPage {
			return pages, totals
		}
		q.After = p.EndCursor
	}
	t.Fatal("more than 20 pages")
	return nil, nil
}

// sameWithoutCursors checks that q asked with NoCursors answers the same page, without its
// cursors, also from a cursor in the list.
func sameWithoutCursors(t *testing.T, s store.Store, q store.ListQuery) {
	t.Helper()
	with, err := s.List(ctx, q)
	if err != nil {
		t.Fatalf("List(%+v): %v", q, err)
	}
	froms := []store.ListQuery{q}
	if len(with.Cursors) > 0 {
		from := q
		if q.Backward() {
			from.Before = with.Cursors[len(with.Cursors)-1]
		} else {
			from.After = with.Cursors[0]
		}
		froms = append(froms, from)
	}
	for _, q := range froms {
		with, err := s.List(ctx, q)
		if err != nil {
			t.Fatalf("List(%+v): %v", q, err)
		}
		q.NoCursors = true
		without, err := s.List(ctx, q)
		if err != nil {
			t.Fatalf("List(%+v): %v", q, err)
		}
		equal(t, "cursors without cursors", len(without.Cursors), 0)
		equal(t, "end cursor without cursors", without.EndCursor, "")
		equal(t, "nodes without cursors", nodeIDs(without.Nodes), nodeIDs(with.Nodes))
		with.Nodes, with.Cursors, with.EndCursor, without.Nodes = nil, nil, "", nil
		equal(t, "page without cursors", fmt.Sprintf("%+v", without), fmt.Sprintf("%+v", with))
	}
}

func testListPaging(t *testing.T, s store.Store) {
	o := func(f store.Field, desc bool) []store.Order { return []store.Order{{Field: f, Desc: desc}} }
	tests := []struct {
		name   string
		q      store.ListQuery
		pages  [][]string
		totals []int
	}{
		{"default order", store.ListQuery{Label: kg.Organisation, First: 2, WithTotal: true},
			[][]string{{orgCKM, orgCoMensha}, {orgJenV, orgNRM}, {orgNLA, orgPolitie}}, []int{6, 6, 6}},
		{"pages of one through missing values", store.ListQuery{Label: kg.Document, First: 1, Order: o(store.FieldDate, true)},
			[][]string{{doc260}, {docAnnex}, {doc257}, {doc233}}, []int{0, 0, 0, 0}},
		{"last page holds the missing value", store.ListQuery{Label: kg.Document, First: 3, Order: o(store.FieldNumber, false)},
			[][]string{{doc233, doc257, doc260}, {docAnnex}}, []int{0, 0}},
		{"degree desc", store.ListQuery{Label: kg.Organisation, First: 4, Order: o(store.FieldDegree, true)},
			[][]string{{orgJenV, orgCKM, orgCoMensha, orgNRM}, {orgNLA, orgPolitie}}, []int{0, 0}},
		{"filtered, total ignores paging", store.ListQuery{Label: kg.Organisation, First: 2, WithTotal: true,
			Where: cmp(store.FieldName, store.OpContains, "mensenhandel")},
			[][]string{{orgCKM, orgCoMensha}, {orgNRM}}, []int{3, 3}},
		{"no First: one page", store.ListQuery{Label: kg.Actielijn},
			[][]string{{al10, al4, al6}}, []int{0}},
		{"empty result", store.ListQuery{Label: kg.Organisation, First: 2, WithTotal: true, Where: cmp(store.FieldName, store.OpEq, "niemand")},
			[][]string{{}}, []int{0}},
		{"empty label", store.ListQuery{Label: kg.Party, First: 2},
			[][]string{{}}, []int{0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pages, totals := walk(t, s, tc.q)
			equal(t, "pages", pages, tc.pages)
			equal(t, "totals", totals, tc.totals)
			sameWithoutCursors(t, s, tc.q)
			back := tc.q
			back.First, back.Last = 0, max(tc.q.First, 1)
			sameWithoutCursors(t, s, back)
		})
	}

	t.Run("an item cursor resumes after its item", func(t *testing.T) {
		p, err := s.List(ctx, store.ListQuery{Label: kg.Organisation, First: 2})
		if err != nil {
			t.Fatal(err)
		}
		q := store.ListQuery{Label: kg.Organisation, First: 3, After: p.Cursors[0]}
		equal(t, "ids", list(t, s, q), strs(orgCoMensha, orgJenV, orgNRM))
	})
	t.Run("after the last item: an empty page", func(t *testing.T) {
		p, err := s.List(ctx, store.ListQuery{Label: kg.Organisation})
		if err != nil {
			t.Fatal(err)
		}
		last, err := s.List(ctx, store.ListQuery{Label: kg.Organisation, After: p.EndCursor, WithTotal: true})
		if err != nil {
			t.Fatal(err)
		}
		equal(t, "ids", nodeIDs(last.Nodes), strs())
		equal(t, "has next page", last.HasNextPage, false)
		equal(t, "end cursor", last.EndCursor, "")
		equal(t, "total", last.Total, 6)
	})
	t.Run("a cursor of a filtered list works in another filter with the same order", func(t *testing.T) {
		p, err := s.List(ctx, store.ListQuery{Label: kg.Organisation, First: 1, Where: cmp(store.FieldKind, store.OpEq, "NGO")})
		if err != nil {
			t.Fatal(err)
		}
		// Keyset paging: the cursor is a position in the order, not a row of one result.
		equal(t, "ids", list(t, s, store.ListQuery{Label: kg.Organisation, After: p.EndCursor}), strs(orgCoMensha, orgJenV, orgNRM, orgNLA, orgPolitie))
	})
}

func testBadCursor(t *testing.T, s store.Store) {
	byDegree, err := s.List(ctx, store.ListQuery{Label: kg.Organisation, First: 1, Order: []store.Order{{Field: store.FieldDegree}}})
	if err != nil {
		t.Fatal(err)
	}
	nb, err := s.Neighbours(ctx, store.NeighbourQuery{IDs: []string{orgJenV}, First: 1})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, cursor string }{
		{"garbage", "not a cursor"},
		{"not base64", "%%%"},
		{"base64 of nothing useful", "e30"}, // "{}"
		{"another order", byDegree.EndCursor},
		{"a neighbour cursor", nb[0][0].Cursor()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.List(ctx, store.ListQuery{Label: kg.Organisation, After: tc.cursor})
			wantErr(t, "List", err, store.ErrBadCursor)
		})
	}
	t.Run("a list cursor in Neighbours", func(t *testing.T) {
		_, err := s.Neighbours(ctx, store.NeighbourQuery{IDs: []string{orgJenV}, After: byDegree.EndCursor})
		wantErr(t, "Neighbours", err, store.ErrBadCursor)
	})
	t.Run("garbage in Neighbours", func(t *testing.T) {
		_, err := s.Neighbours(ctx, store.NeighbourQuery{IDs: []string{orgJenV}, After: "xyz"})
		wantErr(t, "Neighbours", err, store.ErrBadCursor)
	})
}

func testInvalidQuery(t *testing.T, s store.Store) {
	list := func(q store.ListQuery) func() error {
		return func() error { _, err := s.List(ctx, q); return err }
	}
	where := func(f *store.Filter) func() error { return list(store.ListQuery{Label: kg.Document, Where: f}) }
	nb := func(q store.NeighbourQuery) func() error {
		return func() error { _, err := s.Neighbours(ctx, q); return err }
	}
	tests := []struct {
		name string
		call func() error
	}{
		{"unknown label", list(store.ListQuery{Label: "Nonsense"})},
		{"negative first", list(store.ListQuery{Label: kg.Document, First: -1})},
		{"order by label", list(store.ListQuery{Order: []store.Order{{Field: store.FieldLabel}}})},
		{"order by unknown field", list(store.ListQuery{Order: []store.Order{{Field: "colour"}}})},
		{"order by a field twice", list(store.ListQuery{Order: []store.Order{{Field: store.FieldName}, {Field: store.FieldName, Desc: true}}})},
		{"filter on degree", where(cmp(store.FieldDegree, store.OpGte, int64(1)))},
		{"unknown field", where(cmp("colour", store.OpEq, "red"))},
		{"unknown op", where(cmp(store.FieldName, "LIKE", "x"))},
		{"contains on a number", where(cmp(store.FieldNumber, store.OpContains, "2"))},
		{"string for a number", where(cmp(store.FieldNumber, store.OpEq, "257"))},
		{"number for a string", where(cmp(store.FieldName, store.OpEq, 5))},
		{"single value for in", where(cmp(store.FieldKind, store.OpIn, "NGO"))},
		{"list for eq", where(cmp(store.FieldKind, store.OpEq, []string{"NGO"}))},
		{"unknown label value", where(cmp(store.FieldLabel, store.OpEq, "Nonsense"))},
		{"two things set", where(&store.Filter{Field: store.FieldName, Op: store.OpEq, Value: "x", Not: cmp(store.FieldID, store.OpEq, "y")})},
		{"nested invalid", where(and(cmp(store.FieldID, store.OpEq, "x"), not(cmp(store.FieldNumber, store.OpEq, "x"))))},
		{"rel with unknown type", where(rel(store.Out, nil, "LIKES"))},
		{"rel with unknown direction", where(rel("SIDEWAYS", nil))},
		{"rel with invalid other", where(rel(store.Out, cmp(store.FieldDegree, store.OpEq, int64(1))))},
		{"neighbours: unknown type", nb(store.NeighbourQuery{IDs: []string{orgJenV}, Types: []kg.RelType{"LIKES"}})},
		{"neighbours: unknown direction", nb(store.NeighbourQuery{IDs: []string{orgJenV}, Direction: "UP"})},
		{"neighbours: unknown label", nb(store.NeighbourQuery{IDs: []string{orgJenV}, OtherLabels: []kg.Label{"X"}})},
		{"neighbours: negative first", nb(store.NeighbourQuery{IDs: []string{orgJenV}, First: -1})},
		{"count neighbours: unknown type", func() error {
			_, err := s.CountNeighbours(ctx, store.NeighbourQuery{IDs: []string{orgJenV}, Types: []kg.RelType{"LIKES"}})
			return err
		}},
		{"search: unknown label", func() error {
			_, err := s.Search(ctx, store.SearchQuery{Text: "x", Labels: []kg.Label{"X"}})
			return err
		}},
		{"search: negative first", func() error { _, err := s.Search(ctx, store.SearchQuery{Text: "x", First: -1}); return err }},
		{"subgraph: unknown type", func() error {
			_, err := s.Subgraph(ctx, store.SubgraphQuery{ID: al4, Depth: 1, Types: []kg.RelType{"LIKES"}})
			return err
		}},
		{"subgraph: negative limit", func() error { _, err := s.Subgraph(ctx, store.SubgraphQuery{ID: al4, Limit: -1}); return err }},
		{"shortest path: unknown type", func() error {
			_, err := s.ShortestPath(ctx, al4, al6, 0, []kg.RelType{"LIKES"})
			return err
		}},
		{"lookup: unknown label", func() error { _, err := s.Lookup(ctx, "Nonsense", []string{"x"}); return err }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { wantErr(t, tc.name, tc.call(), store.ErrInvalidQuery) })
	}
}

package graph

import (
	"beleidsgraaf/graph/model"
	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// This file translates the GraphQL `where` and `orderBy` inputs into store.Filter and
// store.Order. Set fields of one input are ANDed; the store validates and normalises the
// result (folding names, checking operators) and reports what it refuses as
// store.ErrInvalidQuery, which the API shows to the client.

// all combines parts with AND, dropping nils; nil when nothing is left.
func all(parts ...*store.Filter) *store.Filter {
	n, last := 0, (*store.Filter)(nil)
	for _, p := range parts {
		if p != nil {
			n, last = n+1, p
		}
	}
	switch n {
	case 0:
		return nil
	case 1:
		return last
	}
	keep := make([]*store.Filter, 0, n)
	for _, p := range parts {
		if p != nil {
			keep = append(keep, p)
		}
	}
	return &store.Filter{And: keep}
}

func cmp(f store.Field, op store.Op, v any) *store.Filter {
	return &store.Filter{Field: f, Op: op, Value: v}
}

// combine adds the AND, OR and NOT of a where input to its own tests.
func combine[W any](own *store.Filter, and []W, or []W, not W, conv func(W) *store.Filter, isNil func(W) bool) *store.Filter {
	parts := []*store.Filter{own}
	for _, w := range and {
		parts = append(parts, orAll(conv(w)))
	}
	if len(or) > 0 {
		alts := make([]*store.Filter, 0, len(or))
		for _, w := range or {
			alts = append(alts, orAll(conv(w)))
		}
		parts = append(parts, &store.Filter{Or: alts})
	}
	if !isNil(not) {
		parts = append(parts, &store.Filter{Not: orAll(conv(not))})
	}
	return all(parts...)
}

// orAll turns "no condition" into the filter that matches everything, so that it keeps its
// meaning inside OR and NOT.
func orAll(f *store.Filter) *store.Filter {
	if f == nil {
		return &store.Filter{}
	}
	return f
}

func idFilter(f *model.IDFilter) *store.Filter {
	if f == nil {
		return nil
	}
	var parts []*store.Filter
	if f.Eq != nil {
		parts = append(parts, cmp(store.FieldID, store.OpEq, *f.Eq))
	}
	if f.In != nil {
		parts = append(parts, cmp(store.FieldID, store.OpIn, f.In))
	}
	return all(parts...)
}

func labelFilter(f *model.LabelFilter) *store.Filter {
	if f == nil {
		return nil
	}
	var parts []*store.Filter
	if f.Eq != nil {
		parts = append(parts, cmp(store.FieldLabel, store.OpEq, string(*f.Eq)))
	}
	if f.In != nil {
		in := make([]string, len(f.In))
		for i, l := range f.In {
			in[i] = string(l)
		}
		parts = append(parts, cmp(store.FieldLabel, store.OpIn, in))
	}
	return all(parts...)
}

func nameFilter(f *model.StringFilter) *store.Filter {
	if f == nil {
		return nil
	}
	var parts []*store.Filter
	if f.Eq != nil {
		parts = append(parts, cmp(store.FieldName, store.OpEq, *f.Eq))
	}
	if f.In != nil {
		parts = append(parts, cmp(store.FieldName, store.OpIn, f.In))
	}
	if f.Contains != nil {
		parts = append(parts, cmp(store.FieldName, store.OpContains, *f.Contains))
	}
	if f.StartsWith != nil {
		parts = append(parts, cmp(store.FieldName, store.OpStartsWith, *f.StartsWith))
	}
	return all(parts...)
}

// keywordFilter tests an exact string property; norm (may be nil) normalises the values.
func keywordFilter(field store.Field, f *model.KeywordFilter, norm func(string) string) *store.Filter {
	if f == nil {
		return nil
	}
	if norm == nil {
		norm = func(s string) string { return s }
	}
	var parts []*store.Filter
	if f.Eq != nil {
		parts = append(parts, cmp(field, store.OpEq, norm(*f.Eq)))
	}
	if f.In != nil {
		in := make([]string, len(f.In))
		for i, s := range f.In {
			in[i] = norm(s)
		}
		parts = append(parts, cmp(field, store.OpIn, in))
	}
	return all(parts...)
}

func enumFilter[E ~string](field store.Field, eq *E, in []E) *store.Filter {
	var parts []*store.Filter
	if eq != nil {
		parts = append(parts, cmp(field, store.OpEq, string(*eq)))
	}
	if in != nil {
		vals := make([]string, len(in))
		for i, e := range in {
			vals[i] = string(e)
		}
		parts = append(parts, cmp(field, store.OpIn, vals))
	}
	return all(parts...)
}

func intFilter(field store.Field, f *model.IntFilter) *store.Filter {
	if f == nil {
		return nil
	}
	var parts []*store.Filter
	if f.Eq != nil {
		parts = append(parts, cmp(field, store.OpEq, int64(*f.Eq)))
	}
	if f.In != nil {
		in := make([]int64, len(f.In))
		for i, n := range f.In {
			in[i] = int64(n)
		}
		parts = append(parts, cmp(field, store.OpIn, in))
	}
	if f.Gte != nil {
		parts = append(parts, cmp(field, store.OpGte, int64(*f.Gte)))
	}
	if f.Lte != nil {
		parts = append(parts, cmp(field, store.OpLte, int64(*f.Lte)))
	}
	return all(parts...)
}

func dateFilter(field store.Field, f *model.DateFilter) *store.Filter {
	if f == nil {
		return nil
	}
	var parts []*store.Filter
	if f.Eq != nil {
		parts = append(parts, cmp(field, store.OpEq, string(*f.Eq)))
	}
	if f.Gte != nil {
		parts = append(parts, cmp(field, store.OpGte, string(*f.Gte)))
	}
	if f.Lte != nil {
		parts = append(parts, cmp(field, store.OpLte, string(*f.Lte)))
	}
	return all(parts...)
}

func relationFilter(f *model.RelationFilter) *store.Filter {
	if f == nil {
		return nil
	}
	dir := store.Both
	if f.Direction != nil {
		dir = store.Direction(*f.Direction)
	}
	return &store.Filter{Rel: &store.RelFilter{
		Types:     relTypes(f.Types),
		Direction: dir,
		Other:     nodeWhere(f.Other),
	}}
}

// citesFilter holds for documents that cite the Kamerstuk ref: an outgoing CITES edge to a
// document with that dossier and number. It tests the cited document's properties rather
// than its ID, so a Kamerstuk loaded under another ID (a letter with a kenmerk) counts too.
func citesFilter(ref *model.KamerstukRef) *store.Filter {
	if ref == nil {
		return nil
	}
	return &store.Filter{Rel: &store.RelFilter{
		Types:     []kg.RelType{kg.Cites},
		Direction: store.Out,
		Other: all(cmp(store.FieldLabel, store.OpEq, string(kg.Document)),
			cmp(store.FieldDossier, store.OpEq, dossier(ref.Dossier)),
			cmp(store.FieldNumber, store.OpEq, int64(ref.Number))),
	}}
}

// dossier normalises a dossier as a user types it ("28638") to the printed form the graph
// stores ("28 638").
func dossier(s string) string { return kg.DossierDisplay(s) }

func nodeWhere(w *model.NodeWhere) *store.Filter {
	if w == nil {
		return nil
	}
	own := all(idFilter(w.ID), labelFilter(w.Label), nameFilter(w.Name), relationFilter(w.Related))
	return combine(own, w.And, w.Or, w.Not, nodeWhere, func(x *model.NodeWhere) bool { return x == nil })
}

func numberedWhere(w *model.NumberedWhere) *store.Filter {
	if w == nil {
		return nil
	}
	own := all(idFilter(w.ID), nameFilter(w.Name), intFilter(store.FieldNumber, w.Number), relationFilter(w.Related), openFilter(w.Open))
	return combine(own, w.And, w.Or, w.Not, numberedWhere, func(x *model.NumberedWhere) bool { return x == nil })
}

func datedWhere(w *model.DatedWhere) *store.Filter {
	if w == nil {
		return nil
	}
	own := all(idFilter(w.ID), nameFilter(w.Name), dateFilter(store.FieldDate, w.Date), relationFilter(w.Related))
	return combine(own, w.And, w.Or, w.Not, datedWhere, func(x *model.DatedWhere) bool { return x == nil })
}

func documentWhere(w *model.DocumentWhere) *store.Filter {
	if w == nil {
		return nil
	}
	var kind *store.Filter
	if w.Kind != nil {
		kind = enumFilter(store.FieldKind, w.Kind.Eq, w.Kind.In)
	}
	own := all(idFilter(w.ID), nameFilter(w.Name), kind, dateFilter(store.FieldDate, w.Date),
		keywordFilter(store.FieldDossier, w.Dossier, dossier), intFilter(store.FieldNumber, w.Number),
		citesFilter(w.Cites), relationFilter(w.Related))
	return combine(own, w.And, w.Or, w.Not, documentWhere, func(x *model.DocumentWhere) bool { return x == nil })
}

func motionWhere(w *model.MotionWhere) *store.Filter {
	if w == nil {
		return nil
	}
	var status *store.Filter
	if w.Status != nil {
		status = enumFilter(store.FieldStatus, w.Status.Eq, w.Status.In)
	}
	own := all(idFilter(w.ID), nameFilter(w.Name), keywordFilter(store.FieldDossier, w.Dossier, dossier),
		intFilter(store.FieldNumber, w.Number), dateFilter(store.FieldDateSubmitted, w.DateSubmitted),
		dateFilter(store.FieldDateAdopted, w.DateAdopted), status, relationFilter(w.Related))
	return combine(own, w.And, w.Or, w.Not, motionWhere, func(x *model.MotionWhere) bool { return x == nil })
}

func personWhere(w *model.PersonWhere) *store.Filter {
	if w == nil {
		return nil
	}
	var kind *store.Filter
	if w.Kind != nil {
		kind = enumFilter(store.FieldKind, w.Kind.Eq, w.Kind.In)
	}
	own := all(idFilter(w.ID), nameFilter(w.Name), kind, relationFilter(w.Related))
	return combine(own, w.And, w.Or, w.Not, personWhere, func(x *model.PersonWhere) bool { return x == nil })
}

func organisationWhere(w *model.OrganisationWhere) *store.Filter {
	if w == nil {
		return nil
	}
	own := all(idFilter(w.ID), nameFilter(w.Name), keywordFilter(store.FieldKind, w.Kind, nil), relationFilter(w.Related))
	return combine(own, w.And, w.Or, w.Not, organisationWhere, func(x *model.OrganisationWhere) bool { return x == nil })
}

// order translates orderBy for a label: DATE means the date submitted for motions.
func order(label kg.Label, in []*model.NodeOrder) []store.Order {
	out := make([]store.Order, 0, len(in))
	for _, o := range in {
		if o == nil {
			continue
		}
		var f store.Field
		switch o.Field {
		case model.OrderFieldID:
			f = store.FieldID
		case model.OrderFieldName:
			f = store.FieldName
		case model.OrderFieldDate:
			f = store.FieldDate
			if label == kg.Motion {
				f = store.FieldDateSubmitted
			}
		case model.OrderFieldNumber:
			f = store.FieldNumber
		case model.OrderFieldDegree:
			f = store.FieldDegree
		}
		out = append(out, store.Order{Field: f, Desc: o.Direction != nil && *o.Direction == model.OrderDirectionDesc})
	}
	return out
}

func relTypes(in []model.RelationType) []kg.RelType {
	if len(in) == 0 {
		return nil
	}
	out := make([]kg.RelType, len(in))
	for i, t := range in {
		out[i] = kg.RelType(t)
	}
	return out
}

func labels(in []model.Label) []kg.Label {
	if len(in) == 0 {
		return nil
	}
	out := make([]kg.Label, len(in))
	for i, l := range in {
		out[i] = kg.Label(l)
	}
	return out
}

package model

import (
	"fmt"
	"io"
	"strconv"

	"beleidsgraaf/kg"
)

// The GraphQL enums are plain string types whose values are the strings the graph stores
// (labels, relation types, kinds and statuses), so converting to and from kg is a cast.
// They are hand-written rather than generated so that this package never depends on
// generated code.

// Label is the GraphQL enum Label; its values are kg.Labels.
type Label string

// RelationType is the GraphQL enum RelationType; its values are kg.RelTypes.
type RelationType string

// Direction is the GraphQL enum Direction; its values are store.Directions.
type Direction string

// DocumentKind is the GraphQL enum DocumentKind (kg.Doc* constants).
type DocumentKind string

// PersonKind is the GraphQL enum PersonKind (kg.Person* constants).
type PersonKind string

// MotionStatus is the GraphQL enum MotionStatus (kg.Motion* constants).
type MotionStatus string

// OrderField is the GraphQL enum OrderField.
type OrderField string

// OrderDirection is the GraphQL enum OrderDirection.
type OrderDirection string

const (
	DirectionOut  Direction = "OUT"
	DirectionIn   Direction = "IN"
	DirectionBoth Direction = "BOTH"

	OrderFieldID     OrderField = "ID"
	OrderFieldName   OrderField = "NAME"
	OrderFieldDate   OrderField = "DATE"
	OrderFieldNumber OrderField = "NUMBER"
	OrderFieldDegree OrderField = "DEGREE"

	OrderDirectionAsc  OrderDirection = "ASC"
	OrderDirectionDesc OrderDirection = "DESC"
)

func labelValues() []string {
	out := make([]string, len(kg.Labels))
	for i, l := range kg.Labels {
		out[i] = string(l)
	}
	return out
}

func relTypeValues() []string {
	out := make([]string, len(kg.RelTypes))
	for i, t := range kg.RelTypes {
		out[i] = string(t)
	}
	return out
}

var enumValues = map[string][]string{
	"Label":            labelValues(),
	"RelationType":     relTypeValues(),
	"Direction":        {"OUT", "IN", "BOTH"},
	"DocumentKind":     {kg.DocLetter, kg.DocMemo, kg.DocAnnex, kg.DocMotion, kg.DocReference, kg.DocDebate, kg.DocQuestions, kg.DocAnswers, kg.DocQAList},
	"PersonKind":       {kg.PersonMinister, kg.PersonStaatssecretaris, kg.PersonMP, kg.PersonOther},
	"MotionStatus":     kg.MotionStatuses,
	"CommitmentStatus": kg.CommitmentStatuses,
	"OrderField":       {"ID", "NAME", "DATE", "NUMBER", "DEGREE"},
	"OrderDirection":   {"ASC", "DESC"},
}

// validEnum reports whether s is a value of the named enum.
func validEnum(enum, s string) bool {
	for _, v := range enumValues[enum] {
		if v == s {
			return true
		}
	}
	return false
}

func unmarshalEnum(enum string, v any) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", inputErrorf("%s must be a string", enum)
	}
	if !validEnum(enum, s) {
		return "", inputErrorf("%q is not a valid %s", s, enum)
	}
	return s, nil
}

// writeQuoted writes an enum value as a JSON string. The values are upper-case ASCII
// names, written as they are between quotes: strconv.Quote allocated a string for each of
// the hundreds of enum fields of a neighbourhood.
func writeQuoted(w io.Writer, s string) {
	if !plainASCII(s) {
		_, _ = io.WriteString(w, strconv.Quote(s))
		return
	}
	_, _ = io.WriteString(w, `"`)
	_, _ = io.WriteString(w, s)
	_, _ = io.WriteString(w, `"`)
}

// appendQuoted appends what writeQuoted writes.
func appendQuoted(dst []byte, s string) []byte {
	if !plainASCII(s) {
		return strconv.AppendQuote(dst, s)
	}
	return append(append(append(dst, '"'), s...), '"')
}

// plainASCII reports whether s is printable ASCII without quotes or backslashes: what
// strconv.Quote leaves as it is.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// IsValid reports whether the value is one of the enum's values.
func (e Label) IsValid() bool { return validEnum("Label", string(e)) }

// IsValid reports whether the value is one of the enum's values.
func (e RelationType) IsValid() bool { return validEnum("RelationType", string(e)) }

// IsValid reports whether the value is one of the enum's values.
func (e DocumentKind) IsValid() bool { return validEnum("DocumentKind", string(e)) }

// IsValid reports whether the value is one of the enum's values.
func (e PersonKind) IsValid() bool { return validEnum("PersonKind", string(e)) }

// IsValid reports whether the value is one of the enum's values.
func (e MotionStatus) IsValid() bool { return validEnum("MotionStatus", string(e)) }

// Enum values are plain ASCII identifiers, so strconv.Quote writes valid JSON for them.

func (e Label) MarshalGQL(w io.Writer)          { writeQuoted(w, string(e)) }
func (e RelationType) MarshalGQL(w io.Writer)   { writeQuoted(w, string(e)) }
func (e Direction) MarshalGQL(w io.Writer)      { writeQuoted(w, string(e)) }
func (e DocumentKind) MarshalGQL(w io.Writer)   { writeQuoted(w, string(e)) }
func (e PersonKind) MarshalGQL(w io.Writer)     { writeQuoted(w, string(e)) }
func (e MotionStatus) MarshalGQL(w io.Writer)   { writeQuoted(w, string(e)) }
func (e OrderField) MarshalGQL(w io.Writer)     { writeQuoted(w, string(e)) }
func (e OrderDirection) MarshalGQL(w io.Writer) { writeQuoted(w, string(e)) }

// AppendGQL appends what MarshalGQL writes: an eager answer (graph/codegen) writes the
// enums of its objects so, without three writes through an io.Writer for each.
func (e Label) AppendGQL(dst []byte) []byte          { return appendQuoted(dst, string(e)) }
func (e RelationType) AppendGQL(dst []byte) []byte   { return appendQuoted(dst, string(e)) }
func (e Direction) AppendGQL(dst []byte) []byte      { return appendQuoted(dst, string(e)) }
func (e DocumentKind) AppendGQL(dst []byte) []byte   { return appendQuoted(dst, string(e)) }
func (e PersonKind) AppendGQL(dst []byte) []byte     { return appendQuoted(dst, string(e)) }
func (e MotionStatus) AppendGQL(dst []byte) []byte   { return appendQuoted(dst, string(e)) }
func (e OrderField) AppendGQL(dst []byte) []byte     { return appendQuoted(dst, string(e)) }
func (e OrderDirection) AppendGQL(dst []byte) []byte { return appendQuoted(dst, string(e)) }

func (e *Label) UnmarshalGQL(v any) error {
	s, err := unmarshalEnum("Label", v)
	*e = Label(s)
	return err
}

func (e *RelationType) UnmarshalGQL(v any) error {
	s, err := unmarshalEnum("RelationType", v)
	*e = RelationType(s)
	return err
}

func (e *Direction) UnmarshalGQL(v any) error {
	s, err := unmarshalEnum("Direction", v)
	*e = Direction(s)
	return err
}

func (e *DocumentKind) UnmarshalGQL(v any) error {
	s, err := unmarshalEnum("DocumentKind", v)
	*e = DocumentKind(s)
	return err
}

func (e *PersonKind) UnmarshalGQL(v any) error {
	s, err := unmarshalEnum("PersonKind", v)
	*e = PersonKind(s)
	return err
}

func (e *MotionStatus) UnmarshalGQL(v any) error {
	s, err := unmarshalEnum("MotionStatus", v)
	*e = MotionStatus(s)
	return err
}

func (e *OrderField) UnmarshalGQL(v any) error {
	s, err := unmarshalEnum("OrderField", v)
	*e = OrderField(s)
	return err
}

func (e *OrderDirection) UnmarshalGQL(v any) error {
	s, err := unmarshalEnum("OrderDirection", v)
	*e = OrderDirection(s)
	return err
}

// InputError is a mistake in a client's input (an argument, a scalar or enum value); the
// API shows its message to the client as it is.
type InputError struct{ Msg string }

func (e *InputError) Error() string { return e.Msg }

func inputErrorf(format string, args ...any) error {
	return &InputError{Msg: fmt.Sprintf(format, args...)}
}

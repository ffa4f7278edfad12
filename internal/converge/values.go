// Package converge is the engine: what an apply, a plan and a refresh of a
// reservation decide and do, for every cloud, in neutral types. Given the
// desired reservation, the RIs the cloud reports and the private record, it
// makes the calls (confirming unconfirmed purchases, buying, waiting,
// reshaping, renewing what the real expiries fall short of, converging what
// every RI carries), honours cancellation, and returns the resulting record,
// what state should say and every diagnostic, word for word, as plain
// values. It knows nothing of Terraform: the provider package adapts it.
package converge

import (
	"maps"
	"slices"
	"strings"

	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// Val is an attribute's value as Terraform holds it: known, null, or not
// known until apply. V is the zero value unless the value is known.
type Val[T any] struct {
	V       T
	Null    bool
	Unknown bool
}

// Known is a known value.
func Known[T any](v T) Val[T] { return Val[T]{V: v} }

// Null is a null value.
func Null[T any]() Val[T] { return Val[T]{Null: true} }

// Unknown is a value known only after apply.
func Unknown[T any]() Val[T] { return Val[T]{Unknown: true} }

// IsKnown reports a value that is neither null nor unknown.
func (v Val[T]) IsKnown() bool { return !v.Null && !v.Unknown }

// Opt is a text that is null when empty: the APIs write "" for an absent
// value.
func Opt(s string) Val[string] {
	if s == "" {
		return Null[string]()
	}
	return Known(s)
}

// Element is one element of configurations: a shape and, once bought, its
// RI.
type Element struct {
	Shape reservation.Shape
	// ShapeKnown is false while a plan does not know the whole shape.
	ShapeKnown bool
	// ID is the RI's; "" for an element without one (a placeholder).
	ID     Val[string]
	Status Val[string]
	Expiry Val[string]
}

// Bought reports whether the element has an RI.
func (e Element) Bought() bool { return e.ID.V != "" }

// Statuses of elements that have no RI.
const (
	// StatusNotPurchased: provably never bought; the next apply buys it.
	StatusNotPurchased = "NotPurchased"
	// StatusUnconfirmed: a purchase whose answer was lost; the next apply
	// repeats it with the same ClientToken, which cannot buy twice.
	StatusUnconfirmed = "PurchaseUnconfirmed"
)

// Reservation is what a plan, a state or a configuration says of one
// reservation, in neutral terms.
type Reservation struct {
	ID     Val[string]
	Region Val[string]
	// Elements are nil, with ElementsKnown false, when the list or one of
	// its elements is not known.
	Elements      []Element
	ElementsKnown bool
	Period        Val[int]
	PeriodUnit    Val[string]
	Name          Val[string]
	Description   Val[string]
	// Tags are unknown when any value is.
	Tags        Val[map[string]string]
	AutoRenew   Val[bool]
	RenewalTerm Val[reservation.Term]
	StartTime   Val[string]
	Status      Val[string]
	ExpiredTime Val[string]
	// Attrs are the cloud's own text attributes by name (platform,
	// project_name, …).
	Attrs map[string]Val[string]
	// Locks are the lock reasons of every RI.
	Locks Val[[]string]
}

// Term is the configured term; zero while not known.
func (r *Reservation) Term() reservation.Term {
	return reservation.Term{Period: r.Period.V, Unit: r.PeriodUnit.V}
}

// TermKnown reports whether the term is known.
func (r *Reservation) TermKnown() bool { return r.Period.IsKnown() && r.PeriodUnit.IsKnown() }

// BoughtIDs are the IDs of the elements that have an RI, in order.
func BoughtIDs(elems []Element) []string {
	var out []string
	for _, e := range elems {
		if e.Bought() {
			out = append(out, e.ID.V)
		}
	}
	return out
}

// RecordedIDs are the RI IDs a reservation records, in configurations
// order; after an import, when only the id attribute is known, its parts.
func (r *Reservation) RecordedIDs() []string {
	if r.ElementsKnown && len(r.Elements) > 0 {
		return BoughtIDs(r.Elements)
	}
	if r.ID.V == "" {
		return nil
	}
	return strings.Split(r.ID.V, ",")
}

// Clone copies what the engine may change.
func (r *Reservation) Clone() *Reservation {
	out := *r
	out.Elements = slices.Clone(r.Elements)
	out.Attrs = maps.Clone(r.Attrs)
	out.Tags.V = maps.Clone(r.Tags.V)
	out.Locks.V = slices.Clone(r.Locks.V)
	return &out
}

// Severity of a diagnostic.
type Severity int

// Severities.
const (
	Warning Severity = iota
	Error
)

// Diagnostic is one message for the user. Attribute names the attribute it
// is about ("" for the resource), Index an element of it (-1 for none), and
// Field an attribute of that element.
type Diagnostic struct {
	Severity  Severity
	Summary   string
	Detail    string
	Attribute string
	Index     int
	Field     string
}

// Diagnostics are what an operation tells the user, in order.
type Diagnostics []Diagnostic

func (d *Diagnostics) warn(summary, detail string) {
	*d = append(*d, Diagnostic{Severity: Warning, Summary: summary, Detail: detail, Index: -1})
}

func (d *Diagnostics) warnAt(attr, summary, detail string) {
	*d = append(*d, Diagnostic{Severity: Warning, Summary: summary, Detail: detail, Attribute: attr, Index: -1})
}

func (d *Diagnostics) fail(summary, detail string) {
	*d = append(*d, Diagnostic{Severity: Error, Summary: summary, Detail: detail, Index: -1})
}

func (d *Diagnostics) failAt(attr string, index int, summary, detail string) {
	*d = append(*d, Diagnostic{Severity: Error, Summary: summary, Detail: detail, Attribute: attr, Index: index})
}

// HasError reports whether any diagnostic is an error.
func (d Diagnostics) HasError() bool {
	for _, x := range d {
		if x.Severity == Error {
			return true
		}
	}
	return false
}

// Package reservation holds the cloud-neutral domain of reserved instances:
// shapes and computing power, terms and what is still owed on them, the
// reshape planner, and each cloud's limits as a Rules value. It imports
// neither Terraform nor any SDK, so every rule can be tested exhaustively in
// milliseconds.
package reservation

// Rules are one cloud's limits and conventions. The planner, the term
// arithmetic and the attribute checks read them, so a second cloud is a
// second value, not a second code path.
type Rules struct {
	// Cloud names the cloud in messages.
	Cloud string
	// TypePrefix starts every instance type name ("ecs.").
	TypePrefix string
	// ZonalOnlyFamilies can be reserved only in a zone and never split or
	// merged (a one-to-one modification is allowed).
	ZonalOnlyFamilies map[string]bool

	MinAmount, MaxAmount int
	// MaxModifySources and MaxModifyTargets bound one ModifyReservedInstances.
	MaxModifySources, MaxModifyTargets int

	// PurchaseTerms are the terms one purchase buys, shortest first;
	// RenewalTerms the terms one renewal adds, longest first.
	PurchaseTerms, RenewalTerms []Term
	// TermUnits are the units period may be written in.
	TermUnits []string
	// MaxAheadMonths is how far past today a renewal may push an expiry.
	MaxAheadMonths int

	// AutoRenewTerms are the lengths of one automatic renewal the cloud
	// sets on an RI that exists; PurchaseAutoRenewTerms those a purchase
	// (and a modification) can carry itself. A length only the first
	// allows is set by a call that follows the purchase.
	AutoRenewTerms, PurchaseAutoRenewTerms []Term

	// RenameByModify: names, descriptions and projects change only through
	// ModifyReservedInstances, which gives the RIs new IDs.
	RenameByModify bool

	Text  TextRules
	Calls Calls
}

// Calls names each operation's API action and its batch size, so that plans
// can announce the exact calls an apply makes.
type Calls struct {
	Purchase, Modify, Renew, AutoRenew, Rename, Tag, Untag string
	// Batch limits: IDs per call.
	RenewIDs, AutoRenewIDs, TagIDs, TagsPerCall int
}

// Alibaba is ECS 2014-05-26 as documented in the seeds: 1–50 instances per
// RI, 20 sources and 100 targets per modification, terms of 1 month or 1, 3
// or 5 years (the console sells 1 month and 5 years too), expiries at most
// five years ahead.
var Alibaba = &Rules{
	Cloud:             "Alibaba Cloud",
	TypePrefix:        "ecs.",
	ZonalOnlyFamilies: map[string]bool{"ecs.gn6i": true, "ecs.t5": true},
	MinAmount:         1, MaxAmount: 50,
	MaxModifySources: 20, MaxModifyTargets: 100,
	PurchaseTerms:  []Term{{1, Month}, {1, Year}, {3, Year}, {5, Year}},
	RenewalTerms:   []Term{{5, Year}, {3, Year}, {1, Year}, {1, Month}},
	TermUnits:      []string{Year, Month},
	MaxAheadMonths: 60,
	// ModifyReservedInstanceAutoRenewAttribute sets 1 month or 1, 3 or 5
	// years; a purchase carries 1, 12 or 36 months (AutoRenewPeriod), so a
	// 5-year renewal is set by a call after the purchase. (A purchase also
	// takes 3 months, which no later call could set again: not offered.)
	AutoRenewTerms:         []Term{{1, Month}, {1, Year}, {3, Year}, {5, Year}},
	PurchaseAutoRenewTerms: []Term{{1, Month}, {1, Year}, {3, Year}},
	Text:                   alibabaText,
	Calls: Calls{
		Purchase: "PurchaseReservedInstancesOffering", Modify: "ModifyReservedInstances", Renew: "RenewReservedInstances",
		AutoRenew: "ModifyReservedInstanceAutoRenewAttribute", Rename: "ModifyReservedInstanceAttribute",
		Tag: "TagResources", Untag: "UntagResources",
		RenewIDs: 10, AutoRenewIDs: 100, TagIDs: 50, TagsPerCall: 20,
	},
}

// Volcengine is ECS 2020-04-01 with renewals through Billing 2022-01-01:
// 1–100 instances per RI, 10 sources and 50 targets per modification, terms
// in months (1–9, 12, 24, 36), and renaming only by modification.
var Volcengine = &Rules{
	Cloud:             "Volcengine",
	TypePrefix:        "ecs.",
	ZonalOnlyFamilies: map[string]bool{},
	MinAmount:         1, MaxAmount: 100,
	MaxModifySources: 10, MaxModifyTargets: 50,
	PurchaseTerms:  monthTerms(1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 24, 36),
	RenewalTerms:   reversed(monthTerms(1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 24, 36)),
	TermUnits:      []string{Month, Year},
	MaxAheadMonths: 60,
	// Billing's SetRenewalType sets 1–12, 24 or 36 months (or 1–3 years);
	// a purchase or a modification carries 1, 2, 3, 6 or 12 months
	// (AutoRenewPeriod), so the other lengths are set after it.
	AutoRenewTerms:         monthTerms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36),
	PurchaseAutoRenewTerms: monthTerms(1, 2, 3, 6, 12),
	RenameByModify:         true,
	Text:                   volcengineText,
	Calls: Calls{
		Purchase: "PurchaseReservedInstances", Modify: "ModifyReservedInstances", Renew: "RenewInstance",
		AutoRenew: "SetRenewalType", Rename: "ModifyReservedInstances", Tag: "CreateTags", Untag: "DeleteTags",
		RenewIDs: 1, AutoRenewIDs: 1, TagIDs: 20, TagsPerCall: 20,
	},
}

func monthTerms(months ...int) []Term {
	out := make([]Term, len(months))
	for i, m := range months {
		out[i] = Term{Period: m, Unit: Month}
	}
	return out
}

func reversed(ts []Term) []Term {
	out := make([]Term, len(ts))
	for i, t := range ts {
		out[len(ts)-1-i] = t
	}
	return out
}

// Clouds are the rules of every cloud the provider serves.
var Clouds = []*Rules{Alibaba, Volcengine}

// NormalizationFactor is the factor of an instance type of any cloud.
func NormalizationFactor(name string) (int, bool) {
	for _, r := range Clouds {
		if f, ok := r.NormalizationFactor(name); ok {
			return f, true
		}
	}
	return 0, false
}

// ZonalOnly reports whether the type's family can only be reserved in a zone.
func (r *Rules) ZonalOnly(name string) bool {
	t, ok := r.ParseInstanceType(name)
	return ok && r.ZonalOnlyFamilies[t.Family]
}

// CarriesAutoRenew reports whether a purchase or a modification can carry
// an automatic renewal of t itself; otherwise it is set by a call after.
func (r *Rules) CarriesAutoRenew(t Term) bool {
	for _, a := range r.PurchaseAutoRenewTerms {
		if a.Months() == t.Months() {
			return true
		}
	}
	return false
}

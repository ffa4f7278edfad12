package provider_test

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// configGenerator writes random configurations the schema accepts, as
// Terraform would send them: every attribute present, unset ones null.
type configGenerator struct {
	rng *rand.Rand
	typ tftypes.Object
}

func (g *configGenerator) nulls() map[string]tftypes.Value {
	out := map[string]tftypes.Value{}
	for name, typ := range g.typ.AttributeTypes {
		out[name] = tftypes.NewValue(typ, nil)
	}
	return out
}

func (g *configGenerator) chance(p float64) bool { return g.rng.Float64() < p }

func (g *configGenerator) pick(options ...string) string { return options[g.rng.IntN(len(options))] }

func tfString(s string) tftypes.Value     { return tftypes.NewValue(tftypes.String, s) }
func tfNumber(n int) tftypes.Value        { return tftypes.NewValue(tftypes.Number, big.NewFloat(float64(n))) }
func tfBool(b bool) tftypes.Value         { return tftypes.NewValue(tftypes.Bool, b) }
func tfNull(t tftypes.Type) tftypes.Value { return tftypes.NewValue(t, nil) }

// text writes n random characters from the alphabet.
func (g *configGenerator) text(alphabet []rune, n int) string {
	var b strings.Builder
	for range n {
		b.WriteRune(alphabet[g.rng.IntN(len(alphabet))])
	}
	return b.String()
}

var (
	letters     = []rune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
	nameRunes   = append(append([]rune("0123456789:_-预留实例"), letters...), letters...)
	freeText    = []rune("abc XYZ 0123 ,.;:!?()-_/预留实例券 éü")
	tagKeyRunes = []rune("abcdefghijklmnopqrstuvwxyz0123456789_.:/=+-@ ")
)

func (g *configGenerator) tags() tftypes.Value { return g.tagsOf(freeText) }

// tagsOf writes tags whose values are drawn from alphabet.
func (g *configGenerator) tagsOf(alphabet []rune) tftypes.Value {
	typ := tftypes.Map{ElementType: tftypes.String}
	if g.chance(0.3) {
		return tfNull(typ)
	}
	tags := map[string]tftypes.Value{}
	for range g.rng.IntN(5) {
		key := "k" + g.text(tagKeyRunes, g.rng.IntN(12))
		value := ""
		if g.chance(0.8) {
			value = g.text(alphabet, g.rng.IntN(20))
		}
		tags[key] = tfString(value)
	}
	return tftypes.NewValue(typ, tags)
}

func (g *configGenerator) optionalString(p float64, value func() string) tftypes.Value {
	if g.chance(p) {
		return tfString(value())
	}
	return tfNull(tftypes.String)
}

// alibabaGenerator writes ecsri_reserved_instance configurations.
type alibabaGenerator struct{ configGenerator }

func newAlibabaGenerator(typ tftypes.Object, seed uint64) *alibabaGenerator {
	return &alibabaGenerator{configGenerator{rng: rand.New(rand.NewPCG(seed, seed+1)), typ: typ}}
}

func (g *alibabaGenerator) elementType() tftypes.Object {
	list, _ := g.typ.AttributeTypes["configurations"].(tftypes.List)
	elem, _ := list.ElementType.(tftypes.Object)
	return elem
}

// element is one configuration element; zonal-only families get a zone.
func (g *alibabaGenerator) element() (tftypes.Value, bool) {
	et := g.elementType()
	attrs := map[string]tftypes.Value{}
	for name, typ := range et.AttributeTypes {
		attrs[name] = tfNull(typ)
	}
	family := g.pick("g6", "c6", "r6", "g7", "gn6i")
	size := g.pick("large", "xlarge", "2xlarge", "4xlarge")
	typ := "ecs." + family + "." + size
	if family == "gn6i" {
		typ = "ecs.gn6i-c4g1." + g.pick("xlarge", "2xlarge", "4xlarge")
	}
	attrs["instance_type"] = tfString(typ)
	if g.chance(0.6) {
		attrs["instance_amount"] = tfNumber(1 + g.rng.IntN(50))
	}
	zonal := family == "gn6i" || g.chance(0.4)
	if zonal {
		attrs["zone_id"] = tfString(g.pick("cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j", "cn-hangzhou-k"))
		if g.chance(0.5) {
			attrs["scope"] = tfString("Zone")
		}
	} else if g.chance(0.5) {
		attrs["scope"] = tfString("Region")
	}
	return tftypes.NewValue(et, attrs), zonal
}

// term is a period and its unit the cloud sells as a purchase and
// renewals, within five years.
func (g *alibabaGenerator) term(attrs map[string]tftypes.Value) {
	if g.chance(0.3) {
		return
	}
	switch {
	case g.chance(0.15): // the period alone is in years, the default unit
		attrs["period"] = tfNumber(1 + g.rng.IntN(5))
		return
	case g.chance(0.1): // the unit alone is a period of 1
		attrs["period_unit"] = tfString(g.pick("Year", "Month"))
		return
	case g.chance(0.5):
		attrs["period"], attrs["period_unit"] = tfNumber(1+g.rng.IntN(5)), tfString("Year")
		return
	}
	attrs["period"], attrs["period_unit"] = tfNumber([]int{1, 2, 12, 13, 18, 24}[g.rng.IntN(6)]), tfString("Month")
}

func (g *alibabaGenerator) renewal(attrs map[string]tftypes.Value) {
	if g.chance(0.4) {
		attrs["auto_renew"] = tfBool(g.chance(0.6))
	}
	if g.chance(0.5) {
		t := []struct {
			n    int
			unit string
		}{{1, "Month"}, {1, "Year"}, {3, "Year"}, {5, "Year"}}[g.rng.IntN(4)]
		attrs["auto_renew_period"], attrs["auto_renew_period_unit"] = tfNumber(t.n), tfString(t.unit)
	}
}

func (g *alibabaGenerator) decorate(attrs map[string]tftypes.Value) {
	attrs["name"] = g.optionalString(0.7, func() string { return g.text(letters, 1) + g.text(nameRunes, 1+g.rng.IntN(20)) })
	attrs["description"] = g.optionalString(0.5, func() string { return g.text(letters, 1) + g.text(freeText, 1+g.rng.IntN(40)) })
	attrs["tags"] = g.tags()
	g.renewal(attrs)
}

func (g *alibabaGenerator) config() tftypes.Value {
	attrs := g.nulls()
	var elems []tftypes.Value
	regional := true
	for range 1 + g.rng.IntN(3) {
		e, zonal := g.element()
		elems = append(elems, e)
		regional = regional && !zonal
	}
	attrs["configurations"] = tftypes.NewValue(tftypes.List{ElementType: g.elementType()}, elems)
	g.term(attrs)
	g.decorate(attrs)
	attrs["platform"] = g.optionalString(0.3, func() string { return g.pick("Linux", "Windows") })
	attrs["offering_type"] = g.optionalString(0.3, func() string { return g.pick("All Upfront", "Partial Upfront", "No Upfront") })
	attrs["resource_group_id"] = g.optionalString(0.3, func() string { return "rg-" + g.text(letters, 8) })
	attrs["region_id"] = g.optionalString(0.2, func() string { return "cn-hangzhou" })
	if regional && g.chance(0.4) {
		hour := time.Now().UTC().Add(time.Duration(2+g.rng.IntN(72)) * time.Hour).Truncate(time.Hour)
		attrs["start_time"] = tfString(hour.Format(g.pick("2006-01-02T15Z", "2006-01-02T15:04Z")))
	}
	return tftypes.NewValue(g.typ, attrs)
}

// changed is config with another random decoration and, sometimes, a
// longer term and one more element.
func (g *alibabaGenerator) changed(config tftypes.Value) tftypes.Value {
	var attrs map[string]tftypes.Value
	if err := config.As(&attrs); err != nil {
		panic(fmt.Sprint(err))
	}
	g.decorate(attrs)
	if g.chance(0.4) {
		var period big.Float
		n, unit := int64(1), "Year" // the defaults
		if p := attrs["period"]; !p.IsNull() {
			_ = p.As(&period)
			n, _ = period.Int64()
		}
		if u := attrs["period_unit"]; !u.IsNull() {
			_ = u.As(&unit)
		}
		months := int(n)
		if unit == "Year" {
			months *= 12
		}
		// Renewals end at most five years from today, which a term that
		// starts later cannot reach.
		if limit := 60; months+12 <= limit && (attrs["start_time"].IsNull() || months+12 < limit) {
			attrs["period"], attrs["period_unit"] = tfNumber(months+12), tfString("Month")
		}
	}
	if g.chance(0.3) {
		var elems []tftypes.Value
		_ = attrs["configurations"].As(&elems)
		e, _ := g.element()
		elems = append(elems, e)
		attrs["configurations"] = tftypes.NewValue(attrs["configurations"].Type(), elems)
		if !attrs["start_time"].IsNull() {
			attrs["start_time"] = tfNull(tftypes.String)
		}
	}
	return tftypes.NewValue(g.typ, attrs)
}

// volcengineGenerator writes ecsri_volcengine_reserved_instance
// configurations.
type volcengineGenerator struct{ alibabaGenerator }

func newVolcengineGenerator(typ tftypes.Object, seed uint64) *volcengineGenerator {
	return &volcengineGenerator{*newAlibabaGenerator(typ, seed)}
}

func (g *volcengineGenerator) element() tftypes.Value {
	et := g.elementType()
	attrs := map[string]tftypes.Value{}
	for name, typ := range et.AttributeTypes {
		attrs[name] = tfNull(typ)
	}
	attrs["instance_type"] = tfString("ecs." + g.pick("g3i", "c3i", "r3i") + "." + g.pick("large", "xlarge", "2xlarge"))
	if g.chance(0.6) {
		attrs["instance_amount"] = tfNumber(1 + g.rng.IntN(10))
	}
	attrs["zone_id"] = tfString(g.pick("cn-beijing-a", "cn-beijing-b", "cn-beijing-c"))
	if g.chance(0.5) {
		attrs["scope"] = tfString("Zone")
	}
	return tftypes.NewValue(et, attrs)
}

var volcengineNameRunes = append(append([]rune("0123456789_-预留实例"), letters...), letters...)

func (g *volcengineGenerator) decorate(attrs map[string]tftypes.Value) {
	attrs["name"] = tfString(g.text(letters, 1) + g.text(volcengineNameRunes, g.rng.IntN(20)))
	attrs["description"] = g.optionalString(0.5, func() string { return g.text(freeText, 1+g.rng.IntN(40)) })
	attrs["tags"] = g.tagsOf(tagKeyRunes)
	if g.chance(0.4) {
		attrs["auto_renew"] = tfBool(g.chance(0.6))
	}
	if g.chance(0.5) {
		attrs["auto_renew_period"] = tfNumber([]int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36}[g.rng.IntN(14)])
	}
}

func (g *volcengineGenerator) config() tftypes.Value {
	attrs := g.nulls()
	var elems []tftypes.Value
	for range 1 + g.rng.IntN(3) {
		elems = append(elems, g.element())
	}
	attrs["configurations"] = tftypes.NewValue(tftypes.List{ElementType: g.elementType()}, elems)
	switch {
	case g.chance(0.2): // the period alone is in months, the default unit
		attrs["period"] = tfNumber([]int{1, 3, 9, 12}[g.rng.IntN(4)])
	case g.chance(0.1):
		attrs["period"], attrs["period_unit"] = tfNumber(1+g.rng.IntN(3)), tfString("Year")
	case g.chance(0.7):
		attrs["period"], attrs["period_unit"] = tfNumber([]int{1, 3, 9, 12, 18, 24, 36}[g.rng.IntN(7)]), tfString("Month")
	}
	g.decorate(attrs)
	attrs["project_name"] = g.optionalString(0.3, func() string { return "default" })
	attrs["region_id"] = g.optionalString(0.2, func() string { return "cn-beijing" })
	return tftypes.NewValue(g.typ, attrs)
}

// changed is config with another random decoration (a rename gives new
// IDs) and, sometimes, one more element.
func (g *volcengineGenerator) changed(config tftypes.Value) tftypes.Value {
	var attrs map[string]tftypes.Value
	if err := config.As(&attrs); err != nil {
		panic(fmt.Sprint(err))
	}
	g.decorate(attrs)
	if g.chance(0.3) {
		var elems []tftypes.Value
		_ = attrs["configurations"].As(&elems)
		elems = append(elems, g.element())
		attrs["configurations"] = tftypes.NewValue(attrs["configurations"].Type(), elems)
	}
	return tftypes.NewValue(g.typ, attrs)
}

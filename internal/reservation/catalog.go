// Package reservation holds the domain rules of reserved instances: instance
// families and normalisation factors, term arithmetic and the documented
// attribute constraints. It imports neither Terraform nor the SDK, so every
// rule can be tested exhaustively in milliseconds.
package reservation

import (
	"strconv"
	"strings"
)

// zonalOnlyFamilies can be bought only as zonal RIs and never split or merged.
var zonalOnlyFamilies = map[string]bool{"ecs.gn6i": true, "ecs.t5": true}

// InstanceType is what the provider knows about a type from its name alone.
type InstanceType struct {
	Name   string
	Family string
	// Factor is the normalisation factor (the vCPU count for standard
	// sizes); zero when the size is not a standard one.
	Factor int
}

// ParseInstanceType reads "ecs.<family>[-<variant>].<size>". ok is false for
// names that do not have that shape.
func ParseInstanceType(name string) (InstanceType, bool) {
	parts := strings.Split(name, ".")
	if len(parts) != 3 || parts[0] != "ecs" || parts[1] == "" || parts[2] == "" {
		return InstanceType{}, false
	}
	family, _, _ := strings.Cut(parts[1], "-")
	return InstanceType{Name: name, Family: "ecs." + family, Factor: sizeFactor(parts[2])}, true
}

// sizeFactor follows Alibaba's worked examples (g5.xlarge 4, g5.2xlarge 8,
// g5.4xlarge 16): the factor equals the vCPU count of the standard size.
func sizeFactor(size string) int {
	switch size {
	case "small":
		return 1
	case "large":
		return 2
	case "xlarge":
		return 4
	}
	if n, ok := strings.CutSuffix(size, "xlarge"); ok {
		if k, err := strconv.Atoi(n); err == nil && k > 0 {
			return 4 * k
		}
	}
	return 0
}

// NormalizationFactor returns the factor of a type, or ok=false when the name
// or its size is not one whose factor is known.
func NormalizationFactor(name string) (int, bool) {
	t, ok := ParseInstanceType(name)
	if !ok || t.Factor == 0 {
		return 0, false
	}
	return t.Factor, true
}

// ZonalOnly reports whether the type's family can only be reserved in a zone.
func ZonalOnly(name string) bool {
	t, ok := ParseInstanceType(name)
	return ok && zonalOnlyFamilies[t.Family]
}

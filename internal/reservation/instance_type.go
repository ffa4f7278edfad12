package reservation

import (
	"strconv"
	"strings"
)

// maxSizeMultiple bounds the N of an "Nxlarge" size. The largest types on
// sale are a few dozen xlarge; the bound keeps factor × amount sums far from
// integer overflow whatever a configuration writes.
const maxSizeMultiple = 1024

// InstanceType is what the provider knows about a type from its name alone.
type InstanceType struct {
	Name   string
	Family string
	// Factor is the normalisation factor (the vCPU count for standard
	// sizes); zero when the size is not a standard one.
	Factor int
}

// ParseInstanceType reads "<prefix><family>[-<variant>].<size>". ok is false
// for names that do not have that shape.
func (r *Rules) ParseInstanceType(name string) (InstanceType, bool) {
	rest, ok := strings.CutPrefix(name, r.TypePrefix)
	parts := strings.Split(rest, ".")
	if !ok || len(parts) != 2 || parts[0] == "" || parts[1] == "" {
		return InstanceType{}, false
	}
	family, _, _ := strings.Cut(parts[0], "-")
	return InstanceType{Name: name, Family: r.TypePrefix + family, Factor: sizeFactor(parts[1])}, true
}

// sizeFactor follows both clouds' worked examples (g5.xlarge 4, g5.2xlarge
// 8, g5.4xlarge 16): the factor equals the vCPU count of the standard size.
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
		if k, err := strconv.Atoi(n); err == nil && k > 0 && k <= maxSizeMultiple && strconv.Itoa(k) == n {
			return 4 * k
		}
	}
	return 0
}

// NormalizationFactor returns the factor of a type, or ok=false when the name
// or its size is not one whose factor is known.
func (r *Rules) NormalizationFactor(name string) (int, bool) {
	t, ok := r.ParseInstanceType(name)
	if !ok || t.Factor == 0 {
		return 0, false
	}
	return t.Factor, true
}

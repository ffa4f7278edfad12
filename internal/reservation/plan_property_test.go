package reservation

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestPlanReshapeBeyondLimitsProperties plans random reshapes that more
// than one call must make, and checks every plan step by step (simulate:
// call limits, amount bounds, placement kept by splits and merges,
// computing power and family kept by each call, expiries, handles made by
// earlier steps only) and that it ends at exactly the configured shapes.
//
// Every case is reachable, by construction:
//   - split: one RI into up to 2.5 × MaxModifyTargets elements of
//     ecs.g6.large or xlarge, 1 to 3 each, anywhere: group the elements by
//     type into runs of at most MaxAmount instances and MaxModifyTargets
//     elements, split the RI into those runs, split each and move;
//   - merge: up to 3 × MaxModifySources RIs of large or xlarge, 1 to 3 each,
//     into one: the same in reverse;
//   - many: RIs into elements, each of at most 2 × MaxAmount computing power
//     (one ecs.g6.large RI holds that much): cut both at every boundary,
//     each part even and no larger than a large RI holds, split each RI
//     into its parts and merge each element from its own.
func TestPlanReshapeBeyondLimitsProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 5))
	places := []Shape{{Scope: ScopeRegion}, {Scope: ScopeZone, Zone: "cn-hangzhou-h"}, {Scope: ScopeZone, Zone: "cn-hangzhou-i"}}
	sizes := []string{"large", "xlarge", "2xlarge", "4xlarge"}
	factor := map[string]int{"large": 2, "xlarge": 4, "2xlarge": 8, "4xlarge": 16}
	place := func(s Shape) Shape {
		pl := places[rng.IntN(len(places))]
		s.Scope, s.Zone = pl.Scope, pl.Zone
		return s
	}
	// small makes up to n shapes of large or xlarge, 1 to 3 each (mostly
	// 1), holding at most bound together.
	small := func(family string, n, bound int) []Shape {
		var out []Shape
		for c := 0; len(out) < n; {
			s := Shape{Type: family + "." + sizes[rng.IntN(2)], Amount: max(1, rng.IntN(4)-1)}
			if c += factor[s.Type[len(family)+1:]] * s.Amount; c > bound {
				break
			}
			out = append(out, place(s))
		}
		return out
	}
	total := func(shapes []Shape) int {
		n := 0
		for _, s := range shapes {
			f, _ := Alibaba.NormalizationFactor(s.Type)
			n += f * s.Amount
		}
		return n
	}
	// one is a single RI holding c: of a random size that can, or none.
	one := func(rules *Rules, family string, c int) (Shape, bool) {
		var fit []string
		for _, size := range sizes {
			if f := factor[size]; c%f == 0 && c/f <= rules.MaxAmount {
				fit = append(fit, size)
			}
		}
		if len(fit) == 0 {
			return Shape{}, false
		}
		size := fit[rng.IntN(len(fit))]
		return place(Shape{Type: family + "." + size, Amount: c / factor[size]}), true
	}
	// bounded makes shapes holding c together, each at most 2 × MaxAmount.
	bounded := func(rules *Rules, family string, c int) []Shape {
		var out []Shape
		for c > 0 {
			part := 2 * (1 + rng.IntN(min(c, 2*rules.MaxAmount)/2))
			if rng.IntN(3) == 0 {
				part = 2 * (1 + rng.IntN(min(c/2, 3)))
			}
			s, ok := one(rules, family, part)
			if !ok || factor[s.Type[len(family)+1:]]*s.Amount > 2*rules.MaxAmount {
				s = place(Shape{Type: family + ".large", Amount: part / 2})
			}
			out = append(out, s)
			c -= part
		}
		return out
	}

	const cases = 3000
	beyond := map[string]int{}
	for iter := range cases {
		rules := []*Rules{Alibaba, Volcengine}[iter%2]
		var have []Holding
		var want []Shape
		for f, family := range []string{"ecs.g6", "ecs.c6"}[:1+rng.IntN(2)] {
			var from, to []Shape
			switch mode := []string{"split", "merge", "many"}[rng.IntN(3)]; mode {
			case "split", "merge":
				limit := rules.MaxModifyTargets
				if mode == "merge" {
					limit = rules.MaxModifySources
				}
				// At most 16 short of what one 4xlarge RI holds, so that
				// adding large × 1 reaches a multiple of 16 it holds.
				parts := small(family, 1+rng.IntN(limit*5/2), 16*rules.MaxAmount-16)
				whole, ok := one(rules, family, total(parts))
				for !ok {
					parts = append(parts, place(Shape{Type: family + ".large", Amount: 1}))
					whole, ok = one(rules, family, total(parts))
				}
				from, to = []Shape{whole}, parts
				if mode == "merge" {
					from, to = parts, []Shape{whole}
				}
				if len(parts) > limit {
					beyond[mode]++
				}
			case "many":
				c := 2 * (1 + rng.IntN(rules.MaxAmount*(1+rng.IntN(8))))
				from, to = bounded(rules, family, c), bounded(rules, family, c)
				if len(from) > rules.MaxModifySources || len(to) > rules.MaxModifyTargets {
					beyond[mode]++
				}
			}
			for j, s := range from {
				have = append(have, Holding{ID: fmt.Sprintf("ecsri-%d-%d-%d", iter, f, j), Shape: s, Expiry: "2030-01-01T00:00Z",
					MustChange: rules.RenameByModify && rng.IntN(8) == 0})
			}
			want = append(want, to...)
		}
		rng.Shuffle(len(want), func(i, j int) { want[i], want[j] = want[j], want[i] })
		t.Run(fmt.Sprint(iter), func(t *testing.T) {
			r := checkPlanWith(t, rules, have, want)
			for i, h := range r.Result {
				if h == "" {
					t.Fatalf("element %d (%v) is bought, though the reshape holds its computing power", i, want[i])
				}
			}
		})
	}
	t.Logf("%d cases; beyond one call: %v", cases, beyond)
	for _, mode := range []string{"split", "merge", "many"} {
		if beyond[mode] < cases/20 {
			t.Errorf("only %d cases of %s go beyond one call", beyond[mode], mode)
		}
	}
}

package reservation

import (
	"slices"
	"strings"
)

// manyToMany turns several RIs of a family into several. It plans each way
// below and keeps the one with the fewest calls, the first on a tie:
//
//   - merge them all into one RI, then split that (when one RI of a type in
//     play can hold their total);
//   - cut and join: lay the sources and the targets end to end by computing
//     power and cut both wherever either ends; each source is split into the
//     parts within it and each target merged from the parts within it. This
//     needs no RI larger than a source or a target, and merges only parts
//     that end in the same target (so RIs of different expiries can be
//     reshaped as long as no target takes from two of them). It is planned
//     in the order given, then largest first on both sides.
func (p *planner) manyToMany(family string, refs []ref, targets []int, total int) error {
	bySize := slices.Clone(refs)
	slices.SortStableFunc(bySize, func(a, b ref) int { ca, _ := p.compute(a.shape); cb, _ := p.compute(b.shape); return cb - ca })
	largest := slices.Clone(targets)
	slices.SortStableFunc(largest, func(a, b int) int { ca, _ := p.compute(p.want[a]); cb, _ := p.compute(p.want[b]); return cb - ca })
	ways := []func(*planner) error{
		func(q *planner) error { return q.throughOne(refs, targets, total) },
		func(q *planner) error { return q.cutAndJoin(refs, targets) },
	}
	if !slices.Equal(bySize, refs) || !slices.Equal(largest, targets) {
		ways = append(ways, func(q *planner) error { return q.cutAndJoin(bySize, largest) })
	}
	var best *planner
	var errs []error
	for _, way := range ways {
		q := p.fork()
		if err := way(q); err != nil {
			errs = append(errs, err)
		} else if best == nil || len(q.r.Steps) < len(best.r.Steps) {
			best = q
		}
	}
	if best == nil {
		return ruleErr("family %s: no sequence of calls turns %s into the %d reserved instances configured. Merged into one to split again: %s. Split where a configured one ends and merged again: %s",
			family, refsText(refs), len(targets), errs[0], errs[1])
	}
	*p.r = *best.r
	return nil
}

// fork is a copy of the planner whose steps and results can grow apart.
func (p *planner) fork() *planner {
	q := *p
	q.r = &Reshape{Steps: slices.Clone(p.r.Steps), Result: slices.Clone(p.r.Result), Dropped: p.r.Dropped}
	return &q
}

// throughOne merges every source into one RI and splits it into the
// targets: at the targets' placement when they share one, else at the
// first source's.
func (p *planner) throughOne(refs []ref, targets []int, total int) error {
	place := refs[0].shape
	if samePlacement(targets, p.want) {
		place = p.want[targets[0]]
	}
	// The one RI in between: a type already in play (so it exists), the
	// largest whose factor divides the total with an amount within bounds.
	between, ok := p.hold(total, place)
	if !ok {
		return ruleErr("the computing power of %d they hold fits no one reserved instance of a type already in this reshape (%s) with %d to %d instances",
			total, p.holdersText(), p.rules.MinAmount, p.rules.MaxAmount)
	}
	middle, err := p.merge(refs, between)
	if err != nil {
		return err
	}
	return p.split(middle, targets)
}

// cutAndJoin splits each source where a target ends within it and merges
// each target from its parts.
func (p *planner) cutAndJoin(srcs []ref, targets []int) error {
	type cut struct{ src, tgt, compute int }
	var cuts []cut
	bySrc, byTgt := make([][]int, len(srcs)), make([][]int, len(targets))
	leftS, _ := p.compute(srcs[0].shape)
	leftT, _ := p.compute(p.want[targets[0]])
	for i, j := 0, 0; i < len(srcs) && j < len(targets); {
		c := min(leftS, leftT)
		bySrc[i], byTgt[j] = append(bySrc[i], len(cuts)), append(byTgt[j], len(cuts))
		cuts = append(cuts, cut{i, j, c})
		if leftS -= c; leftS == 0 {
			if i++; i < len(srcs) {
				leftS, _ = p.compute(srcs[i].shape)
			}
		}
		if leftT -= c; leftT == 0 {
			if j++; j < len(targets) {
				leftT, _ = p.compute(p.want[targets[j]])
			}
		}
	}
	// The shapes of each cut, at its source's placement; none where the
	// cut is a whole source, which then goes on as it is.
	shapes := make([][]Shape, len(cuts))
	for k, c := range cuts {
		src, tgt := srcs[c.src], p.want[targets[c.tgt]]
		switch {
		case len(bySrc[c.src]) == 1:
		case len(byTgt[c.tgt]) == 1:
			tgt.Scope, tgt.Zone, tgt.Cluster = src.shape.Scope, src.shape.Zone, src.shape.Cluster
			shapes[k] = []Shape{tgt}
		default:
			var ok bool
			if shapes[k], ok = p.pieces(c.compute, src.shape, tgt.Type, src.shape.Type); !ok {
				return ruleErr("cutting %s where the configured %s begins or ends leaves a part of %d, which reserved instances of %s with %d to %d instances each cannot hold exactly",
					p.name(src), tgt, c.compute, p.holdersText(), p.rules.MinAmount, p.rules.MaxAmount)
			}
		}
	}
	parts := make([][]ref, len(cuts))
	for s, ks := range bySrc {
		if len(ks) == 1 {
			parts[ks[0]] = []ref{srcs[s]}
			continue
		}
		var all []Shape
		for _, k := range ks {
			all = append(all, shapes[k]...)
		}
		outs, err := p.splitInto(srcs[s], all)
		if err != nil {
			return err
		}
		for _, k := range ks {
			parts[k], outs = outs[:len(shapes[k])], outs[len(shapes[k]):]
		}
	}
	for t, ks := range byTgt {
		var from []ref
		for _, k := range ks {
			from = append(from, parts[k]...)
		}
		out, err := p.merge(from, p.want[targets[t]])
		if err != nil {
			return err
		}
		p.r.Result[targets[t]] = out.handle
	}
	return nil
}

// pieces are RIs at place that together hold computing power c: one of a
// preferred type or a type in play when one can, else the most of the
// largest type that fits, then the next, and so on.
func (p *planner) pieces(c int, place Shape, prefer ...string) ([]Shape, bool) {
	if s, ok := p.hold(c, place, prefer...); ok {
		return []Shape{s}, true
	}
	var out []Shape
	for _, t := range p.holders {
		for c >= t.Factor {
			n := min(p.rules.MaxAmount, c/t.Factor)
			if n < p.rules.MinAmount {
				break
			}
			out = append(out, Shape{Type: t.Name, Amount: n, Scope: place.Scope, Zone: place.Zone, Cluster: place.Cluster})
			c -= n * t.Factor
		}
	}
	return out, c == 0
}

func refsText(refs []ref) string {
	ids := make([]string, len(refs))
	for i, r := range refs {
		ids[i] = r.handle
	}
	return strings.Join(ids, ", ")
}

package reservation

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// One ModifyReservedInstances call splits into at most MaxModifyTargets and
// merges at most MaxModifySources. More than that takes a tree of calls: a
// split first makes intermediate RIs, each holding the computing power of a
// run of targets, and then splits each of them; a merge first merges runs of
// sources into intermediates, and then merges those. A tree whose calls take
// at most limit parts each and that has n leaves needs at least
// ⌈(n−1)/(limit−1)⌉ calls; one layer of intermediates reaches that bound for
// up to limit² leaves when every intermediate can be full.
//
// An intermediate must itself be a valid RI: a type already in the reshape
// (so it is one the cloud sells), whose factor divides the run's computing
// power, with an amount within the cloud's bounds, at the placement where the
// split or merge happens.

// part is one RI of a split or merge tree: a leaf, leaf being its index in
// the shapes the tree was built for, or an intermediate (leaf −1) that is
// split into, or merged from, its parts.
type part struct {
	shape   Shape
	compute int
	leaf    int
	parts   []*part
}

// hold is the shape of one RI holding computing power c at place: of the
// first preferred type that can, else of the type in play with the largest
// factor that can, its amount within the cloud's bounds.
func (p *planner) hold(c int, place Shape, prefer ...string) (Shape, bool) {
	at := func(name string, f int) (Shape, bool) {
		if f <= 0 || c%f != 0 || c/f < p.rules.MinAmount || c/f > p.rules.MaxAmount {
			return Shape{}, false
		}
		return Shape{Type: name, Amount: c / f, Scope: place.Scope, Zone: place.Zone, Cluster: place.Cluster}, true
	}
	for _, name := range prefer {
		if f, ok := p.factor(name); ok {
			if s, ok := at(name, f); ok {
				return s, true
			}
		}
	}
	for _, t := range p.holders {
		if s, ok := at(t.Name, t.Factor); ok {
			return s, true
		}
	}
	return Shape{}, false
}

// holdersText names the types an intermediate may take.
func (p *planner) holdersText() string {
	names := make([]string, len(p.holders))
	for i, t := range p.holders {
		names[i] = t.Name
	}
	if len(names) == 0 {
		return "none with a known normalisation factor"
	}
	return strings.Join(names, ", ")
}

// leaves makes the leaves of a tree over shapes, or reports that a factor
// is unknown.
func (p *planner) leaves(shapes []Shape) ([]*part, bool) {
	out := make([]*part, len(shapes))
	for k, s := range shapes {
		c, ok := p.compute(s)
		if !ok {
			return nil, false
		}
		out[k] = &part{shape: s, compute: c, leaf: k}
	}
	return out, true
}

// arrange builds the top of a tree over leaves whose calls take at most
// limit parts, its intermediates at place: the leaves themselves when they
// are few enough, else one layer of intermediates with the fewest of them,
// else (when one layer cannot do) layers that each leave as few parts as
// they can, until one more layer can. ok is false when no layer can join
// anything.
func (p *planner) arrange(leaves []*part, limit int, place Shape) ([]*part, bool) {
	if len(leaves) <= limit {
		return leaves, true
	}
	// Runs are joined in an order that keeps equal types together, small
	// amounts first, so that runs of one type fit under the amount bound.
	ps := slices.Clone(leaves)
	factor := func(x *part) int { f, _ := p.factor(x.shape.Type); return f }
	slices.SortStableFunc(ps, func(a, b *part) int {
		return cmp.Or(cmp.Compare(factor(a), factor(b)), strings.Compare(a.shape.Type, b.shape.Type), cmp.Compare(a.shape.Amount, b.shape.Amount))
	})
	for len(ps) > limit {
		next, done := p.layer(ps, limit, place)
		if done {
			return next, true
		}
		if len(next) == len(ps) {
			return nil, false
		}
		ps = next
	}
	return ps, true
}

// layer joins runs of consecutive parts into intermediates. When one layer
// can leave at most limit parts, it does so with the fewest intermediates
// (done); otherwise it leaves as few parts as it can, with the fewest
// intermediates for that.
func (p *planner) layer(ps []*part, limit int, place Shape) ([]*part, bool) {
	n := len(ps)
	pre := make([]int, n+1)
	for i, x := range ps {
		pre[i+1] = pre[i] + x.compute
	}
	// same[j] is how many parts from j on share ps[j]'s type.
	same := make([]int, n+1)
	for j := n - 1; j >= 0; j-- {
		same[j] = 1
		if j+1 < n && ps[j+1].shape.Type == ps[j].shape.Type {
			same[j] = same[j+1] + 1
		}
	}
	// fit[j][L-2] is the intermediate holding the run of L parts from j.
	fit := make([][]*Shape, n)
	for j := range n {
		for L := 2; L <= limit && j+L <= n; L++ {
			var prefer []string
			if same[j] >= L {
				prefer = []string{ps[j].shape.Type}
			}
			var s *Shape
			if h, ok := p.hold(pre[j+L]-pre[j], place, prefer...); ok {
				s = &h
			}
			fit[j] = append(fit[j], s)
		}
	}
	join := func(cuts []int) []*part {
		// cuts are the run starts and ends, from the right: [end, start, …].
		var out []*part
		i := n
		for k := 0; k < len(cuts); k += 2 {
			end, start := cuts[k], cuts[k+1]
			for ; i > end; i-- {
				out = append(out, ps[i-1])
			}
			out = append(out, &part{shape: *fit[start][end-start-2], compute: pre[end] - pre[start], leaf: -1, parts: ps[start:end]})
			i = start
		}
		for ; i > 0; i-- {
			out = append(out, ps[i-1])
		}
		slices.Reverse(out)
		return out
	}

	// widest: the most parts saved (L−1 for a run of L), then the fewest runs.
	type score struct{ saved, runs int }
	better := func(a, b score) bool { return a.saved > b.saved || a.saved == b.saved && a.runs < b.runs }
	wide := make([]score, n+1)
	from := make([]int, n+1) // start of the run ending at i, or −1
	for i := 1; i <= n; i++ {
		wide[i], from[i] = wide[i-1], -1
		for L := 2; L <= limit && L <= i; L++ {
			j := i - L
			if fit[j][L-2] == nil {
				continue
			}
			if s := (score{wide[j].saved + L - 1, wide[j].runs + 1}); better(s, wide[i]) {
				wide[i], from[i] = s, j
			}
		}
	}
	need := n - limit
	if wide[n].saved < need {
		var cuts []int
		for i := n; i > 0; {
			if from[i] < 0 {
				i--
				continue
			}
			cuts = append(cuts, i, from[i])
			i = from[i]
		}
		return join(cuts), false
	}

	// fewest: best[g][i] is the most parts saved among the first i with at
	// most g runs; the first g whose best reaches need is the fewest.
	best := [][]int{make([]int, n+1)}
	for g := 1; ; g++ {
		prev, row := best[g-1], make([]int, n+1)
		for i := 1; i <= n; i++ {
			row[i] = max(prev[i], row[i-1])
			for L := 2; L <= limit && L <= i; L++ {
				if fit[i-L][L-2] != nil {
					row[i] = max(row[i], prev[i-L]+L-1)
				}
			}
		}
		best = append(best, row)
		if row[n] >= need {
			break
		}
	}
	// Walk back preferring a run that ends here, so that the runs come
	// last and the parts that stay leaves first.
	var cuts []int
	for g, i := len(best)-1, n; i > 0; {
		took := false
		for L := limit; g > 0 && L >= 2 && !took; L-- {
			if L <= i && fit[i-L][L-2] != nil && best[g-1][i-L]+L-1 == best[g][i] {
				cuts = append(cuts, i, i-L)
				g, i, took = g-1, i-L, true
			}
		}
		switch {
		case took:
		case best[g][i-1] == best[g][i]:
			i--
		default:
			g--
		}
	}
	return join(cuts), true
}

// splitInto splits src into shapes (at src's placement), through
// intermediates when one call cannot make them all, and returns the handle
// of each shape.
func (p *planner) splitInto(src ref, shapes []Shape) ([]ref, error) {
	limit := p.rules.MaxModifyTargets
	if len(shapes) <= limit {
		return p.add(Split, []ref{src}, shapes), nil
	}
	leaves, ok := p.leaves(shapes)
	if !ok {
		return nil, ruleErr("splitting %s into %d reserved instances takes more than one %s call (at most %d each), which can only be planned when every normalisation factor is known",
			p.name(src), len(shapes), p.rules.Calls.Modify, limit)
	}
	top, ok := p.arrange(leaves, limit, src.shape)
	if !ok {
		return nil, ruleErr("%s cannot be split into %d reserved instances: one %s call makes at most %d, so some of them must first be split off together as one reserved instance of a type already in this reshape (%s) with %d to %d instances, and these shapes cannot be grouped that way",
			p.name(src), len(shapes), p.rules.Calls.Modify, limit, p.holdersText(), p.rules.MinAmount, p.rules.MaxAmount)
	}
	out := make([]ref, len(shapes))
	p.splitTree(src, top, out)
	return out, nil
}

func (p *planner) splitTree(src ref, parts []*part, out []ref) {
	shapes := make([]Shape, len(parts))
	for k, x := range parts {
		shapes[k] = x.shape
	}
	for k, o := range p.add(Split, []ref{src}, shapes) {
		if parts[k].leaf >= 0 {
			out[parts[k].leaf] = o
		} else {
			p.splitTree(o, parts[k].parts, out)
		}
	}
}

// mergeInto merges srcs, already at to's placement and of one expiry, into
// to, through intermediates when one call cannot take them all.
func (p *planner) mergeInto(srcs []ref, to Shape) (ref, error) {
	limit := p.rules.MaxModifySources
	if len(srcs) <= limit {
		return p.add(Merge, srcs, []Shape{to})[0], nil
	}
	shapes := make([]Shape, len(srcs))
	for k, s := range srcs {
		shapes[k] = s.shape
	}
	leaves, ok := p.leaves(shapes)
	if !ok {
		return ref{}, ruleErr("merging %d reserved instances into %s takes more than one %s call (at most %d each), which can only be planned when every normalisation factor is known",
			len(srcs), to, p.rules.Calls.Modify, limit)
	}
	top, ok := p.arrange(leaves, limit, to)
	if !ok {
		return ref{}, ruleErr("%d reserved instances cannot be merged into %s: one %s call merges at most %d, so some of them must first be merged into one reserved instance of a type already in this reshape (%s) with %d to %d instances, and these shapes cannot be grouped that way",
			len(srcs), to, p.rules.Calls.Modify, limit, p.holdersText(), p.rules.MinAmount, p.rules.MaxAmount)
	}
	return p.mergeTree(top, srcs, to), nil
}

func (p *planner) mergeTree(parts []*part, leaves []ref, to Shape) ref {
	srcs := make([]ref, len(parts))
	for k, x := range parts {
		if x.leaf >= 0 {
			srcs[k] = leaves[x.leaf]
		} else {
			srcs[k] = p.mergeTree(x.parts, leaves, x.shape)
		}
	}
	return p.add(Merge, srcs, []Shape{to})[0]
}

// name says which RI a handle is, for messages: an existing one by ID and
// shape, a step's output by its shape.
func (p *planner) name(r ref) string {
	if strings.HasPrefix(r.handle, "#") {
		return "the intermediate " + r.shape.String()
	}
	return fmt.Sprintf("%s (%s)", r.handle, r.shape)
}

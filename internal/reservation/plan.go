package reservation

import (
	"fmt"
	"slices"
	"strings"
)

// Scopes of an RI.
const (
	ScopeRegion = "Region"
	ScopeZone   = "Zone"
)

// Shape is what an RI is: a type, an amount, and where it applies.
type Shape struct {
	Type   string
	Amount int
	Scope  string // ScopeRegion or ScopeZone
	Zone   string // set iff Scope is ScopeZone
	// Cluster is the HPC cluster of a Volcengine GPU RI; empty elsewhere.
	Cluster string
}

func (s Shape) placement() string { return s.Scope + "/" + s.Zone + "/" + s.Cluster }

func (s Shape) String() string {
	where := "regional"
	if s.Zone != "" {
		where = "zone " + s.Zone
	}
	if s.Cluster != "" {
		where += ", HPC cluster " + s.Cluster
	}
	return fmt.Sprintf("%s × %d (%s)", s.Type, s.Amount, where)
}

// Holding is an RI that exists, known by its ID. Expiry is compared, not
// parsed: RIs can be merged only when it is the same.
type Holding struct {
	ID string
	Shape
	Expiry string
	// Lapsed RIs (expired, or inactive after a change made elsewhere) no
	// longer bill and cannot be modified: they keep their element while it
	// still describes them, and are dropped from the reservation when it
	// does not.
	Lapsed bool
	// MustChange RIs carry a name, description or project that only a
	// modification can change (Volcengine), so they cannot be kept as they
	// are even when their shape is unchanged.
	MustChange bool
}

// StepKind is one of the three shapes of a ModifyReservedInstances call.
type StepKind string

const (
	Modify StepKind = "modify" // one RI into one
	Split  StepKind = "split"  // one RI into several, same scope and zone
	Merge  StepKind = "merge"  // several RIs into one, same scope and zone
)

// Step is one ModifyReservedInstances call. Sources and Outputs are handles:
// the ID of an RI that exists before the reshape, or "#k.j" for output j of
// step k, whose real ID is known only once step k has run.
type Step struct {
	Kind    StepKind
	Sources []string
	Targets []Shape
	Outputs []string
}

// Reshape is the plan for turning what exists into what is configured.
type Reshape struct {
	// Steps run in order; each waits for the previous one's RIs to be Active.
	Steps []Step
	// Result[i] is the handle that ends as configuration element i: an
	// unchanged RI's ID, a step output, or "" for an element to be bought.
	Result []string
	// Dropped are lapsed RIs that no element describes any more: their
	// records leave the reservation, with no call.
	Dropped []string
}

// Unchanged reports whether element i keeps the RI it had.
func (r *Reshape) Unchanged(i int) bool {
	return r.Result[i] != "" && !strings.HasPrefix(r.Result[i], "#")
}

// RuleError is a configuration that no sequence of valid calls can reach.
type RuleError struct{ Msg string }

func (e *RuleError) Error() string { return e.Msg }

func ruleErr(format string, args ...any) error { return &RuleError{Msg: fmt.Sprintf(format, args...)} }

// PlanReshape works out the ModifyReservedInstances calls that turn have
// into want under a cloud's rules. Elements whose shape did not change keep
// their RI; the rest are paired by instance family, and computing power must
// be conserved within each family (checked only where every factor is
// known). Elements of a family that has nothing left to reshape are bought.
// A split or merge that one call cannot make is a tree of calls through
// intermediate RIs (tree.go); several RIs into several take the fewer calls
// of merging and splitting, or cutting and joining (many.go).
func (rules *Rules) PlanReshape(have []Holding, want []Shape) (*Reshape, error) {
	r := &Reshape{Result: make([]string, len(want))}
	used := make([]bool, len(have))
	matched := make([]bool, len(want))
	keep := func(i, j int) { r.Result[i], used[j], matched[i] = have[j].ID, true, true }
	keepable := func(i, j int) bool { return !have[j].MustChange && have[j].Shape == want[i] }
	for i := range want {
		if i < len(have) && keepable(i, i) {
			keep(i, i)
		}
	}
	for i := range want {
		for j := range have {
			if !matched[i] && !used[j] && keepable(i, j) {
				keep(i, j)
			}
		}
	}
	var sources []Holding
	for j, h := range have {
		switch {
		case used[j]:
		case h.Lapsed:
			r.Dropped = append(r.Dropped, h.ID)
		default:
			sources = append(sources, h)
		}
	}
	var targets []int
	for i := range want {
		if !matched[i] {
			targets = append(targets, i)
		}
	}
	if len(sources) == 0 {
		return r, nil // what is left to do is buying
	}
	if len(targets) == 0 {
		ids := make([]string, len(sources))
		for k, s := range sources {
			ids[k] = s.ID
		}
		return nil, ruleErr("%s would no longer be described by configurations; a bought reserved instance cannot be removed or returned", strings.Join(ids, ", "))
	}

	var families []string
	srcByFamily, tgtByFamily := map[string][]Holding{}, map[string][]int{}
	family := func(name string) (string, error) {
		t, ok := rules.ParseInstanceType(name)
		if !ok {
			return "", ruleErr("%q is not an instance type name", name)
		}
		if _, seen := srcByFamily[t.Family]; !seen {
			if _, seen := tgtByFamily[t.Family]; !seen {
				families = append(families, t.Family)
			}
		}
		return t.Family, nil
	}
	for _, s := range sources {
		f, err := family(s.Type)
		if err != nil {
			return nil, err
		}
		srcByFamily[f] = append(srcByFamily[f], s)
	}
	for _, i := range targets {
		f, err := family(want[i].Type)
		if err != nil {
			return nil, err
		}
		tgtByFamily[f] = append(tgtByFamily[f], i)
	}
	p := &planner{rules: rules, r: r, want: want}
	for _, f := range families {
		if err := p.group(f, srcByFamily[f], tgtByFamily[f]); err != nil {
			return nil, err
		}
	}
	return r, nil
}

type planner struct {
	rules *Rules
	r     *Reshape
	want  []Shape
	// holders are the types an intermediate RI of the family being planned
	// may take: those of its sources and targets whose factor is known,
	// largest factor first.
	holders []InstanceType
	// factors memoises the factors of the types in play: a long reshape
	// asks for them in its inner loops.
	factors map[string]factorOf
}

type factorOf struct {
	f  int
	ok bool
}

// factor is the normalisation factor of a type, parsed once per plan.
func (p *planner) factor(name string) (int, bool) {
	if v, ok := p.factors[name]; ok {
		return v.f, v.ok
	}
	f, ok := p.rules.NormalizationFactor(name)
	if p.factors == nil {
		p.factors = map[string]factorOf{}
	}
	p.factors[name] = factorOf{f, ok}
	return f, ok
}

type ref struct {
	handle     string
	shape      Shape
	expiry     string
	mustChange bool
}

func (p *planner) compute(s Shape) (int, bool) {
	f, ok := p.factor(s.Type)
	return f * s.Amount, ok
}

func (p *planner) add(kind StepKind, sources []ref, targets []Shape) []ref {
	k := len(p.r.Steps)
	step := Step{Kind: kind, Targets: targets}
	out := make([]ref, len(targets))
	for _, s := range sources {
		step.Sources = append(step.Sources, s.handle)
	}
	for j, t := range targets {
		h := fmt.Sprintf("#%d.%d", k, j)
		step.Outputs = append(step.Outputs, h)
		out[j] = ref{h, t, sources[0].expiry, false}
	}
	p.r.Steps = append(p.r.Steps, step)
	return out
}

func (p *planner) group(family string, sources []Holding, targets []int) error {
	if len(targets) == 0 {
		return ruleErr("the reserved instances of family %s (%s) have no element of that family left in configurations; the instance family of a reserved instance cannot change", family, holdingsText(sources))
	}
	if len(sources) == 0 {
		return nil // nothing of this family to reshape: its elements are bought
	}
	srcTotal, srcKnown := 0, true
	for _, s := range sources {
		c, ok := p.compute(s.Shape)
		srcTotal, srcKnown = srcTotal+c, srcKnown && ok
	}
	tgtTotal, tgtKnown := 0, true
	for _, i := range targets {
		c, ok := p.compute(p.want[i])
		tgtTotal, tgtKnown = tgtTotal+c, tgtKnown && ok
	}
	if srcKnown && tgtKnown && srcTotal != tgtTotal {
		return ruleErr("family %s: the computing power must stay the same when reserved instances are modified, split or merged; the changed reserved instances hold %d (normalisation factor × amount) but the configured ones hold %d", family, srcTotal, tgtTotal)
	}
	refs := make([]ref, len(sources))
	for k, s := range sources {
		refs[k] = ref{s.ID, s.Shape, s.Expiry, s.MustChange}
	}
	p.holders = nil
	for _, name := range typesInPlay(sources, targets, p.want) {
		if t, ok := p.rules.ParseInstanceType(name); ok && t.Factor > 0 {
			p.holders = append(p.holders, t)
		}
	}
	slices.SortStableFunc(p.holders, func(a, b InstanceType) int { return b.Factor - a.Factor })
	// When every target can take a source of equal computing power, the
	// reshape is independent one-to-one modifications: no split or merge.
	if pairs, ok := p.pairByCompute(sources, targets); ok {
		for k, i := range targets {
			p.r.Result[i] = p.modify(refs[pairs[k]], p.want[i]).handle
		}
		return nil
	}
	reshapable := !p.rules.ZonalOnlyFamilies[family]
	switch {
	case len(sources) == 1 && len(targets) == 1:
		p.r.Result[targets[0]] = p.modify(refs[0], p.want[targets[0]]).handle
		return nil
	case !reshapable:
		return ruleErr("family %s can only be modified one to one; its reserved instances cannot be split or merged", family)
	case len(sources) == 1:
		return p.split(refs[0], targets)
	case len(targets) == 1:
		out, err := p.merge(refs, p.want[targets[0]])
		p.r.Result[targets[0]] = out.handle
		return err
	}
	if !srcKnown || !tgtKnown {
		return ruleErr("family %s: turning %d reserved instances into %d needs a merge and a split, which can only be planned when every normalisation factor is known", family, len(sources), len(targets))
	}
	return p.manyToMany(family, refs, targets, srcTotal)
}

// modify turns one RI into one shape; nothing to do when it already is,
// unless only a modification can change what else it carries.
func (p *planner) modify(src ref, to Shape) ref {
	if src.shape == to && !src.mustChange {
		return src
	}
	return p.add(Modify, []ref{src}, []Shape{to})[0]
}

// split divides one RI. Targets elsewhere are split off in place first and
// then moved, because a split keeps the scope and zone.
func (p *planner) split(src ref, targets []int) error {
	shapes := make([]Shape, len(targets))
	for k, i := range targets {
		shapes[k] = p.want[i]
		shapes[k].Scope, shapes[k].Zone, shapes[k].Cluster = src.shape.Scope, src.shape.Zone, src.shape.Cluster
	}
	outs, err := p.splitInto(src, shapes)
	if err != nil {
		return err
	}
	for k, i := range targets {
		p.r.Result[i] = p.modify(outs[k], p.want[i]).handle
	}
	return nil
}

// merge joins RIs into one shape. Sources elsewhere are moved to the
// target's scope and zone first, because a merge keeps them.
func (p *planner) merge(srcs []ref, to Shape) (ref, error) {
	if len(srcs) == 1 {
		return p.modify(srcs[0], to), nil
	}
	for _, s := range srcs[1:] {
		if s.expiry != srcs[0].expiry {
			return ref{}, ruleErr("%s and %s expire at different times (%s, %s), and only reserved instances with the same expiry can be merged", p.origin(srcs[0]), p.origin(s), srcs[0].expiry, s.expiry)
		}
	}
	moved := make([]ref, len(srcs))
	for k, s := range srcs {
		at := s.shape
		at.Scope, at.Zone, at.Cluster = to.Scope, to.Zone, to.Cluster
		moved[k] = p.modify(s, at)
	}
	return p.mergeInto(moved, to)
}

// origin names an RI for a message: an existing one by its ID, a step's
// output as a part of the existing RI it comes from.
func (p *planner) origin(r ref) string {
	h := r.handle
	for strings.HasPrefix(h, "#") {
		k, j := 0, 0
		_, _ = fmt.Sscanf(h, "#%d.%d", &k, &j)
		h = p.r.Steps[k].Sources[0]
	}
	if h != r.handle {
		return "a part of " + h
	}
	return h
}

// pairByCompute gives each target a distinct source of equal computing
// power, preferring the source at the same position; pairs[k] is the source
// for targets[k].
func (p *planner) pairByCompute(sources []Holding, targets []int) ([]int, bool) {
	if len(sources) != len(targets) {
		return nil, false
	}
	used := make([]bool, len(sources))
	pairs := make([]int, len(targets))
	for k, i := range targets {
		need, ok := p.compute(p.want[i])
		if !ok {
			return nil, false
		}
		pairs[k] = -1
		for _, j := range append([]int{k}, indexes(len(sources))...) {
			if c, ok := p.compute(sources[j].Shape); ok && !used[j] && c == need {
				pairs[k], used[j] = j, true
				break
			}
		}
		if pairs[k] < 0 {
			return nil, false
		}
	}
	return pairs, true
}

func indexes(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

func samePlacement(targets []int, want []Shape) bool {
	for _, i := range targets[1:] {
		if want[i].placement() != want[targets[0]].placement() {
			return false
		}
	}
	return true
}

// typesInPlay are the types of a family's sources and targets, each once,
// in that order.
func typesInPlay(sources []Holding, targets []int, want []Shape) []string {
	var out []string
	add := func(name string) {
		if !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	for _, s := range sources {
		add(s.Type)
	}
	for _, i := range targets {
		add(want[i].Type)
	}
	return out
}

func holdingsText(hs []Holding) string {
	parts := make([]string, len(hs))
	for i, h := range hs {
		parts[i] = h.ID
	}
	return strings.Join(parts, ", ")
}

// Describe says in words what a step does, naming existing RIs by ID and
// step outputs by the step that makes them.
func (s Step) Describe() string {
	name := func(h string) string {
		if strings.HasPrefix(h, "#") {
			k, j := 0, 0
			_, _ = fmt.Sscanf(h, "#%d.%d", &k, &j)
			return fmt.Sprintf("the result %d of step %d", j+1, k+1)
		}
		return h
	}
	srcs := make([]string, len(s.Sources))
	for i, h := range s.Sources {
		srcs[i] = name(h)
	}
	switch s.Kind {
	case Split:
		return fmt.Sprintf("split %s into %d reserved instances: %s", srcs[0], len(s.Targets), shapesText(s.Targets))
	case Merge:
		return fmt.Sprintf("merge %s into %s", strings.Join(srcs, ", "), s.Targets[0])
	}
	return fmt.Sprintf("modify %s into %s", srcs[0], s.Targets[0])
}

// shapesText lists shapes in order, a run of three or more equal ones as
// "n of" the shape, so that a split into dozens stays readable.
func shapesText(shapes []Shape) string {
	var parts []string
	for i := 0; i < len(shapes); {
		j := i + 1
		for j < len(shapes) && shapes[j] == shapes[i] {
			j++
		}
		if j-i >= 3 {
			parts = append(parts, fmt.Sprintf("%d of %s", j-i, shapes[i]))
		} else {
			for k := i; k < j; k++ {
				parts = append(parts, shapes[k].String())
			}
		}
		i = j
	}
	return strings.Join(parts, ", ")
}

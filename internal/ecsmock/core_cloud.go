package ecsmock

import "fmt"

// Cloud names the provider whose API a request speaks and to which an RI
// belongs. One emulator serves both; the zero value means Alibaba Cloud,
// because every control that predates Volcengine meant Alibaba and must keep
// meaning it.
type Cloud string

const (
	CloudAlibaba    Cloud = "alibaba"
	CloudVolcengine Cloud = "volcengine"
)

// orDefault turns the empty cloud into Alibaba.
func (c Cloud) orDefault() Cloud {
	if c == "" {
		return CloudAlibaba
	}
	return c
}

func (c Cloud) valid() bool { return c == CloudAlibaba || c == CloudVolcengine }

// parseCloud reads a cloud selector of the control API; empty means Alibaba.
func parseCloud(s string) (Cloud, error) {
	c := Cloud(s).orDefault()
	if !c.valid() {
		return "", fmt.Errorf("unknown cloud %q: use %q or %q", s, CloudAlibaba, CloudVolcengine)
	}
	return c, nil
}

// lifecycle spells the five states of an RI the way one cloud reports them.
// The core moves RIs between states; each cloud only names them.
type lifecycle struct {
	creating, active, updating, inactive, expired string
	// expiredLocks are the operation locks an RI gains when its term ends.
	expiredLocks []string
}

var lifecycles = map[Cloud]lifecycle{
	CloudAlibaba:    alibabaLifecycle,
	CloudVolcengine: volcengineLifecycle,
}

func lifecycleOf(c Cloud) lifecycle { return lifecycles[c.orDefault()] }

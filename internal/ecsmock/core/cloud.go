package core

// Cloud names the provider whose API a request speaks and to which an RI
// belongs. Each dialect registers its own; the core knows none of them.
type Cloud string

// Lifecycle spells the five states of an RI the way one cloud reports them.
// The core moves RIs between states; each cloud only names them.
type Lifecycle struct {
	Creating, Active, Updating, Inactive, Expired string
	// ExpiredLocks are the operation locks an RI gains when its term ends.
	ExpiredLocks []string
}

// Profile is what a dialect tells the core about its cloud, for the core
// to keep the cloud's records.
type Profile struct {
	Cloud     Cloud
	Lifecycle Lifecycle
	// Unscoped marks the cloud the emulator spoke before it spoke several:
	// its stock and ClientToken keys in the state file carry no cloud, and
	// records without a cloud are its own, so that older state files still
	// work. At most one cloud is unscoped.
	Unscoped bool
}

// scope is the prefix of the cloud's keys in the state file, before sep.
func (p Profile) scope(sep string) string {
	if p.Unscoped {
		return ""
	}
	return string(p.Cloud) + sep
}

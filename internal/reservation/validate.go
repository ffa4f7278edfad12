package reservation

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The documented attribute rules. Each returns nil or an error that states
// the rule in words a user can act on.

const (
	MinAmount = 1
	MaxAmount = 50
	MaxTags   = 20
)

// CheckName: 2–128 characters, starting with a letter or Chinese character,
// then letters, digits, Chinese characters, ':', '_' or '-'; not a URL.
func CheckName(name string) error {
	n := utf8.RuneCountInString(name)
	if n < 2 || n > 128 {
		return fmt.Errorf("must be 2 to 128 characters long, got %d", n)
	}
	if hasURLPrefix(name) {
		return fmt.Errorf("must not start with http:// or https://")
	}
	for i, r := range name {
		letter := r < unicode.MaxASCII && unicode.IsLetter(r) || unicode.Is(unicode.Han, r)
		if i == 0 && !letter {
			return fmt.Errorf("must start with a letter or a Chinese character, not %q", r)
		}
		digit := r >= '0' && r <= '9'
		if !letter && !digit && r != ':' && r != '_' && r != '-' {
			return fmt.Errorf("may contain only letters, digits, Chinese characters, ':', '_' and '-'; found %q", r)
		}
	}
	return nil
}

// CheckDescription: 2–256 characters, not starting with http:// or https://.
func CheckDescription(d string) error {
	n := utf8.RuneCountInString(d)
	if n < 2 || n > 256 {
		return fmt.Errorf("must be 2 to 256 characters long, got %d", n)
	}
	if hasURLPrefix(d) {
		return fmt.Errorf("must not start with http:// or https://")
	}
	return nil
}

// CheckTagKey: 1–128 characters, no "acs:" or "aliyun" prefix, no URL.
func CheckTagKey(k string) error {
	n := utf8.RuneCountInString(k)
	l := strings.ToLower(k)
	switch {
	case n < 1 || n > 128:
		return fmt.Errorf("tag key %q must be 1 to 128 characters long", k)
	case strings.HasPrefix(l, "acs:") || strings.HasPrefix(l, "aliyun"):
		return fmt.Errorf("tag key %q must not start with \"acs:\" or \"aliyun\"", k)
	case strings.Contains(l, "http://") || strings.Contains(l, "https://"):
		return fmt.Errorf("tag key %q must not contain http:// or https://", k)
	}
	return nil
}

// CheckTagValue: at most 128 characters, no "acs:" prefix, no URL.
func CheckTagValue(k, v string) error {
	l := strings.ToLower(v)
	switch {
	case utf8.RuneCountInString(v) > 128:
		return fmt.Errorf("value of tag %q must be at most 128 characters long", k)
	case strings.HasPrefix(l, "acs:"):
		return fmt.Errorf("value of tag %q must not start with \"acs:\"", k)
	case strings.Contains(l, "http://") || strings.Contains(l, "https://"):
		return fmt.Errorf("value of tag %q must not contain http:// or https://", k)
	}
	return nil
}

func hasURLPrefix(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

package reservation

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// TextRule is one documented constraint on a text attribute: a check that
// returns nil or an error stating the rule in words a user can act on, and
// the rule in a phrase for schema documentation.
type TextRule struct {
	Check func(string) error
	Text  string
}

// TextRules are a cloud's rules for names, descriptions and tags.
type TextRules struct {
	Name, Description, TagKey, TagValue TextRule
	// Project is the rule for a project name; zero when the cloud has none.
	Project TextRule
	MaxTags int
}

var alibabaText = TextRules{
	Name: TextRule{alibabaName,
		"2 to 128 characters, starting with a letter or Chinese character, then letters, digits, Chinese characters, `:`, `_` or `-`; not starting with `http://` or `https://`"},
	Description: TextRule{alibabaDescription, "2 to 256 characters, not starting with `http://` or `https://`"},
	TagKey:      TextRule{alibabaTagKey, "1 to 128 characters, not starting with `acs:` or `aliyun`, without `http://` or `https://`"},
	TagValue:    TextRule{alibabaTagValue, "at most 128 characters, not starting with `acs:`, without `http://` or `https://`"},
	MaxTags:     20,
}

var volcengineText = TextRules{
	Name: TextRule{volcengineName,
		"1 to 128 characters: letters, digits, Chinese characters, `_` and `-`, not starting with a digit, `_` or `-`"},
	Description: TextRule{volcengineDescription, "1 to 255 characters"},
	TagKey: TextRule{volcengineTagKey,
		"1 to 128 characters: letters of any language, digits, spaces and `_ . : / = + - @`; not starting with `volc:` or `sys:` in any case"},
	TagValue: TextRule{volcengineTagValue, "0 to 256 characters: letters of any language, digits, spaces and `_ . : / = + - @`"},
	Project:  TextRule{volcengineProject, "1 to 64 characters: letters, digits, `_`, `.` and `-`"},
	MaxTags:  20,
}

func lengthBetween(s string, shortest, longest int) error {
	if n := utf8.RuneCountInString(s); n < shortest || n > longest {
		return fmt.Errorf("must be %d to %d characters long, got %d", shortest, longest, n)
	}
	return nil
}

func hasURLPrefix(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

func containsURL(s string) bool {
	l := strings.ToLower(s)
	return strings.Contains(l, "http://") || strings.Contains(l, "https://")
}

func isASCIILetter(r rune) bool { return r < unicode.MaxASCII && unicode.IsLetter(r) }
func isDigit(r rune) bool       { return r >= '0' && r <= '9' }
func isChinese(r rune) bool     { return unicode.Is(unicode.Han, r) }

// alibabaName: 2–128 characters, starting with a letter or Chinese
// character, then letters, digits, Chinese characters, ':', '_' or '-'.
func alibabaName(name string) error {
	if err := lengthBetween(name, 2, 128); err != nil {
		return err
	}
	if hasURLPrefix(name) {
		return fmt.Errorf("must not start with http:// or https://")
	}
	for i, r := range name {
		letter := isASCIILetter(r) || isChinese(r)
		if i == 0 && !letter {
			return fmt.Errorf("must start with a letter or a Chinese character, not %q", r)
		}
		if !letter && !isDigit(r) && !strings.ContainsRune(":_-", r) {
			return fmt.Errorf("may contain only letters, digits, Chinese characters, ':', '_' and '-'; found %q", r)
		}
	}
	return nil
}

func alibabaDescription(d string) error {
	if err := lengthBetween(d, 2, 256); err != nil {
		return err
	}
	if hasURLPrefix(d) {
		return fmt.Errorf("must not start with http:// or https://")
	}
	return nil
}

func alibabaTagKey(k string) error {
	l := strings.ToLower(k)
	switch {
	case utf8.RuneCountInString(k) < 1 || utf8.RuneCountInString(k) > 128:
		return fmt.Errorf("tag key %q must be 1 to 128 characters long", k)
	case strings.HasPrefix(l, "acs:") || strings.HasPrefix(l, "aliyun"):
		return fmt.Errorf("tag key %q must not start with \"acs:\" or \"aliyun\"", k)
	case containsURL(k):
		return fmt.Errorf("tag key %q must not contain http:// or https://", k)
	}
	return nil
}

func alibabaTagValue(v string) error {
	switch {
	case utf8.RuneCountInString(v) > 128:
		return fmt.Errorf("must be at most 128 characters long")
	case strings.HasPrefix(strings.ToLower(v), "acs:"):
		return fmt.Errorf("must not start with \"acs:\"")
	case containsURL(v):
		return fmt.Errorf("must not contain http:// or https://")
	}
	return nil
}

// volcengineName: 1–128 characters of Chinese, letters, digits, '_' and
// '-', not starting with a digit, '-' or '_'.
func volcengineName(name string) error {
	if err := lengthBetween(name, 1, 128); err != nil {
		return err
	}
	for i, r := range name {
		if !isASCIILetter(r) && !isChinese(r) && !isDigit(r) && r != '_' && r != '-' {
			return fmt.Errorf("may contain only letters, digits, Chinese characters, '_' and '-'; found %q", r)
		}
		if i == 0 && (isDigit(r) || r == '_' || r == '-') {
			return fmt.Errorf("must not start with a digit, '_' or '-', found %q", r)
		}
	}
	return nil
}

func volcengineDescription(d string) error { return lengthBetween(d, 1, 255) }

// volcengineTagText: letters of any language, digits, spaces and the
// symbols _ . : / = + - @.
func volcengineTagText(s string) error {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != ' ' && !strings.ContainsRune("_.:/=+-@", r) {
			return fmt.Errorf("may contain only letters, digits, spaces and _ . : / = + - @; found %q", r)
		}
	}
	return nil
}

func volcengineTagKey(k string) error {
	l := strings.ToLower(k)
	switch {
	case utf8.RuneCountInString(k) < 1 || utf8.RuneCountInString(k) > 128:
		return fmt.Errorf("tag key %q must be 1 to 128 characters long", k)
	case strings.HasPrefix(l, "volc:") || strings.HasPrefix(l, "sys:"):
		return fmt.Errorf("tag key %q must not start with \"volc:\" or \"sys:\"", k)
	}
	if err := volcengineTagText(k); err != nil {
		return fmt.Errorf("tag key %q %w", k, err)
	}
	return nil
}

func volcengineTagValue(v string) error {
	if utf8.RuneCountInString(v) > 256 {
		return fmt.Errorf("must be at most 256 characters long")
	}
	return volcengineTagText(v)
}

func volcengineProject(p string) error {
	if err := lengthBetween(p, 1, 64); err != nil {
		return err
	}
	for _, r := range p {
		if !isASCIILetter(r) && !isDigit(r) && !strings.ContainsRune("_.-", r) {
			return fmt.Errorf("may contain only letters, digits, '_', '.' and '-'; found %q", r)
		}
	}
	return nil
}

package ecsmock

import (
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// params are the API parameters of one call, after the query and any
// form-urlencoded body have been merged and the envelope parameters removed.
type params url.Values

// envelopeParams belong to the signature and protocol, not to the API call.
var envelopeParams = map[string]bool{
	"Action": true, "Version": true, "Format": true, "AccessKeyId": true, "Signature": true,
	"SignatureMethod": true, "SignatureVersion": true, "SignatureNonce": true, "SignatureType": true,
	"Timestamp": true, "SecurityToken": true,
}

func (p params) get(key string) string {
	if v := url.Values(p)[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

func (p params) has(key string) bool {
	_, ok := url.Values(p)[key]
	return ok
}

// indexed returns the values of "prefix.N" keys ordered by N. Gaps in N are
// tolerated, as the real gateway does.
func (p params) indexed(prefix string) []string {
	type item struct {
		n int
		v string
	}
	var items []item
	for key, vals := range p {
		rest, ok := strings.CutPrefix(key, prefix+".")
		if !ok || len(vals) == 0 {
			continue
		}
		n, err := strconv.Atoi(rest)
		if err != nil || n < 1 {
			continue
		}
		items = append(items, item{n, vals[0]})
	}
	sort.Slice(items, func(i, j int) bool { return items[i].n < items[j].n })
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.v
	}
	return out
}

// records returns the "prefix.N.Field" groups ordered by N, each as a map of
// field to value.
func (p params) records(prefix string) []map[string]string {
	byN := map[int]map[string]string{}
	for key, vals := range p {
		rest, ok := strings.CutPrefix(key, prefix+".")
		if !ok || len(vals) == 0 {
			continue
		}
		nStr, field, ok := strings.Cut(rest, ".")
		if !ok {
			continue
		}
		n, err := strconv.Atoi(nStr)
		if err != nil || n < 1 {
			continue
		}
		if byN[n] == nil {
			byN[n] = map[string]string{}
		}
		byN[n][field] = vals[0]
	}
	ns := make([]int, 0, len(byN))
	for n := range byN {
		ns = append(ns, n)
	}
	sort.Ints(ns)
	out := make([]map[string]string, len(ns))
	for i, n := range ns {
		out[i] = byN[n]
	}
	return out
}

// integer parses an optional integer parameter; ok is false when it is
// present but not a number.
func (p params) integer(key string, def int) (int, bool) {
	if !p.has(key) || p.get(key) == "" {
		return def, true
	}
	n, err := strconv.Atoi(p.get(key))
	return n, err == nil
}

// boolean parses an optional boolean parameter the way the gateway does.
func (p params) boolean(key string) (bool, bool) {
	switch strings.ToLower(p.get(key)) {
	case "":
		return false, true
	case "true":
		return true, true
	case "false":
		return false, true
	}
	return false, false
}

// digest is a canonical rendering of the API parameters, used to tell
// whether a retried request with the same ClientToken asks for the same thing.
func (p params) digest() string {
	keys := make([]string, 0, len(p))
	for k := range p {
		if k != "ClientToken" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(strings.Join(p[k], ","))
		b.WriteByte('&')
	}
	return b.String()
}

// parseRequestParams merges the query and a form body into one set, as the
// gateway does: a parameter may arrive in either place.
func parseRequestParams(rawQuery string, formBody []byte) (url.Values, error) {
	all, err := url.ParseQuery(rawQuery)
	if err != nil {
		return nil, err
	}
	if len(formBody) > 0 {
		form, err := url.ParseQuery(string(formBody))
		if err != nil {
			return nil, err
		}
		for k, vs := range form {
			all[k] = append(all[k], vs...)
		}
	}
	return all, nil
}

func apiParams(all url.Values) params {
	out := params{}
	for k, v := range all {
		if !envelopeParams[k] {
			out[k] = v
		}
	}
	return out
}

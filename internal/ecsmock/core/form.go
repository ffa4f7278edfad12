package core

import (
	"bytes"
	"encoding/json"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// Params are the API parameters of one call in the flattened form both
// clouds use on the query string: lists as Name.N, structures as
// Name.N.Field, N counting from 1.
type Params url.Values

func (p Params) Get(key string) string {
	if v := url.Values(p)[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

func (p Params) Has(key string) bool {
	_, ok := url.Values(p)[key]
	return ok
}

// Text is a string parameter that remembers whether it was sent at all,
// for rules where an empty value and an absent one differ.
type Text struct {
	Value   string
	Present bool
}

// Text reads a string parameter.
func (p Params) Text(key string) Text { return Text{p.Get(key), p.Has(key)} }

// Number is an integer parameter as it arrived: absent, a number, or text
// that is not one. Decoders record what they saw; the rules decide which
// error a malformed number deserves.
type Number struct {
	Value     int
	Present   bool
	Malformed bool
}

// Number reads an integer parameter.
func (p Params) Number(key string) Number { return ParseNumber(p.Get(key), p.Has(key)) }

// ParseNumber reads an integer; an empty value counts as absent.
func ParseNumber(s string, present bool) Number {
	if !present || s == "" {
		return Number{}
	}
	n, err := strconv.Atoi(s)
	return Number{Value: n, Present: true, Malformed: err != nil}
}

// Or returns the number, def when it is absent, and ok=false when malformed.
func (n Number) Or(def int) (int, bool) {
	if !n.Present {
		return def, true
	}
	return n.Value, !n.Malformed
}

// Flag is a boolean parameter: "true" or "false" in any case, or absent.
type Flag struct {
	Value     bool
	Present   bool
	Malformed bool
}

// Flag reads a boolean parameter.
func (p Params) Flag(key string) Flag { return parseFlag(p.Get(key)) }

func parseFlag(s string) Flag {
	switch strings.ToLower(s) {
	case "":
		return Flag{}
	case "true":
		return Flag{Value: true, Present: true}
	case "false":
		return Flag{Present: true}
	}
	return Flag{Present: true, Malformed: true}
}

// Indexed returns the values of "prefix.N" keys ordered by N. Gaps in N are
// tolerated, as the real gateways do.
func (p Params) Indexed(prefix string) []string {
	return indexedValues(url.Values(p), prefix)
}

func indexedValues(values url.Values, prefix string) []string {
	type item struct {
		n int
		v string
	}
	var items []item
	for key, vals := range values {
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

// Records returns the "prefix.N.Field" groups ordered by N, each as a map of
// field to value. A field may itself be a list ("Values.1").
func (p Params) Records(prefix string) []map[string]string {
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

// ListIn reads a list field ("Values.N") out of one record.
func ListIn(record map[string]string, field string) []string {
	values := url.Values{}
	for k, v := range record {
		values.Set(k, v)
	}
	return indexedValues(values, field)
}

// TagPair is one Key/Value pair as sent; HasKey tells a missing key from an
// empty one.
type TagPair struct {
	Key, Value string
	HasKey     bool
}

// TagPairs reads prefix.N.Key / prefix.N.Value.
func (p Params) TagPairs(prefix string) []TagPair {
	recs := p.Records(prefix)
	out := make([]TagPair, 0, len(recs))
	for _, rec := range recs {
		key, hasKey := rec["Key"]
		out = append(out, TagPair{Key: key, Value: rec["Value"], HasKey: hasKey})
	}
	return out
}

// Digest is a canonical rendering of the API parameters, used to tell
// whether a retried request with the same ClientToken asks for the same thing.
func (p Params) Digest() string {
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

// FirstValues flattens parameters for the call log.
func (p Params) FirstValues() map[string]string {
	out := map[string]string{}
	for k, v := range p {
		if len(v) > 0 {
			out[k] = v[0]
		}
	}
	return out
}

// ParseRequestParams merges the query and a form body into one set, as the
// gateways do: a parameter may arrive in either place.
func ParseRequestParams(rawQuery string, formBody []byte) (url.Values, error) {
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

// JSONObject reads a JSON body as a generic object, for the call log and
// the idempotency digest; an empty body is an empty object.
func JSONObject(body []byte) (map[string]any, bool) {
	obj := map[string]any{}
	if len(bytes.TrimSpace(body)) == 0 {
		return obj, true
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&obj); err != nil || obj == nil {
		return nil, false
	}
	return obj, true
}

// JSONDigest renders an object without its ClientToken, keys sorted.
func JSONDigest(obj map[string]any) string {
	rest := map[string]any{}
	for k, v := range obj {
		if k != "ClientToken" {
			rest[k] = v
		}
	}
	b, _ := json.Marshal(rest)
	return string(b)
}

// JSONLogParams flattens an object for the call log: strings as they are,
// anything else as JSON.
func JSONLogParams(obj map[string]any) map[string]string {
	out := map[string]string{}
	for k, v := range obj {
		if s, ok := v.(string); ok {
			out[k] = s
			continue
		}
		b, _ := json.Marshal(v)
		out[k] = string(b)
	}
	return out
}

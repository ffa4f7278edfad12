package provider

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// stringRule adapts a domain rule into an attribute validator whose error
// names the attribute and states the rule.
type stringRule struct {
	summary string
	rule    reservation.TextRule
}

func (v stringRule) Description(context.Context) string         { return v.rule.Text }
func (v stringRule) MarkdownDescription(context.Context) string { return v.rule.Text }

func (v stringRule) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := v.rule.Check(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, v.summary, fmt.Sprintf("%s %s (rule: %s).", req.Path, err, v.rule.Text))
	}
}

func nameValidator(rules *reservation.Rules) validator.String {
	return stringRule{"Invalid reserved instance name", rules.Text.Name}
}

func descriptionValidator(rules *reservation.Rules) validator.String {
	return stringRule{"Invalid description", rules.Text.Description}
}

func instanceTypeValidator(rules *reservation.Rules) validator.String {
	return stringRule{"Invalid instance type", reservation.TextRule{
		Check: func(s string) error {
			if _, ok := rules.ParseInstanceType(s); !ok {
				return fmt.Errorf("%q is not an instance type name", s)
			}
			return nil
		},
		Text: fmt.Sprintf("an instance type such as %sg6.large: %s<family>.<size>", rules.TypePrefix, rules.TypePrefix),
	}}
}

// startTimeValidator accepts an hour in UTC. The API keeps only the hour,
// so minutes other than :00 would never read back as written.
var startTimeValidator = stringRule{"Invalid start time", reservation.TextRule{
	Check: func(s string) error {
		if !startTimePattern.MatchString(s) {
			return fmt.Errorf("%q is not in the format yyyy-MM-ddTHHZ (or yyyy-MM-ddTHH:00Z): the API keeps only the hour", s)
		}
		if _, err := reservation.ParseAPITime(s); err != nil {
			return fmt.Errorf("%q is not a valid hour", s)
		}
		return nil
	},
	Text: "an hour in UTC written yyyy-MM-ddTHHZ, e.g. 2027-01-01T00Z (yyyy-MM-ddTHH:00Z is accepted too)",
}}

var startTimePattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}(:00)?Z$`)

// durationValidator accepts Go durations such as "60s".
type durationValidator struct{}

func (durationValidator) Description(context.Context) string {
	return "a positive Go duration such as 60s or 2m"
}
func (v durationValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v durationValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if d, err := time.ParseDuration(req.ConfigValue.ValueString()); err != nil || d <= 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid duration",
			fmt.Sprintf("%s must be %s, got %q.", req.Path, v.Description(ctx), req.ConfigValue.ValueString()))
	}
}

// tagsValidator applies a cloud's tag rules to a map of tags. A null value
// is an error: a tag needs a value (empty is fine), and a null would vanish
// on the way to the API.
type tagsValidator struct{ rules *reservation.Rules }

func (v tagsValidator) Description(context.Context) string {
	t := v.rules.Text
	return fmt.Sprintf("at most %d tags; keys %s; values %s", t.MaxTags, t.TagKey.Text, t.TagValue.Text)
}
func (v tagsValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v tagsValidator) ValidateMap(ctx context.Context, req validator.MapRequest, resp *validator.MapResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	elems := req.ConfigValue.Elements()
	if limit := v.rules.Text.MaxTags; len(elems) > limit {
		resp.Diagnostics.AddAttributeError(req.Path, "Too many tags",
			fmt.Sprintf("%s may hold at most %d tags, got %d.", req.Path, limit, len(elems)))
	}
	for k, val := range elems {
		p := req.Path.AtMapKey(k)
		if err := v.rules.Text.TagKey.Check(k); err != nil {
			resp.Diagnostics.AddAttributeError(p, "Invalid tag key", fmt.Sprintf("%s: %s.", req.Path, err))
		}
		s, ok := val.(types.String)
		switch {
		case !ok || val.IsUnknown():
		case val.IsNull():
			resp.Diagnostics.AddAttributeError(p, "Tag without a value",
				fmt.Sprintf("%s[%q] is null. A tag needs a value: write \"\" for an empty one, or leave the key out.", req.Path, k))
		default:
			if err := v.rules.Text.TagValue.Check(s.ValueString()); err != nil {
				resp.Diagnostics.AddAttributeError(p, "Invalid tag value", fmt.Sprintf("%s: value of tag %q %s (rule: %s).", req.Path, k, err, v.rules.Text.TagValue.Text))
			}
		}
	}
}

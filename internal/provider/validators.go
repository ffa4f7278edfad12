package provider

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// stringRule adapts a domain rule (a func returning an error) into an
// attribute validator whose error names the attribute and states the rule.
type stringRule struct {
	summary string
	rule    func(string) error
	text    string
}

func (v stringRule) Description(context.Context) string         { return v.text }
func (v stringRule) MarkdownDescription(context.Context) string { return v.text }

func (v stringRule) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := v.rule(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, v.summary, fmt.Sprintf("%s %s (%s).", req.Path, err, v.text))
	}
}

var (
	nameValidator = stringRule{"Invalid reserved instance name", reservation.CheckName,
		"2 to 128 characters, starting with a letter or Chinese character, then letters, digits, Chinese characters, ':', '_' or '-'; not starting with http:// or https://"}
	descriptionValidator = stringRule{"Invalid description", reservation.CheckDescription,
		"2 to 256 characters, not starting with http:// or https://"}
	instanceTypeValidator = stringRule{"Invalid instance type", func(s string) error {
		if _, ok := reservation.ParseInstanceType(s); !ok {
			return fmt.Errorf("%q is not an instance type name", s)
		}
		return nil
	}, "an ECS instance type such as ecs.g6.large"}
	startTimeValidator = stringRule{"Invalid start time", func(s string) error {
		if !startTimePattern.MatchString(s) {
			return fmt.Errorf("%q is not in the format yyyy-MM-ddTHHZ", s)
		}
		if _, err := reservation.ParseAPITime(s); err != nil {
			return fmt.Errorf("%q is not a valid hour", s)
		}
		return nil
	}, "an hour in UTC written yyyy-MM-ddTHHZ, e.g. 2027-01-01T00Z (the API's yyyy-MM-ddTHH:mmZ is accepted too)"}
)

var startTimePattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}(:\d{2})?Z$`)

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

// tagsValidator applies the documented tag rules to a map of tags.
type tagsValidator struct{}

func (tagsValidator) Description(context.Context) string {
	return "at most 20 tags; keys 1-128 characters not starting with acs: or aliyun; values at most 128 characters not starting with acs:; no http:// or https://"
}
func (v tagsValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v tagsValidator) ValidateMap(ctx context.Context, req validator.MapRequest, resp *validator.MapResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	elems := req.ConfigValue.Elements()
	if len(elems) > reservation.MaxTags {
		resp.Diagnostics.AddAttributeError(req.Path, "Too many tags",
			fmt.Sprintf("%s may hold at most %d tags, got %d.", req.Path, reservation.MaxTags, len(elems)))
	}
	var tags map[string]string
	if diags := req.ConfigValue.ElementsAs(ctx, &tags, false); diags.HasError() {
		return // unknown values are checked at apply
	}
	for k, val := range tags {
		if err := reservation.CheckTagKey(k); err != nil {
			resp.Diagnostics.AddAttributeError(req.Path.AtMapKey(k), "Invalid tag key", fmt.Sprintf("%s: %s.", req.Path, err))
		}
		if err := reservation.CheckTagValue(k, val); err != nil {
			resp.Diagnostics.AddAttributeError(req.Path.AtMapKey(k), "Invalid tag value", fmt.Sprintf("%s: %s.", req.Path, err))
		}
	}
}

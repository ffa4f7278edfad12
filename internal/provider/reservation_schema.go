package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsri/terraform-provider-ecsri/internal/converge"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

const replacementNote = " Changing it after purchase plans a **replacement**: a new, non-refundable purchase while the old reserved instances keep billing until they expire."

// schemaOptions are what one cloud's reservation schema says differently
// from the other's: the attributes are the same, with the same names and
// meaning, wherever the concept is.
type schemaOptions struct {
	rules        *reservation.Rules
	description  string
	typeExample  string
	zoneExample  string
	statusText   string
	nameRequired bool
	nameText     string
	// descriptionKept: a description left out is kept as the RIs carry
	// it, since the cloud cannot clear one.
	descriptionKept bool
	defaultUnit     string
	renewalText     string
	// elementExtra are attributes of configurations elements only this
	// cloud has; extra are top-level ones.
	elementExtra map[string]schema.Attribute
	extra        map[string]schema.Attribute
}

var keepState = []planmodifier.String{stringplanmodifier.UseStateForUnknown()}

func reservationSchema(ctx context.Context, o schemaOptions) schema.Schema {
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed: true, PlanModifiers: keepState,
			MarkdownDescription: "The IDs of the reserved instances, joined by commas in `configurations` order, e.g. `ecsri-aaa,ecsri-bbb`.",
		},
		"region_id": schema.StringAttribute{
			Optional: true, Computed: true, PlanModifiers: keepState,
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			MarkdownDescription: "Region of the reserved instances. Default: the provider's region for this cloud." + replacementNote,
		},
		"configurations": configurationsAttribute(o),
		"period": schema.Int64Attribute{
			Optional: true, Computed: true, Default: int64default.StaticInt64(1),
			Validators: []validator.Int64{int64validator.AtLeast(1)},
			MarkdownDescription: fmt.Sprintf("Length of the term, in `period_unit`s. One purchase buys %s; a longer term is bought as a purchase followed by renewals. "+
				"Default `1`. The API does not report it: after import it is derived from the reserved instances' start and expiry, and it never causes a replacement. "+
				"Raising it renews each reserved instance by what its real expiry falls short of the term, counted from the start of the term it was bought on (%s); lowering it makes no call. "+
				"A term may not reach more than %s past today.", termsList(o.rules.PurchaseTerms), o.rules.Calls.Renew, reservation.TermFromMonths(o.rules.MaxAheadMonths)),
		},
		"period_unit": schema.StringAttribute{
			Optional: true, Computed: true, Default: stringdefault.StaticString(o.defaultUnit),
			Validators: []validator.String{stringvalidator.OneOf(o.rules.TermUnits...)},
			MarkdownDescription: fmt.Sprintf("Unit of `period`: %s. Default `%s`, so `period = 3` written alone means 3 %ss; either may be left out. "+
				"`12` `Month` and `1` `Year` are the same term: whichever way state and configuration write it, an equal term plans no change.", quotedList(o.rules.TermUnits), o.defaultUnit, strings.ToLower(o.defaultUnit)),
		},
		"name": schema.StringAttribute{
			Required: o.nameRequired, Optional: !o.nameRequired, Computed: !o.nameRequired,
			PlanModifiers:       nameModifiers(o.nameRequired),
			Validators:          []validator.String{nameValidator(o.rules)},
			MarkdownDescription: "Name given to every reserved instance of the reservation: " + o.rules.Text.Name.Text + ". " + o.nameText,
		},
		"description": descriptionAttribute(o),
		"tags": schema.MapAttribute{
			Optional: true, ElementType: types.StringType, Validators: []validator.Map{tagsValidator{o.rules}},
			MarkdownDescription: fmt.Sprintf("Tags of every reserved instance: at most %d; keys %s; values %s. A tag needs a value (`\"\"` is fine, `null` is rejected). Changed in place (%s, %s).",
				o.rules.Text.MaxTags, o.rules.Text.TagKey.Text, o.rules.Text.TagValue.Text, o.rules.Calls.Tag, o.rules.Calls.Untag),
		},
		"auto_renew": schema.BoolAttribute{
			Optional: true, Computed: true, Default: booldefault.StaticBool(false),
			MarkdownDescription: fmt.Sprintf("Whether the reserved instances renew themselves, and are charged, at every expiry. Default `false`. Changed in place (%s).", o.rules.Calls.AutoRenew),
		},
		"auto_renew_period": schema.Int64Attribute{
			Optional: true, Computed: true, Default: int64default.StaticInt64(1),
			Validators:          []validator.Int64{int64validator.OneOf(renewalPeriods(o.rules)...)},
			MarkdownDescription: o.renewalText,
		},
		"status": schema.StringAttribute{
			Computed: true, PlanModifiers: keepState,
			MarkdownDescription: "The status every reserved instance has when they agree, else the first that differs from active: " + o.statusText +
				", `" + converge.StatusNotPurchased + "` or `" + converge.StatusUnconfirmed + "`.",
		},
		"expired_time": schema.StringAttribute{
			Computed: true, PlanModifiers: keepState,
			MarkdownDescription: "When the earliest-expiring reserved instance ends (`yyyy-MM-ddTHH:mmZ`, UTC). Auto-renewal moves it without causing a diff.",
		},
		"timeouts": timeouts.Attributes(ctx, timeouts.Opts{Create: true, Update: true}),
	}
	for k, v := range o.extra {
		attrs[k] = v
	}
	return schema.Schema{MarkdownDescription: o.description, Attributes: attrs}
}

func descriptionAttribute(o schemaOptions) schema.StringAttribute {
	if o.descriptionKept {
		return schema.StringAttribute{
			Optional: true, Computed: true, PlanModifiers: keepState, Validators: []validator.String{descriptionValidator(o.rules)},
			MarkdownDescription: "Description of every reserved instance: " + o.rules.Text.Description.Text + ". " + o.rules.Cloud +
				" cannot clear a description: leaving it out keeps what the reserved instances carry. " + o.nameText,
		}
	}
	return schema.StringAttribute{
		Optional: true, Validators: []validator.String{descriptionValidator(o.rules)},
		MarkdownDescription: "Description of every reserved instance: " + o.rules.Text.Description.Text + ". Removing it clears it. " + o.nameText,
	}
}

func nameModifiers(required bool) []planmodifier.String {
	if required {
		return nil
	}
	return keepState
}

func configurationsAttribute(o schemaOptions) schema.ListNestedAttribute {
	elem := map[string]schema.Attribute{
		"instance_type": schema.StringAttribute{
			Required: true, Validators: []validator.String{instanceTypeValidator(o.rules)},
			MarkdownDescription: "Instance type the reserved instance matches, e.g. `" + o.typeExample + "`." + zonalOnlyText(o.rules),
		},
		"instance_amount": schema.Int64Attribute{
			Optional: true, Computed: true, Default: int64default.StaticInt64(1),
			Validators: []validator.Int64{int64validator.Between(int64(o.rules.MinAmount), int64(o.rules.MaxAmount))},
			MarkdownDescription: fmt.Sprintf("How many pay-as-you-go instances of that type the reserved instance covers at once, %d to %d. Default `1`.",
				o.rules.MinAmount, o.rules.MaxAmount),
		},
		"scope": schema.StringAttribute{
			Optional: true, Computed: true,
			Validators:          []validator.String{stringvalidator.OneOf(reservation.ScopeRegion, reservation.ScopeZone)},
			PlanModifiers:       []planmodifier.String{scopeFromZone{}},
			MarkdownDescription: "`Region` (matches instances in any zone of the region) or `Zone` (matches one zone and reserves capacity there). Default: `Zone` when `zone_id` is set, else `Region`.",
		},
		"zone_id": schema.StringAttribute{
			Optional: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			MarkdownDescription: "Zone of a zonal reserved instance, e.g. `" + o.zoneExample + "`. Required when `scope` is `Zone`; not allowed when it is `Region`.",
		},
		"id": schema.StringAttribute{
			Computed: true, PlanModifiers: keepState,
			MarkdownDescription: "ID of this reserved instance (`ecsri-…`); empty while it is not bought.",
		},
		"status": schema.StringAttribute{
			Computed: true, PlanModifiers: keepState,
			MarkdownDescription: "Status of this reserved instance: " + o.statusText + "; or `" + converge.StatusNotPurchased + "` (never bought: the next apply buys it) or `" +
				converge.StatusUnconfirmed + "` (a purchase got no answer: the next apply repeats it with the same ClientToken, which cannot buy twice).",
		},
		"expired_time": schema.StringAttribute{
			Computed: true, PlanModifiers: keepState,
			MarkdownDescription: "When this reserved instance ends (`yyyy-MM-ddTHH:mmZ`, UTC). Only reserved instances with the same expiry can be merged.",
		},
	}
	for k, v := range o.elementExtra {
		elem[k] = v
	}
	return schema.ListNestedAttribute{
		Required:   true,
		Validators: []validator.List{listvalidator.SizeBetween(1, 100)},
		MarkdownDescription: fmt.Sprintf("The reserved instances of this reservation, one element each; buying several at once is the same as buying each on its own. "+
			"Changing the elements reshapes the bought reserved instances in place with %s (modify, split, merge, or a sequence of them, at most %d sources and %d targets per call); "+
			"elements that did not change keep their reserved instance, matched by content, not position. Elements no reshape can supply are bought. "+
			"A bought reserved instance cannot be returned, so its element cannot be removed while it bills; the element of one that no longer bills (expired, or inactive after a change made elsewhere) "+
			"can be removed, which drops the record without any call.", o.rules.Calls.Modify, o.rules.MaxModifySources, o.rules.MaxModifyTargets),
		NestedObject: schema.NestedAttributeObject{Attributes: elem},
	}
}

func zonalOnlyText(rules *reservation.Rules) string {
	if len(rules.ZonalOnlyFamilies) == 0 {
		return ""
	}
	var fams []string
	for f := range rules.ZonalOnlyFamilies {
		fams = append(fams, "`"+f+"`")
	}
	slices.Sort(fams)
	return " The families " + strings.Join(fams, " and ") + " can only be reserved in a zone and never split or merged."
}

func termsList(ts []reservation.Term) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = t.String()
	}
	return strings.Join(parts, ", ")
}

func quotedList(vs []string) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = "`" + v + "`"
	}
	return strings.Join(parts, " or ")
}

// scopeFromZone plans `scope` as Zone when zone_id is set and scope is not.
type scopeFromZone struct{}

func (scopeFromZone) Description(context.Context) string {
	return "defaults to Zone when zone_id is set, else Region"
}
func (m scopeFromZone) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (scopeFromZone) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !req.ConfigValue.IsNull() {
		return
	}
	var zone types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, req.Path.ParentPath().AtName("zone_id"), &zone)...)
	switch {
	case zone.IsUnknown():
		resp.PlanValue = types.StringUnknown()
	case zone.IsNull():
		resp.PlanValue = types.StringValue(reservation.ScopeRegion)
	default:
		resp.PlanValue = types.StringValue(reservation.ScopeZone)
	}
}

// renewalPeriods are the values auto_renew_period takes on a cloud (its
// unit, where it has one, is checked with it at validation).
func renewalPeriods(rules *reservation.Rules) []int64 {
	var out []int64
	for _, t := range rules.AutoRenewTerms {
		if !slices.Contains(out, int64(t.Period)) {
			out = append(out, int64(t.Period))
		}
	}
	return out
}

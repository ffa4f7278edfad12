package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsri/terraform-provider-ecsri/internal/alicloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// refresh reads the reservation's RIs into m, in one batched
// DescribeReservedInstances and one DescribeReservedInstanceAutoRenewAttribute.
// It keeps what the API cannot report (the term bought, timeouts) from m,
// derives the term after an import, keeps elements not bought yet, and drops
// RIs that no longer exist. gone is true when none exists.
func (r *reservedInstanceResource) refresh(ctx context.Context, m *reservedInstanceModel) (gone bool, diags diag.Diagnostics) {
	if m.RegionID.ValueString() == "" {
		m.RegionID = types.StringValue(r.region)
	}
	region := m.RegionID.ValueString()
	ids := m.ids(ctx)
	seen, renew, err := r.client.Lookup(ctx, region, ids)
	if err != nil {
		diags.AddError("Cannot read reserved instances", err.Error())
		return false, diags
	}

	prior, known, _ := m.configurations(ctx)
	if !known || len(prior) == 0 { // after an import only the IDs are known
		prior = nil
		for _, id := range ids {
			prior = append(prior, configurationModel{ID: types.StringValue(id), ExpiredTime: types.StringNull()})
		}
	}
	var confs []configurationModel
	var present, vanished []string
	for _, c := range prior {
		id := c.ID.ValueString()
		if id == "" {
			c.ExpiredTime = types.StringNull()
			confs = append(confs, c)
			continue
		}
		ri, ok := seen[id]
		if !ok {
			vanished = append(vanished, id)
			continue
		}
		present = append(present, id)
		confs = append(confs, configurationModel{
			InstanceType: types.StringValue(ri.InstanceType), InstanceAmount: types.Int64Value(int64(ri.InstanceAmount)),
			Scope: types.StringValue(ri.Scope), ZoneID: nullIfEmpty(ri.ZoneID), ID: types.StringValue(id), Status: types.StringValue(ri.Status),
			ExpiredTime: types.StringValue(ri.ExpiredTime),
		})
	}
	if len(present) == 0 {
		return true, diags
	}
	if len(vanished) > 0 {
		diags.AddWarning("Some reserved instances no longer exist",
			fmt.Sprintf("%s no longer exist and were removed from this resource's state.", strings.Join(vanished, ", ")))
	}
	diags.Append(m.setConfigurations(ctx, confs)...)

	first := seen[present[0]]
	m.ID = types.StringValue(strings.Join(present, ","))
	m.Platform, m.OfferingType = types.StringValue(first.Platform), types.StringValue(first.OfferingType)
	m.ResourceGroupID = nullIfEmpty(first.ResourceGroupID)
	if !sameInstant(m.StartTime.ValueString(), first.StartTime) {
		m.StartTime = types.StringValue(first.StartTime)
	}
	m.Name, m.Description = nullIfEmpty(first.Name), nullIfEmpty(first.Description)
	if len(first.Tags) > 0 || !m.Tags.IsNull() {
		tags, d := types.MapValueFrom(ctx, types.StringType, first.Tags)
		diags.Append(d...)
		m.Tags = tags
	}

	status, expired, locks := alicloud.StatusActive, first.ExpiredTime, map[string]bool{}
	for _, id := range present {
		ri := seen[id]
		if status == alicloud.StatusActive && ri.Status != alicloud.StatusActive {
			status = ri.Status
		}
		if ri.ExpiredTime < expired {
			expired = ri.ExpiredTime
		}
		for _, l := range ri.OperationLocks {
			locks[l] = true
		}
		if ri.Status != alicloud.StatusActive && !alicloud.IsPending(ri.Status) {
			diags.AddWarning("Reserved instance no longer in effect",
				fmt.Sprintf("%s is %s (expiry %s). It stays in state so that Terraform does not buy it again; remove the resource or its configuration element when you no longer need the record.", id, ri.Status, ri.ExpiredTime))
		}
	}
	m.Status, m.ExpiredTime = types.StringValue(status), types.StringValue(expired)
	lockList := make([]string, 0, len(locks))
	for l := range locks {
		lockList = append(lockList, l)
	}
	m.OperationLocks = stringList(lockList)

	a := renew[present[0]]
	m.AutoRenew = types.BoolValue(a.Enabled)
	if a.Enabled && a.Duration > 0 {
		m.AutoRenewPeriod, m.AutoRenewPeriodUnit = types.Int64Value(int64(a.Duration)), types.StringValue(a.Unit)
	}
	if m.AutoRenewPeriod.IsNull() || m.AutoRenewPeriod.IsUnknown() {
		m.AutoRenewPeriod, m.AutoRenewPeriodUnit = types.Int64Value(1), types.StringValue("Year")
	}

	if m.Period.IsNull() || m.Period.IsUnknown() {
		m.Period, m.PeriodUnit = types.Int64Value(1), types.StringValue("Year")
		start, err1 := reservation.ParseAPITime(first.StartTime)
		end, err2 := reservation.ParseAPITime(first.ExpiredTime)
		if term, ok := reservation.DeriveTerm(start, end); err1 == nil && err2 == nil && ok {
			m.Period, m.PeriodUnit = types.Int64Value(int64(term.Period)), types.StringValue(term.Unit)
		} else {
			diags.AddWarning("Term not recognised",
				fmt.Sprintf("%s runs from %s to %s, which is not a whole number of months; period is recorded as 1 Year. Set period and period_unit to what you bought.", first.ID, first.StartTime, first.ExpiredTime))
		}
	}
	return false, diags
}

// sameInstant compares a configured start time (yyyy-MM-ddTHHZ) with the
// API's (yyyy-MM-ddTHH:mmZ), so the two spellings cause no diff.
func sameInstant(a, b string) bool {
	ta, err1 := reservation.ParseAPITime(a)
	tb, err2 := reservation.ParseAPITime(b)
	return err1 == nil && err2 == nil && ta.Equal(tb)
}

package volcengine

import (
	"context"
	"fmt"
	"strconv"

	"github.com/volcengine/volcengine-go-sdk/service/billing"
	"github.com/volcengine/volcengine-go-sdk/volcengine"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// Renewal types of Billing.
const (
	renewAuto   = "AutoRenewal"
	renewManual = "ManualRenewal"
	renewNever  = "NonRenewal"
)

// Renewals reads renewal through Billing's ListAvailableInstances. The
// typed SDK output has no RenewalDuration, so the generic call reads it.
func (c *Client) Renewals(ctx context.Context, region string, ids []string) (map[string]cloud.Renewal, error) {
	rc, err := c.clients(region)
	if err != nil {
		return nil, err
	}
	out := map[string]cloud.Renewal{}
	for _, batch := range cloud.Chunks(ids, maxRenewalIDs) {
		next := ""
		for {
			in := map[string]interface{}{"Product": product, "InstanceIDs": batch, "MaxResults": maxRenewalIDs}
			if next != "" {
				in["NextToken"] = next
			}
			var resp *map[string]interface{}
			err := c.call(ctx, "ListAvailableInstances", func() error {
				var err error
				resp, err = rc.billing.ListAvailableInstancesCommonWithContext(ctx, &in)
				return err
			})
			if err != nil {
				return nil, err
			}
			items, token := availableInstances(resp)
			for _, item := range items {
				out[str(item["InstanceID"])] = renewalFrom(item)
			}
			if next = token; next == "" || len(items) == 0 {
				break
			}
		}
	}
	return out, nil
}

// availableInstances reads the items and the next page's token of a
// ListAvailableInstances answer, with or without the Result envelope.
func availableInstances(resp *map[string]interface{}) ([]map[string]interface{}, string) {
	if resp == nil {
		return nil, ""
	}
	body := *resp
	if result, ok := body["Result"].(map[string]interface{}); ok {
		body = result
	}
	var items []map[string]interface{}
	list, _ := body["InstanceList"].([]interface{})
	for _, v := range list {
		if m, ok := v.(map[string]interface{}); ok {
			items = append(items, m)
		}
	}
	return items, str(body["NextToken"])
}

func renewalFrom(item map[string]interface{}) cloud.Renewal {
	r := cloud.Renewal{Known: true, Auto: str(item["RenewType"]) == renewAuto}
	if n, err := strconv.Atoi(str(item["RenewalDuration"])); err == nil && n > 0 {
		r.Term = reservation.Term{Period: n, Unit: reservation.Month}
		if str(item["RenewalDurationUnit"]) == reservation.Year {
			r.Term = reservation.Term{Period: n * 12, Unit: reservation.Month}
		}
	}
	return r
}

// str reads a JSON value as text: numbers as decimals.
func str(v interface{}) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// SetRenewal sets each RI's renewal type through Billing SetRenewalType:
// automatic renewal for the term in months, renewing by hand, or (Never)
// not renewing at all.
func (c *Client) SetRenewal(ctx context.Context, region string, ids []string, r cloud.Renewal) error {
	rc, err := c.clients(region)
	if err != nil {
		return err
	}
	for _, id := range ids {
		in := &billing.SetRenewalTypeInput{InstanceID: volcengine.String(id), Product: volcengine.String(product), RenewType: volcengine.String(renewManual)}
		switch {
		case r.Auto:
			in.RenewType, in.RenewalDuration, in.RenewalDurationUnit = volcengine.String(renewAuto), volcengine.Int64(int64(r.Term.Months())), volcengine.String(reservation.Month)
		case r.Never:
			in.RenewType = volcengine.String(renewNever)
		}
		if err := c.call(ctx, "SetRenewalType", func() error {
			_, err := rc.billing.SetRenewalTypeWithContext(ctx, in)
			return err
		}); err != nil {
			return err
		}
	}
	return nil
}

// Renew extends each batch (one RI per call) through Billing RenewInstance,
// with the batch's ClientToken reused by its retries. It stops at the first
// failure.
func (c *Client) Renew(ctx context.Context, in cloud.RenewRequest) error {
	rc, err := c.clients(in.Region)
	if err != nil {
		return err
	}
	for _, b := range in.Batches {
		for _, id := range b.IDs {
			req := &billing.RenewInstanceInput{
				InstanceID: volcengine.String(id), Product: volcengine.String(product), ClientToken: volcengine.String(b.Token),
				RenewalDuration: volcengine.Int64(int64(in.Term.Months())), RenewalDurationUnit: volcengine.String(reservation.Month),
			}
			err := c.call(ctx, "RenewInstance", func() error {
				_, err := rc.billing.RenewInstanceWithContext(ctx, req)
				return err
			})
			if err != nil {
				return err
			}
		}
	}
	return nil
}

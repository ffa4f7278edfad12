package ecsmock_test

import (
	"testing"
	"time"

	"github.com/volcengine/volcengine-go-sdk/service/billing"
	vecs "github.com/volcengine/volcengine-go-sdk/service/ecs"
	"github.com/volcengine/volcengine-go-sdk/volcengine"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
	volcdialect "github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/volcengine"
)

type vconf = vecs.ConfigurationForModifyReservedInstancesInput

func target(name, typ string, count int32) *vconf {
	return &vconf{ReservedInstanceName: volcengine.String(name), InstanceTypeId: volcengine.String(typ), InstanceCount: volcengine.Int32(count)}
}

func (e *volcEnv) modify(ids []string, confs ...*vconf) ([]string, error) {
	return e.modifyWith(&vecs.ModifyReservedInstancesInput{ReservedInstanceIds: volcengine.StringSlice(ids), Configurations: confs})
}

func (e *volcEnv) modifyWith(in *vecs.ModifyReservedInstancesInput) ([]string, error) {
	if in.ClientToken == nil {
		in.ClientToken = newToken()
	}
	out, err := e.ecs.ModifyReservedInstances(in)
	if err != nil {
		return nil, err
	}
	return volcengine.StringValueSlice(out.ReservedInstanceIds), nil
}

func TestVolcengineSplitIsAsyncKeepsExpiryAndInherits(t *testing.T) {
	t.Parallel()
	e := startVolc(t, ecsmock.Options{ActivationDelay: 10 * time.Minute, Volcengine: volcdialect.Options{Projects: []string{"web"}}})
	src := e.buy(t, func(in *vecs.PurchaseReservedInstancesInput) {
		in.InstanceTypeId, in.ProjectName, in.Description = volcengine.String("ecs.g3i.2xlarge"), volcengine.String("web"), volcengine.String("kept")
		in.AutoRenew, in.AutoRenewPeriod = volcengine.Bool(true), volcengine.Int32(6)
		in.Tags = []*vecs.TagForPurchaseReservedInstancesInput{{Key: volcengine.String("env"), Value: volcengine.String("prod")}}
	})
	_, err := e.modify([]string{src}, target("half", "ecs.g3i.xlarge", 2))
	wantVolcCode(t, err, "InvalidReservedInstanceStatus.Unsupported", 400)
	e.mock.AdvanceClock(10 * time.Minute)

	ids, err := e.modify([]string{src}, target("half-a", "ecs.g3i.xlarge", 1), target("half-b", "ecs.g3i.large", 2))
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 2 || ids[0] == src || ids[1] == src {
		t.Fatalf("a split returns two new IDs: %v", ids)
	}
	got := e.describe(t, src, ids[0], ids[1])
	if s := volcengine.StringValue(got[src].Status); s != "UPDATING" {
		t.Fatalf("source during the split: %s", s)
	}
	for i, id := range ids {
		ri := got[id]
		if volcengine.StringValue(ri.Status) != "CREATING" || volcengine.StringValue(ri.ExpiredAt) != volcengine.StringValue(got[src].ExpiredAt) {
			t.Fatalf("target %d: %s, expiry %s", i, volcengine.StringValue(ri.Status), volcengine.StringValue(ri.ExpiredAt))
		}
		// Nothing but the configurations was passed: the rest is the source's.
		if volcengine.StringValue(ri.ProjectName) != "web" || volcengine.StringValue(ri.Description) != "kept" || len(ri.Tags) != 1 ||
			volcengine.StringValue(ri.ZoneId) != "cn-beijing-a" || volcengine.StringValue(ri.Scope) != "ZonalRI" {
			t.Fatalf("target %d did not inherit from the source: %+v", i, ri)
		}
		stored, _ := e.mock.ReservedInstance(id)
		if stored.RenewType != "AutoRenewal" || stored.AutoRenewDuration != 6 {
			t.Fatalf("target %d did not inherit auto-renewal: %+v", i, stored)
		}
	}
	if volcengine.StringValue(got[ids[0]].ReservedInstanceName) != "half-a" || volcengine.Int32Value(got[ids[1]].InstanceCount) != 2 {
		t.Fatalf("configurations not applied: %+v %+v", got[ids[0]], got[ids[1]])
	}
	e.mock.AdvanceClock(10 * time.Minute)
	for id, want := range map[string]string{src: "INACTIVE", ids[0]: "ACTIVE", ids[1]: "ACTIVE"} {
		if s := e.status(t, id); s != want {
			t.Fatalf("%s should end %s, got %s", id, want, s)
		}
	}
	_, err = e.modify([]string{src}, target("again", "ecs.g3i.2xlarge", 1))
	wantVolcCode(t, err, "InvalidReservedInstanceStatus.Unsupported", 400)
	// Billing no longer sees the retired source.
	list, err := e.billing.ListAvailableInstances(&billing.ListAvailableInstancesInput{MaxResults: volcengine.Int32(100)})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.InstanceList) != 2 {
		t.Fatalf("Billing should list the two targets only: %d", len(list.InstanceList))
	}
}

func TestVolcengineRenameMergeAndSharedAttributes(t *testing.T) {
	t.Parallel()
	e := startVolc(t, ecsmock.Options{Volcengine: volcdialect.Options{Projects: []string{"ops"}}})
	src := e.buy(t, func(in *vecs.PurchaseReservedInstancesInput) { in.InstanceCount = volcengine.Int32(2) })
	renamed, err := e.modify([]string{src}, target("renamed", "ecs.g3i.large", 2))
	if err != nil {
		t.Fatal(err)
	}
	if len(renamed) != 1 || renamed[0] == src {
		t.Fatalf("a rename must yield a new ID: %v", renamed)
	}
	if ri, _ := e.mock.ReservedInstance(renamed[0]); ri.Name != "renamed" || ri.InstanceAmount != 2 {
		t.Fatalf("renamed target: %+v", ri)
	}

	// No configuration: one target like the source, with what was passed.
	changed, err := e.modifyWith(&vecs.ModifyReservedInstancesInput{
		ReservedInstanceIds: volcengine.StringSlice(renamed), AutoRenew: volcengine.Bool(true), AutoRenewPeriod: volcengine.Int32(12),
		Description: volcengine.String("new text"), ProjectName: volcengine.String("ops"),
		Tags: []*vecs.TagForModifyReservedInstancesInput{{Key: volcengine.String("team"), Value: volcengine.String("x")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	ri, _ := e.mock.ReservedInstance(changed[0])
	if ri.Name != "renamed" || ri.InstanceAmount != 2 || ri.ZoneID != "cn-beijing-a" || ri.Description != "new text" || ri.ProjectName != "ops" ||
		ri.Tags["team"] != "x" || ri.RenewType != "AutoRenewal" || ri.AutoRenewDuration != 12 || ri.AutoRenewUnit != "Month" {
		t.Fatalf("shared attributes not applied: %+v", ri)
	}
	off, err := e.modifyWith(&vecs.ModifyReservedInstancesInput{ReservedInstanceIds: volcengine.StringSlice(changed), AutoRenew: volcengine.Bool(false)})
	if err != nil {
		t.Fatal(err)
	}
	if ri, _ := e.mock.ReservedInstance(off[0]); ri.AutoRenew || ri.RenewType != "ManualRenewal" || ri.Description != "new text" {
		t.Fatalf("AutoRenew=false switches auto-renewal off and keeps the rest: %+v", ri)
	}

	// Merge two of one family and expiry, and move the result.
	a := e.buy(t, func(in *vecs.PurchaseReservedInstancesInput) { in.InstanceCount = volcengine.Int32(2) })
	b := e.buy(t, func(in *vecs.PurchaseReservedInstancesInput) { in.InstanceTypeId = volcengine.String("ecs.g3i.xlarge") })
	merged, err := e.modify([]string{a, b}, &vconf{ReservedInstanceName: volcengine.String("merged"), InstanceTypeId: volcengine.String("ecs.g3i.2xlarge"),
		InstanceCount: volcengine.Int32(1), ZoneId: volcengine.String("cn-beijing-c")})
	if err != nil {
		t.Fatal(err)
	}
	if ri, _ := e.mock.ReservedInstance(merged[0]); ri.ZoneID != "cn-beijing-c" || ri.InstanceType != "ecs.g3i.2xlarge" {
		t.Fatalf("merged target: %+v", ri)
	}
	regional, err := e.modify(merged, &vconf{ReservedInstanceName: volcengine.String("wide"), Scope: volcengine.String("RegionalRI")})
	if err != nil {
		t.Fatal(err)
	}
	if ri, _ := e.mock.ReservedInstance(regional[0]); ri.Scope != "RegionalRI" || ri.ZoneID != "" || ri.InstanceType != "ecs.g3i.2xlarge" || ri.InstanceAmount != 1 {
		t.Fatalf("zonal to regional, type kept, count 1 by default: %+v", ri)
	}
}

func TestVolcengineModifyRules(t *testing.T) {
	t.Parallel()
	e := startVolc(t, ecsmock.Options{Volcengine: volcdialect.Options{ZonalVCPUQuota: 16}})
	seed := func(ri ecsmock.ReservedInstance) string {
		if ri.InstanceType == "" {
			ri.InstanceType = "ecs.g3i.large"
		}
		if ri.ZoneID == "" {
			ri.ZoneID = "cn-beijing-a"
		}
		if ri.ExpiredTime.IsZero() {
			ri.ExpiredTime = time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		stored, err := e.mock.Seed(ecsmock.CloudVolcengine, ri)
		if err != nil {
			t.Fatal(err)
		}
		return stored.ID
	}
	a := seed(ecsmock.ReservedInstance{InstanceAmount: 2})
	b := seed(ecsmock.ReservedInstance{})
	c3i := seed(ecsmock.ReservedInstance{InstanceType: "ecs.c3i.large"})
	later := seed(ecsmock.ReservedInstance{ExpiredTime: time.Date(2099, 2, 1, 0, 0, 0, 0, time.UTC)})
	var eleven []string
	for range 11 {
		eleven = append(eleven, seed(ecsmock.ReservedInstance{ZoneID: "cn-beijing-b"}))
	}
	var fiftyOne []*vconf
	for range 51 {
		fiftyOne = append(fiftyOne, target("t", "ecs.g3i.large", 1))
	}
	e.mock.SetStock(ecsmock.CloudVolcengine, "cn-beijing-c", "ecs.g3i.large", false)

	cases := []struct {
		name   string
		ids    []string
		confs  []*vconf
		code   string
		status int
	}{
		{"no source", []string{}, []*vconf{target("t", "ecs.g3i.large", 1)}, "MissingParameter.ReservedInstanceIds", 400},
		{"11 sources", eleven, []*vconf{target("t", "ecs.g3i.large", 11)}, "LimitExceeded.MaximumReservedInstanceIds", 400},
		{"51 targets", []string{a}, fiftyOne, "LimitExceeded.MaximumConfigurations", 400},
		{"unknown source", []string{"ecsri-missing"}, []*vconf{target("t", "ecs.g3i.large", 1)}, "InvalidReservedInstanceId.NotFound", 404},
		{"source twice", []string{b, b}, []*vconf{target("t", "ecs.g3i.large", 2)}, "InvalidParameter", 400},
		{"sources of two families", []string{b, c3i}, []*vconf{target("t", "ecs.g3i.large", 2)}, "InvalidInstanceTypeFamily.Inconsistent", 400},
		{"sources of two expiries", []string{b, later}, []*vconf{target("t", "ecs.g3i.large", 2)}, "InvalidExpiredAt.Inconsistent", 400},
		{"target of another family", []string{b}, []*vconf{target("t", "ecs.c3i.large", 1)}, "InvalidInstanceTypeFamily.Inconsistent", 400},
		{"computing power not conserved", []string{a}, []*vconf{target("t", "ecs.g3i.large", 3)}, "InvalidComputingPower.Inconsistent", 400},
		{"merge without configuration", []string{a, b}, nil, "MissingParameter.Configurations", 400},
		{"target without name", []string{b}, []*vconf{target("", "ecs.g3i.large", 1)}, "MissingParameter.ReservedInstanceName", 400},
		{"target name malformed", []string{b}, []*vconf{target("9", "ecs.g3i.large", 1)}, "InvalidReservedInstanceName.Malformed", 400},
		{"unknown target type", []string{b}, []*vconf{target("t", "ecs.g3i.5xlarge", 1)}, "InvalidInstanceType.NotFound", 404},
		{"target type not reservable", []string{b}, []*vconf{target("t", "ecs.e-c1m2.large", 1)}, "InvalidInstanceTypeForCreateReservedInstance.Unsupported", 400},
		{"target count above 100", []string{b}, []*vconf{target("t", "ecs.g3i.large", 101)}, "LimitExceeded.MaximumInstanceCount", 400},
		{"target scope", []string{b}, []*vconf{{ReservedInstanceName: volcengine.String("t"), Scope: volcengine.String("Zone")}}, "InvalidScope.Malformed", 400},
		{"target zone unknown", []string{b}, []*vconf{{ReservedInstanceName: volcengine.String("t"), ZoneId: volcengine.String("cn-shanghai-a")}}, "InvalidZone.NotFound", 404},
		{"target HPC cluster unknown", []string{b}, []*vconf{{ReservedInstanceName: volcengine.String("t"), HpcClusterId: volcengine.String("hpc-x")}}, "InvalidHpcCluster.NotFound", 404},
		{"target zone sold out", []string{b}, []*vconf{{ReservedInstanceName: volcengine.String("t"), ZoneId: volcengine.String("cn-beijing-c")}}, "Insufficient.InstanceCapacity", 500},
		{"target zone over quota", []string{a}, []*vconf{{ReservedInstanceName: volcengine.String("t"), InstanceCount: volcengine.Int32(2), ZoneId: volcengine.String("cn-beijing-b")}}, "QuotaExceeded.MaximumReservedInstanceCpus", 400},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.modify(tc.ids, tc.confs...)
			wantVolcCode(t, err, tc.code, tc.status)
		})
	}
	for _, bad := range []*vecs.ModifyReservedInstancesInput{
		{ReservedInstanceIds: volcengine.StringSlice([]string{b}), ProjectName: volcengine.String("nobody")},
		{ReservedInstanceIds: volcengine.StringSlice([]string{b}), AutoRenew: volcengine.Bool(true), AutoRenewPeriod: volcengine.Int32(5)},
		{ReservedInstanceIds: volcengine.StringSlice([]string{b}), Tags: []*vecs.TagForModifyReservedInstancesInput{{Key: volcengine.String("sys:x")}}},
		{ReservedInstanceIds: volcengine.StringSlice([]string{b}), RegionId: volcengine.String("cn-shanghai")},
	} {
		if _, err := e.modifyWith(bad); err == nil {
			t.Errorf("modify %+v should be refused", bad)
		}
	}
	if n := e.mock.CountCalls(ecsmock.CloudVolcengine, "ModifyReservedInstances"); n != 0 {
		t.Fatalf("%d refused modifications were logged as successful", n)
	}
	// A modification within the quota: its sources no longer count.
	if _, err := e.modify([]string{a}, target("same-zone", "ecs.g3i.xlarge", 1)); err != nil {
		t.Fatal(err)
	}
}

func TestVolcengineModifyClientToken(t *testing.T) {
	t.Parallel()
	e := startVolc(t, ecsmock.Options{})
	src := e.buy(t, func(in *vecs.PurchaseReservedInstancesInput) { in.InstanceCount = volcengine.Int32(2) })
	in := func() *vecs.ModifyReservedInstancesInput {
		return &vecs.ModifyReservedInstancesInput{ReservedInstanceIds: volcengine.StringSlice([]string{src}),
			Configurations: []*vconf{target("split", "ecs.g3i.large", 1), target("split", "ecs.g3i.large", 1)}, ClientToken: volcengine.String("m-1")}
	}
	first, err := e.modifyWith(in())
	if err != nil {
		t.Fatal(err)
	}
	again, err := e.modifyWith(in())
	if err != nil || len(again) != 2 || again[0] != first[0] || again[1] != first[1] {
		t.Fatalf("a retry with the same token returns the first answer: %v %v (%v)", first, again, err)
	}
	other := in()
	other.Description = volcengine.String("different")
	_, err = e.modifyWith(other)
	wantVolcCode(t, err, "IdempotentParameterMismatch", 400)
	if n := len(e.mock.ReservedInstances(ecsmock.CloudVolcengine)); n != 3 {
		t.Fatalf("one source and two targets, got %d RIs", n)
	}
}

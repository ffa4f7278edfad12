package ecsmock_test

import (
	"testing"
	"time"

	vecs "github.com/volcengine/volcengine-go-sdk/service/ecs"
	"github.com/volcengine/volcengine-go-sdk/volcengine"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
	volcdialect "github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/volcengine"
)

func TestVolcengineSeed(t *testing.T) {
	t.Parallel()
	e := startVolc(t, ecsmock.Options{})
	now := e.mock.Now()
	zonal, err := e.mock.Seed(ecsmock.CloudVolcengine, ecsmock.ReservedInstance{InstanceType: "ecs.g3i.xlarge", ZoneID: "cn-beijing-c"})
	if err != nil {
		t.Fatal(err)
	}
	if zonal.Cloud != ecsmock.CloudVolcengine || zonal.RegionID != "cn-beijing" || zonal.Scope != "ZonalRI" || zonal.Status != volcdialect.StatusActive ||
		zonal.ProjectName != "default" || zonal.RenewType != "ManualRenewal" || zonal.InstanceAmount != 1 || zonal.AutoRenew {
		t.Fatalf("defaults: %+v", zonal)
	}
	if d := zonal.ExpiredTime.Sub(now); d < 364*24*time.Hour || d > 367*24*time.Hour {
		t.Fatalf("a seeded term is 12 months: %s", d)
	}
	start := now.Add(-48 * time.Hour).Truncate(time.Second)
	expiry := now.Add(time.Hour).Truncate(time.Second)
	renewing, err := e.mock.Seed(ecsmock.CloudVolcengine, ecsmock.ReservedInstance{
		RegionID: "cn-shanghai", InstanceType: "ecs.c3i.large", ZoneID: "cn-shanghai-b",
		Name: "seeded", ProjectName: "team-a", HpcClusterID: "hpc-sh", AutoRenew: true, AutoRenewDuration: 3,
		StartTime: start, ExpiredTime: expiry,
	})
	if err != nil {
		t.Fatal(err)
	}
	if renewing.RenewType != "AutoRenewal" || renewing.AutoRenewUnit != "Month" || !renewing.StartTime.Equal(start) || !renewing.ExpiredTime.Equal(expiry) {
		t.Fatalf("seeded renewal and term: %+v", renewing)
	}
	lapsing, err := e.mock.Seed(ecsmock.CloudVolcengine, ecsmock.ReservedInstance{InstanceType: "ecs.g3i.large", RenewType: "NonRenewal", ExpiredTime: expiry})
	if err != nil {
		t.Fatal(err)
	}
	if lapsing.Scope != "RegionalRI" || lapsing.ZoneID != "" || lapsing.RenewType != "NonRenewal" {
		t.Fatalf("a seed without a zone is regional: %+v", lapsing)
	}
	// The project and cluster the seed named now exist for purchases too.
	sh := e.ecsFor(t, ecsmock.DefaultAccessKeyID, ecsmock.DefaultAccessKeySecret, "", "cn-shanghai")
	if _, err := sh.PurchaseReservedInstances(purchaseInput(func(in *vecs.PurchaseReservedInstancesInput) {
		in.ZoneId, in.ProjectName, in.HpcClusterId = volcengine.String("cn-shanghai-b"), volcengine.String("team-a"), volcengine.String("hpc-sh")
	})); err != nil {
		t.Fatalf("purchase into the seeded project and cluster: %v", err)
	}

	e.mock.AdvanceClock(2 * time.Hour)
	if ri, _ := e.mock.ReservedInstance(renewing.ID); ri.Status != "ACTIVE" || !ri.ExpiredTime.After(e.mock.Now()) {
		t.Fatalf("the seeded auto-renewal should have run: %+v", ri)
	}
	if ri, _ := e.mock.ReservedInstance(lapsing.ID); ri.Status != "EXPIRED" || len(ri.OperationLocks) != 0 {
		t.Fatalf("without auto-renewal a Volcengine RI expires, with no lock: %+v", ri)
	}

	all := e.mock.ReservedInstances(ecsmock.CloudVolcengine)
	if len(all) != 4 || all[0].ID != zonal.ID || len(e.mock.ReservedInstances(ecsmock.CloudAlibaba)) != 0 {
		t.Fatalf("inventory per cloud, in creation order: %d Volcengine, %d Alibaba", len(all), len(e.mock.ReservedInstances(ecsmock.CloudAlibaba)))
	}
	if !e.mock.Update(zonal.ID, func(ri *ecsmock.ReservedInstance) { ri.Name = "edited" }) {
		t.Fatal("update failed")
	}
	if got := e.describe(t, zonal.ID)[zonal.ID]; volcengine.StringValue(got.ReservedInstanceName) != "edited" {
		t.Fatalf("an update shows through the API: %+v", got)
	}
	if !e.mock.Remove(zonal.ID) || len(e.describe(t, zonal.ID)) != 0 {
		t.Fatal("a removed RI vanishes")
	}

	for name, bad := range map[string]ecsmock.ReservedInstance{
		"unknown type":             {InstanceType: "ecs.g5.large"},
		"unknown region":           {InstanceType: "ecs.g3i.large", RegionID: "cn-hangzhou"},
		"zone of another region":   {InstanceType: "ecs.g3i.large", ZoneID: "cn-shanghai-a"},
		"bad scope":                {InstanceType: "ecs.g3i.large", Scope: "Zone", ZoneID: "cn-beijing-a"},
		"bad renew type":           {InstanceType: "ecs.g3i.large", RenewType: "Sometimes"},
		"bad project":              {InstanceType: "ecs.g3i.large", ProjectName: "a b"},
		"unknown regional cluster": {InstanceType: "ecs.g3i.large", HpcClusterID: "hpc-new"},
		"duplicate ID":             {InstanceType: "ecs.g3i.large", ID: renewing.ID},
	} {
		if _, err := e.mock.Seed(ecsmock.CloudVolcengine, bad); err == nil {
			t.Errorf("%s: seed should fail", name)
		}
	}
	if _, err := e.mock.Seed("gcp", ecsmock.ReservedInstance{InstanceType: "x"}); err == nil {
		t.Error("an unknown cloud must be refused")
	}
	if _, err := e.mock.Seed("", ecsmock.ReservedInstance{InstanceType: "ecs.g6.large"}); err == nil {
		t.Error("a seed must name its cloud: there is no default")
	}
	if _, err := e.mock.Seed(ecsmock.CloudVolcengine, ecsmock.ReservedInstance{Cloud: ecsmock.CloudAlibaba, InstanceType: "ecs.g3i.large"}); err == nil {
		t.Error("a record of another cloud must be refused")
	}
	if err := e.mock.AddProject(ecsmock.CloudVolcengine, "bad name"); err == nil {
		t.Error("a malformed project name must be refused")
	}
	if err := e.mock.AddHpcCluster(ecsmock.CloudVolcengine, "h", "cn-hangzhou-h"); err == nil {
		t.Error("an HPC cluster needs a Volcengine zone")
	}
	// Alibaba seeds keep their defaults.
	ali, err := e.mock.Seed(ecsmock.CloudAlibaba, ecsmock.ReservedInstance{InstanceType: "ecs.g6.large"})
	if err != nil || ali.Cloud != ecsmock.CloudAlibaba || ali.Scope != "Region" || ali.Status != "Active" {
		t.Fatalf("Alibaba seed: %+v %v", ali, err)
	}
}

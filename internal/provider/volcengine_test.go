package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

const volcAddr = "ecsri_volcengine_reserved_instance.test"

// Buying with every argument, then tags and auto-renewal in place (IDs
// unchanged), a rename (new IDs, nothing bought), and a renewal by raising
// the term; each plan after apply and refresh is empty.
func TestAccVolcengine_lifecycle(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	full := func(name, tags string, autoRenew bool, period int) string {
		return e.volcengineRI(fmt.Sprintf(`
region_id         = "cn-beijing"
name              = %q
description       = "web tier"
project_name      = "default"
tags              = %s
period            = %d
period_unit       = "Month"
auto_renew        = %t
auto_renew_period = 3
configurations = [
  { instance_type = "ecs.g3i.xlarge", instance_amount = 2, zone_id = "cn-beijing-a" },
  { instance_type = "ecs.c3i.large", zone_id = "cn-beijing-b", scope = "Zone" },
]`, name, tags, period, autoRenew))
	}
	var ids string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{
				Config: full("web", `{ team = "web" }`, false, 1),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(volcAddr, at("status"), knownvalue.StringExact("ACTIVE")),
					statecheck.ExpectKnownValue(volcAddr, at("project_name"), knownvalue.StringExact("default")),
				},
				Check: check(func() error {
					ris := e.volcengineLive()
					if len(ris) != 2 || e.volcengineCalls("PurchaseReservedInstances") != 2 {
						return fmt.Errorf("want 2 RIs from 2 purchases: %+v", ris)
					}
					for _, ri := range ris {
						if ri.Name != "web" || ri.Description != "web tier" || ri.Tags["team"] != "web" || ri.ProjectName != "default" {
							return fmt.Errorf("%s was not bought as configured: %+v", ri.ID, ri)
						}
						ids += ri.ID + ","
					}
					return nil
				}),
			},
			{
				Config: full("web", `{ team = "web", env = "prod" }`, true, 1),
				Check: check(func() error {
					got := ""
					for _, ri := range e.volcengineLive() {
						if ri.Tags["env"] != "prod" || ri.RenewType != "AutoRenewal" || ri.AutoRenewDuration != 3 {
							return fmt.Errorf("%s: tags and auto-renewal not changed in place: %+v", ri.ID, ri)
						}
						got += ri.ID + ","
					}
					if got != ids || e.volcengineCalls("ModifyReservedInstances") != 0 {
						return fmt.Errorf("tags and auto-renewal keep the IDs: %s, was %s", got, ids)
					}
					return nil
				}),
			},
			{
				Config: full("renamed", `{ team = "web", env = "prod" }`, true, 1),
				Check: check(func() error {
					ris := e.volcengineLive()
					if len(ris) != 2 || e.volcengineCalls("PurchaseReservedInstances") != 2 || e.volcengineCalls("ModifyReservedInstances") != 2 {
						return fmt.Errorf("a rename is a modification per RI, with no purchase: %d RIs, calls %+v", len(ris), e.mock.Calls(ecsmock.CloudVolcengine, ""))
					}
					for _, ri := range ris {
						if ri.Name != "renamed" || ri.Tags["env"] != "prod" || ri.RenewType != "AutoRenewal" {
							return fmt.Errorf("the renamed RI %s lost something: %+v", ri.ID, ri)
						}
					}
					return nil
				}),
			},
			{
				Config: full("renamed", `{ team = "web", env = "prod" }`, true, 3),
				Check: check(func() error {
					if n := e.volcengineCalls("RenewInstance"); n != 2 {
						return fmt.Errorf("raising the term by 2 months renews each RI once: %d renewals", n)
					}
					return nil
				}),
			},
		},
		CheckDestroy: check(func() error {
			for _, ri := range e.volcengineLive() {
				if ri.RenewType != "NonRenewal" {
					return fmt.Errorf("destroy must stop renewal of %s: %+v", ri.ID, ri)
				}
			}
			return nil
		}),
	})
}

// volcengineShapes counts the live Volcengine RIs by "type×amount@zone".
func volcengineShapes(e *accEnv) map[string]int {
	got := map[string]int{}
	for _, ri := range e.volcengineLive() {
		got[fmt.Sprintf("%s×%d@%s", ri.InstanceType, ri.InstanceAmount, ri.ZoneID)]++
	}
	return got
}

// Split, merge, a zone move and a reshape that takes three steps, all in
// one apply, each through ModifyReservedInstances with Volcengine's rules;
// nothing is bought beyond the first purchases.
func TestAccVolcengine_reshapes(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	res := func(name, elems string) string {
		return fmt.Sprintf("resource \"ecsri_volcengine_reserved_instance\" %q {\n  name = %q\n  configurations = [%s]\n}\n", name, name, elems)
	}
	el := func(typ, zone string) string {
		return fmt.Sprintf(`{ instance_type = %q, zone_id = "cn-beijing-%s" }`, typ, zone)
	}
	before := e.volcengineBlock() +
		res("split", el("ecs.g3i.2xlarge", "a")) +
		res("merge", el("ecs.g3i.xlarge", "a")+", "+el("ecs.g3i.xlarge", "a")) +
		res("move", el("ecs.c3i.large", "a")) +
		res("steps", el("ecs.r3i.2xlarge", "a"))
	after := e.volcengineBlock() +
		res("split", el("ecs.g3i.xlarge", "a")+", "+el("ecs.g3i.xlarge", "a")) +
		res("merge", el("ecs.g3i.2xlarge", "a")) +
		res("move", el("ecs.c3i.large", "b")) +
		res("steps", el("ecs.r3i.xlarge", "b")+", "+el("ecs.r3i.xlarge", "c"))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: before},
			{
				Config: after,
				Check: check(func() error {
					want := map[string]int{"ecs.g3i.xlarge×1@cn-beijing-a": 2, "ecs.g3i.2xlarge×1@cn-beijing-a": 1, "ecs.c3i.large×1@cn-beijing-b": 1,
						"ecs.r3i.xlarge×1@cn-beijing-b": 1, "ecs.r3i.xlarge×1@cn-beijing-c": 1}
					if got := volcengineShapes(e); fmt.Sprint(got) != fmt.Sprint(want) {
						return fmt.Errorf("RIs in effect %v, want %v", got, want)
					}
					if m, p := e.volcengineCalls("ModifyReservedInstances"), e.volcengineCalls("PurchaseReservedInstances"); m != 6 || p != 5 {
						return fmt.Errorf("want 6 modifications (split, merge, move, then split and two moves) and the 5 first purchases; got %d and %d", m, p)
					}
					return nil
				}),
			},
		},
	})
}

// Import with an import block, on the command line and with a generated
// configuration: each plans no change.
func TestAccVolcengine_import(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	seed := func(typ, zone string) ecsmock.ReservedInstance {
		ri, err := e.mock.Seed(ecsmock.CloudVolcengine, ecsmock.ReservedInstance{InstanceType: typ, ZoneID: zone, Name: "imported", Description: "bought by hand",
			Tags: map[string]string{"owner": "ops"}})
		if err != nil {
			t.Fatal(err)
		}
		return ri
	}
	a, b := seed("ecs.g3i.xlarge", "cn-beijing-a"), seed("ecs.c3i.large", "cn-beijing-b")
	cfg := e.volcengineRI(`
name        = "imported"
description = "bought by hand"
tags        = { owner = "ops" }
period      = 12
period_unit = "Month"
configurations = [
  { instance_type = "ecs.g3i.xlarge", zone_id = "cn-beijing-a" },
  { instance_type = "ecs.c3i.large", zone_id = "cn-beijing-b" },
]`) + fmt.Sprintf("\nimport {\n  to = %s\n  id = \"cn-beijing:%s,%s\"\n}\n", volcAddr, a.ID, b.ID)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(volcAddr, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(volcAddr, at("id"), knownvalue.StringExact(a.ID+","+b.ID)),
					statecheck.ExpectKnownValue(volcAddr, at("project_name"), knownvalue.StringExact("default")),
				},
			},
			{
				ResourceName: volcAddr, ImportState: true, ImportStateVerify: true, ImportStateId: a.ID + "," + b.ID,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
		},
		CheckDestroy: check(func() error {
			if n := e.volcengineCalls("PurchaseReservedInstances"); n != 0 {
				return fmt.Errorf("import must buy nothing: %d purchases", n)
			}
			return nil
		}),
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			Config: e.volcengineBlock(), ResourceName: volcAddr, ImportState: true,
			ImportStateKind: resource.ImportBlockWithID, ImportStateId: a.ID, GenerateConfig: true,
			ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(volcAddr, plancheck.ResourceActionNoop),
				plancheck.ExpectKnownValue(volcAddr, at("name"), knownvalue.StringExact("imported")),
			}},
		}},
	})
}

// Every documented mistake is rejected at plan time, naming the attribute
// and the rule, before any call.
func TestAccVolcengine_badInputsRejectedAtPlan(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	one := `configurations = [{ instance_type = "ecs.g3i.large", zone_id = "cn-beijing-a" }]`
	named := "name = \"ri\"\n" + one
	cases := []struct{ body, want string }{
		{one, `The argument "name" is required`},
		{"name = \"1ri\"\n" + one, `name must not start with a digit, '_' or '-'`},
		{"name = \"ri.x\"\n" + one, `name may contain only letters, digits, Chinese characters, '_' and '-'`},
		{"name = \"ri\"\n" + `configurations = [{ instance_type = "ecs.g3i.large", zone_id = "cn-beijing-a", instance_amount = 101 }]`, `instance_amount value must be between 1 and 100`},
		{named + "\nperiod = 61\nperiod_unit = \"Month\"", `61 Months is longer than the 5 Years that Volcengine allows`},
		{named + "\nperiod = 1\nperiod_unit = \"Week\"", `period_unit value must be one of`},
		{named + "\nauto_renew = true\nauto_renew_period = 4", `auto_renew_period value must be one of`},
		{named + "\ntags = { \"VOLC:x\" = \"v\" }", `must not start with "volc:" or "sys:"`},
		{named + "\ntags = { k = null }", `tags["k"] is null`},
		{named + "\nproject_name = \"a b\"", `project_name may contain only letters, digits, '_', '.' and '-'`},
		{"name = \"ri\"\n" + `configurations = [{ instance_type = "ecs.g3i.large", zone_id = "" }]`, `zone_id string length must be at least 1`},
		{"name = \"ri\"\n" + `configurations = [{ instance_type = "ecs.g3i.large", zone_id = "cn-beijing-a", hpc_cluster_id = "" }]`, `hpc_cluster_id string length must be at least 1`},
		{"name = \"ri\"\n" + `configurations = [{ instance_type = "g3i.large" }]`, `Invalid instance type`},
	}
	var configs, wants []string
	for _, c := range cases {
		configs, wants = append(configs, e.volcengineRI(c.body)), append(wants, c.want)
	}
	resource.Test(t, e.rejectedAtPlan(configs, wants))
}

// The data source lists what DescribeReservedInstances and Billing report,
// with Volcengine's filters.
func TestAccVolcengine_dataSource(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	if err := e.mock.AddProject(ecsmock.CloudVolcengine, "team_a"); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i, zone := range []string{"cn-beijing-a", "cn-beijing-a", "cn-beijing-b"} {
		project := "default"
		if i == 2 {
			project = "team_a"
		}
		ri, err := e.mock.Seed(ecsmock.CloudVolcengine, ecsmock.ReservedInstance{InstanceType: "ecs.g3i.large", ZoneID: zone, Name: fmt.Sprintf("fleet-%d", i),
			ProjectName: project, Tags: map[string]string{"team": "data"}, AutoRenew: i == 0, AutoRenewDuration: 6, AutoRenewUnit: "Month"})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, ri.ID)
	}
	ds := "data.ecsri_volcengine_reserved_instances"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			Config: e.volcengineBlock() + `
data "ecsri_volcengine_reserved_instances" "all" {}
data "ecsri_volcengine_reserved_instances" "zone_a" { zone_id = "cn-beijing-a" }
data "ecsri_volcengine_reserved_instances" "team_a" { project_name = "team_a" }
data "ecsri_volcengine_reserved_instances" "none" { ids = [] }
data "ecsri_volcengine_reserved_instances" "active" { statuses = ["ACTIVE"] }`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds+".all", at("reserved_instances"), knownvalue.ListSizeExact(3)),
				statecheck.ExpectKnownValue(ds+".zone_a", at("reserved_instances"), knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue(ds+".team_a", at("reserved_instances"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(ids[2]), "project_name": knownvalue.StringExact("team_a"),
						"status": knownvalue.StringExact("ACTIVE"), "scope": knownvalue.StringExact("Zone"), "auto_renew": knownvalue.Bool(false)}),
				})),
				statecheck.ExpectKnownValue(ds+".none", at("reserved_instances"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue(ds+".active", at("reserved_instances"), knownvalue.ListSizeExact(3)),
				statecheck.ExpectKnownValue(ds+".all", at("reserved_instances").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"auto_renew": knownvalue.Bool(true), "auto_renew_period": knownvalue.Int64Exact(6),
				})),
			},
		}},
	})
}

// A rename on Volcengine is announced as what it is: a modification per
// RI, no charge, new IDs.
func TestAccVolcengine_renameIsAnnounced(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	cfg := func(name string) string {
		return e.volcengineRI(fmt.Sprintf("name = %q\nconfigurations = [{ instance_type = \"ecs.g3i.large\", zone_id = \"cn-beijing-a\" }]", name))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: cfg("before")},
			{
				PreConfig: func() { e.diags.take() },
				Config:    cfg("after"), PlanOnly: true, ExpectNonEmptyPlan: true,
				ConfigPlanChecks: planOnlyChecks(e.warnedNow([]string{`This apply reshapes reserved instances`, `1 ModifyReservedInstances call\(s\)`,
					`give ecsri-[a-z0-9]+ its new name, description or project: same shape, a new ID`, `They cost nothing`})),
			},
		},
	})
}

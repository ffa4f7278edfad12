package provider_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
	"github.com/ecsri/terraform-provider-ecsri/internal/provider/acctest"
)

// Import all three ways, on each cloud, with no call that costs money:
//  1. an import block, with a configuration that writes the 12-month term
//     the other way (1 Year on Volcengine, 12 Months on Alibaba): the plan
//     after the import is empty (issue #18, defect 3);
//  2. terraform import of both IDs, which reads back the same state;
//  3. an import block whose configuration terraform generates, which then
//     plans the import and nothing else.
func TestAccReservationImportThreeWays(t *testing.T) {
	acctest.PreCheck(t)
	acctest.EachCloud(t, func(t *testing.T, c acctest.Cloud) {
		e := acctest.New(t, ecsmock.Options{})
		tags := map[string]string{"team": "web"}
		a := e.Seed(t, c.Mock, ecsmock.ReservedInstance{InstanceType: c.Small, InstanceAmount: 2, ZoneID: c.Zone, Name: "ri", Tags: tags})
		b := e.Seed(t, c.Mock, ecsmock.ReservedInstance{InstanceType: c.Medium, ZoneID: c.Zone, Name: "ri", Tags: tags})
		other := e.Seed(t, c.Mock, ecsmock.ReservedInstance{InstanceType: c.Large, Name: "generated", Tags: map[string]string{}})
		term := map[string]string{"alibaba": "period = 12\nperiod_unit = \"Month\"", "volcengine": "period = 1\nperiod_unit = \"Year\""}[c.Name]
		body := acctest.Elements(c.Element(c.Small, 2, c.Zone), c.Element(c.Medium, 1, c.Zone)) + "name = \"ri\"\ntags = { team = \"web\" }\n" + term
		paid := func() error {
			for _, action := range []string{c.Rules.Calls.Purchase, c.Rules.Calls.Renew, c.Rules.Calls.Modify, c.Rules.Calls.AutoRenew} {
				if n := len(e.Mock.Calls(c.Mock, action)); n != 0 {
					return fmt.Errorf("an import made %d %s calls", n, action)
				}
			}
			return nil
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.Factories(),
			Steps: []resource.TestStep{
				{
					Config: c.Config(e, body) + fmt.Sprintf("import {\n  to = %s\n  id = \"%s:%s,%s\"\n}\n", c.Address(), c.Region, a.ID, b.ID),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(c.Address(), plancheck.ResourceActionNoop),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(c.Address(), acctest.At("id"), knownvalue.StringExact(a.ID+","+b.ID)),
						statecheck.ExpectKnownValue(c.Address(), acctest.At("configurations").AtSliceIndex(0).AtMapKey("instance_amount"), knownvalue.Int64Exact(2)),
					},
					Check: acctest.Check(paid),
				},
				{
					ResourceName: c.Address(), ImportState: true, ImportStateVerify: true, ImportStateId: a.ID + "," + b.ID,
					ImportStateVerifyIgnore: []string{"timeouts"},
				},
				{
					Config: c.Provider(e, ""), ResourceName: c.Resource + ".generated", ImportState: true,
					ImportStateKind: resource.ImportBlockWithID, ImportStateId: other.ID, GenerateConfig: true,
					ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(c.Resource+".generated", plancheck.ResourceActionNoop),
						plancheck.ExpectKnownValue(c.Resource+".generated", acctest.At("name"), knownvalue.StringExact("generated")),
					}},
				},
			},
		})
		if err := paid(); err != nil {
			t.Fatal(err)
		}
	})
}

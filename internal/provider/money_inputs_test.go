package provider

import (
	"fmt"
	"net"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

// Inputs that would not read back as written, or that no apply can reach,
// are rejected at plan time naming the attribute and the rule, before any
// call.
func TestAccInputs_rejectedAtPlanWithTheRule(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	one := `configurations = [{ instance_type = "ecs.g6.large" }]`
	cases := []struct{ body, want string }{
		{one + "\nstart_time = \"2030-11-23T05:30Z\"", `start_time "2030-11-23T05:30Z" is not in the format yyyy-MM-ddTHHZ (or yyyy-MM-ddTHH:00Z): the API keeps only the hour`},
		{one + "\nresource_group_id = \"\"", `resource_group_id string length must be at least 1`},
		{one + "\ntags = { owner = null }", `tags["owner"] is null. A tag needs a value`},
		{one + "\ntags = { \"acs:x\" = null }", `must not start with "acs:" or "aliyun"`},
		{one + "\nperiod = 6\nperiod_unit = \"Year\"", `period = 6, period_unit = "Year": 6 Years is longer than the 5 Years that Alibaba Cloud allows`},
		{`configurations = [{ instance_type = "ecs.g6.large", zone_id = "" }]`, `zone_id string length must be at least 1`},
		{one + "\nauto_renew = true\nauto_renew_period = 3\nauto_renew_period_unit = \"Month\"", `an automatic renewal of 3 Months is not offered`},
	}
	var configs, wants []string
	for _, c := range cases {
		configs, wants = append(configs, riConfig(e, c.body)), append(wants, c.want)
	}
	resource.Test(t, e.rejectedAtPlan(configs, wants))
}

// Both accepted spellings of a start hour, empty tag values and a null
// description read back exactly as written: no "inconsistent result", an
// empty plan after apply.
func TestAccInputs_acceptedValuesReadBackUnchanged(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	hour := time.Now().UTC().Add(48 * time.Hour).Truncate(time.Hour)
	for _, spelling := range []string{hour.Format("2006-01-02T15Z"), hour.Format("2006-01-02T15:04Z")} {
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			Steps: []resource.TestStep{{
				Config: riConfig(e, fmt.Sprintf(`
start_time        = %q
resource_group_id = "rg-team"
tags              = { owner = "", team = "web" }
configurations    = [{ instance_type = "ecs.g6.large" }]`, spelling)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, at("start_time"), knownvalue.StringExact(spelling)),
					statecheck.ExpectKnownValue(addr, at("tags"), knownvalue.MapExact(map[string]knownvalue.Check{
						"owner": knownvalue.StringExact(""), "team": knownvalue.StringExact("web")})),
				},
			}},
		})
	}
}

// normalization_factor refuses a size whose factor would overflow, and the
// data source's empty ids list matches nothing.
func TestAccInputs_functionAndDataSourceEdges(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	if _, err := e.mock.Seed(ecsmock.CloudAlibaba, ecsmock.ReservedInstance{InstanceType: "ecs.g6.large"}); err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{
				Config:      e.providerBlock("") + `output "f" { value = provider::ecsri::normalization_factor("ecs.g6.2305843009213693952xlarge") }`,
				ExpectError: regexp.MustCompile(`normalisation\s+factor\s+of\s+"ecs.g6.2305843009213693952xlarge"\s+is\s+not\s+known`),
			},
			{
				Config: e.config(`data "ecsri_reserved_instances" "none" { ids = [] }` + "\n" + `data "ecsri_reserved_instances" "all" {}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.ecsri_reserved_instances.none", at("reserved_instances"), knownvalue.ListSizeExact(0)),
					statecheck.ExpectKnownValue("data.ecsri_reserved_instances.all", at("reserved_instances"), knownvalue.ListSizeExact(1)),
				},
			},
		},
	})
}

// A plan that renames, retags and switches auto-renewal on lists those
// calls, and says auto-renewal commits to future charges.
func TestAccInputs_everyPlanListsItsCalls(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	cfg := func(extra string) string {
		return riConfig(e, `configurations = [{ instance_type = "ecs.g6.large" }, { instance_type = "ecs.c6.large" }]`+"\n"+extra)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: cfg(`name = "before"`)},
			{
				PreConfig: func() { e.diags.take() },
				Config:    cfg("name = \"after\"\ntags = { team = \"web\" }\nauto_renew = true"),
				Check: e.warnedNow([]string{`This apply changes reserved instances in place`,
					`ModifyReservedInstanceAttribute × 1: set name "after" on ecsri-`,
					`TagResources × 1: set tags team="web" on ecsri-[a-z0-9]+, ecsri-`,
					`ModifyReservedInstanceAutoRenewAttribute × 1: switch auto-renewal on \(1 Year at a time\) for ecsri-[a-z0-9]+, ecsri-[a-z0-9]+\. This commits to a charge at every expiry`}),
			},
		},
	})
}

// Reads have a budget: a refresh under a throttling storm ends, naming the
// throttled action; an endpoint that refuses connections fails in seconds,
// not minutes; one that never answers ends with the budget; an endpoint
// that is not an address is a configuration error.
func TestAccInputs_readsAreBounded(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	e.mock.SetThrottle(ecsmock.CloudAlibaba, ecsmock.Throttle{Action: "DescribeReservedInstances", RatePerSecond: 0.001, Burst: 0})
	ds := `data "ecsri_reserved_instances" "x" {}`
	block := func(endpoint, extra string) string {
		return fmt.Sprintf("provider \"ecsri\" {\n region = \"cn-hangzhou\"\n endpoint = %q\n access_key = %q\n secret_key = %q\n %s\n}\n",
			endpoint, ecsmock.DefaultAccessKeyID, ecsmock.DefaultAccessKeySecret, extra) + ds
	}
	cases := []struct{ config, pattern string }{
		{block(e.endpoint, `read_timeout = "3s"`), `(?s)Throttling\.User.*throttled\s+DescribeReservedInstances\s+until\s+the\s+read\s+budget\s+\(read_timeout\s+=\s+3s\)`},
		{block("http://"+closedPort(t), ""), `(?s)DescribeReservedInstances\s+was\s+not\s+sent.*connection\s+refused`},
		{block("http://"+silentListener(t), `read_timeout = "3s"`), `(?s)DescribeReservedInstances.*read\s+budget\s+\(read_timeout\s+=\s+3s\)`},
		{block("127.0.0.1:99999", ""), `port\s+"99999"\s+is\s+not\s+a\s+number\s+from\s+1\s+to\s+65535`},
	}
	const limit = 25 * time.Second // terraform's own start-up included
	for _, c := range cases {
		began := time.Now()
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			Steps:                    []resource.TestStep{{Config: c.config, ExpectError: regexp.MustCompile(c.pattern)}},
		})
		if d := time.Since(began); d > limit {
			t.Errorf("a bounded read took %s (more than %s): %s", d, limit, c.pattern)
		}
	}
}

// closedPort is an address nothing listens on.
func closedPort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	return addr
}

// silentListener accepts connections and never answers.
func silentListener(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c)
		}
	}()
	t.Cleanup(func() {
		_ = l.Close()
		for _, c := range conns {
			_ = c.Close()
		}
	})
	return l.Addr().String()
}

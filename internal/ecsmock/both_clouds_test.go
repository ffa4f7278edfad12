package ecsmock_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/volcengine/volcengine-go-sdk/service/billing"
	vecs "github.com/volcengine/volcengine-go-sdk/service/ecs"
	"github.com/volcengine/volcengine-go-sdk/volcengine"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/alibaba"
	volcdialect "github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/volcengine"
)

// TestParallelClientsOfBothClouds runs Alibaba and Volcengine clients
// against one emulator at once (run it with -race).
func TestParallelClientsOfBothClouds(t *testing.T) {
	t.Parallel()
	e := startVolc(t, ecsmock.Options{Alibaba: alibaba.Options{RegionalQuota: 1000}, Volcengine: volcdialect.Options{ZonalVCPUQuota: 10000}})
	ali := e.alibaba(t)
	const workers, rounds = 6, 6
	type clients struct {
		ali  *ecs.Client
		volc *vecs.ECS
		bill *billing.BILLING
	}
	var cs []clients
	for range workers {
		sess := e.session(t, ecsmock.DefaultAccessKeyID, ecsmock.DefaultAccessKeySecret, "", volcRegion)
		cs = append(cs, clients{ali.client(t, ecsmock.DefaultAccessKeyID, ecsmock.DefaultAccessKeySecret, nil), vecs.New(sess), billing.New(sess)})
	}
	var wg sync.WaitGroup
	errs := make(chan error, workers*rounds*5)
	for w, c := range cs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range rounds {
				token := fmt.Sprintf("w%d-r%d", w, i)
				if _, err := c.ali.PurchaseReservedInstancesOffering(&ecs.PurchaseReservedInstancesOfferingRequest{
					RegionId: tea.String(region), InstanceType: tea.String("ecs.g5.large"), ClientToken: tea.String(token)}); err != nil {
					errs <- err
				}
				out, err := c.volc.PurchaseReservedInstances(purchaseInput(func(in *vecs.PurchaseReservedInstancesInput) { in.ClientToken = volcengine.String(token) }))
				if err != nil {
					errs <- err
					continue
				}
				if _, err := c.bill.SetRenewalType(setRenewal(volcengine.StringValue(out.ReservedInstanceId), "AutoRenewal", 1, "Month")); err != nil {
					errs <- err
				}
				if err := describeAll(c.ali); err != nil {
					errs <- err
				}
				if err := describeVolc(c.volc); err != nil {
					errs <- err
				}
				e.mock.AdvanceClock(time.Second)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	volc := e.mock.ReservedInstances(ecsmock.CloudVolcengine)
	if n := len(e.mock.ReservedInstances(ecsmock.CloudAlibaba)); n != workers*rounds || len(volc) != workers*rounds {
		t.Fatalf("%d distinct purchases per cloud: Alibaba %d, Volcengine %d", workers*rounds, n, len(volc))
	}
	for _, ri := range volc {
		if ri.RenewType != "AutoRenewal" {
			t.Fatalf("renewal lost in the crowd: %+v", ri)
		}
	}
	if a, v := e.mock.CountCalls(ecsmock.CloudAlibaba, "DescribeReservedInstances"), e.mock.CountCalls(ecsmock.CloudVolcengine, "DescribeReservedInstances"); a != workers*rounds || v != workers*rounds {
		t.Fatalf("call log per cloud: Alibaba %d, Volcengine %d", a, v)
	}
}

// TestCloudsDoNotSeeEachOther: both clouds use the ecsri- prefix, yet an ID
// of one is unknown to the other.
func TestCloudsDoNotSeeEachOther(t *testing.T) {
	t.Parallel()
	e := startVolc(t, ecsmock.Options{})
	ali := e.alibaba(t)
	aliID := ali.purchase(t, nil)
	volcID := e.buy(t, nil)
	if got := ali.describe(t, volcID); len(got) != 0 {
		t.Fatalf("Alibaba describes a Volcengine RI: %v", got)
	}
	if got := e.describe(t, aliID); len(got) != 0 {
		t.Fatalf("Volcengine describes an Alibaba RI: %v", got)
	}
	_, err := ali.modify([]string{volcID}, regional("ecs.g5.large", 1))
	wantCode(t, err, "InvalidReservedInstanceId.NotFound", 403)
	_, err = e.billing.SetRenewalType(setRenewal(aliID, "AutoRenewal", 1, "Month"))
	wantVolcCode(t, err, "InvalidInstanceID.NotFound", 404)
	for id, cloud := range map[string]ecsmock.Cloud{aliID: ecsmock.CloudAlibaba, volcID: ecsmock.CloudVolcengine} {
		if ri, ok := e.mock.ReservedInstance(id); !ok || ri.Cloud != cloud {
			t.Fatalf("ReservedInstance(%s) finds RIs of either cloud: %+v", id, ri)
		}
	}
}

package alicloud

import (
	"context"
	"testing"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// ModifyReservedInstances has no ClientToken. When its answer is lost the
// client finds the RIs the call created by shape and never modifies twice;
// when the call provably did nothing (the sources are untouched and nothing
// new exists) it is made once more.
func TestModifyRecoversALostAnswer(t *testing.T) {
	regional := func(typ string) reservation.Shape {
		return reservation.Shape{Type: typ, Amount: 1, Scope: reservation.ScopeRegion}
	}
	for _, tc := range []struct {
		name  string
		fault ecsmock.Fault
		calls int
	}{
		{"answer lost after the split", ecsmock.Fault{Action: "ModifyReservedInstances", DropResponse: true}, 1},
		{"refused with a 500 before it acted", ecsmock.Fault{Action: "ModifyReservedInstances", Status: 500, Code: "InternalError"}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, mock := mockClient(t, -1)
			src, err := mock.Seed(ecsmock.CloudAlibaba, ecsmock.ReservedInstance{InstanceType: "ecs.g6.2xlarge"})
			if err != nil {
				t.Fatal(err)
			}
			mock.InjectFault(ecsmock.CloudAlibaba, tc.fault)
			ids, err := c.Modify(context.Background(), cloud.ModifyRequest{Region: "cn-hangzhou", Sources: []string{src.ID},
				Targets: []reservation.Shape{regional("ecs.g6.xlarge"), regional("ecs.g6.xlarge")}})
			if err != nil || len(ids) != 2 || ids[0] == ids[1] {
				t.Fatalf("the split's targets must be found: %v %v", ids, err)
			}
			if n := mock.CountCalls(ecsmock.CloudAlibaba, "ModifyReservedInstances"); n != tc.calls {
				t.Fatalf("%d modifications carried out, want %d", n, tc.calls)
			}
			for _, id := range ids {
				if ri, ok := mock.ReservedInstance(id); !ok || ri.InstanceType != "ecs.g6.xlarge" {
					t.Fatalf("target %s: %+v", id, ri)
				}
			}
		})
	}
}

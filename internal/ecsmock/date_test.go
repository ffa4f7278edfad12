package ecsmock_test

import (
	"net/http"
	"testing"
	"time"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

// Answers carry the emulated time in their Date header, as a server's
// answers carry its own clock.
func TestAnswersAreDatedByTheEmulatedClock(t *testing.T) {
	t.Parallel()
	e := start(t, ecsmock.Options{})
	now := e.mock.AdvanceClock(100 * 24 * time.Hour)
	cl := e.client(t, ecsmock.DefaultAccessKeyID, ecsmock.DefaultAccessKeySecret, nil)
	resp, err := cl.DescribeReservedInstances(&ecs.DescribeReservedInstancesRequest{RegionId: tea.String("cn-hangzhou")})
	if err != nil {
		t.Fatal(err)
	}
	var date string
	for k, v := range resp.Headers {
		if http.CanonicalHeaderKey(k) == "Date" {
			date = tea.StringValue(v)
		}
	}
	got, err := http.ParseTime(date)
	if err != nil || got.Sub(now).Abs() > 2*time.Second {
		t.Fatalf("Date header %q, want the emulated time %s", date, now)
	}
}

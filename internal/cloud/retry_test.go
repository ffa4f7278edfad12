package cloud

import (
	"context"
	"errors"
	"testing"
	"time"
)

// fakeErr classifies by the error's text, standing in for a cloud's
// classifier.
func fakeClassify(action string, err error) *Error {
	switch err.Error() {
	case "throttled":
		return &Error{Action: action, Code: "Throttling.User", Throttled: true, Retryable: true}
	case "503":
		return &Error{Action: action, Code: "ServiceUnavailable", StatusCode: 503, Retryable: true, Ambiguous: true}
	case "refused":
		return &Error{Action: action, NotSent: true}
	case "400":
		return &Error{Action: action, Code: "InvalidParameter", StatusCode: 400}
	}
	return &Error{Action: action, Retryable: true, Ambiguous: true, Err: err}
}

func retrier(maxRetries int) *Retrier {
	return &Retrier{MaxRetries: maxRetries, MaxNotSentRetries: 2, BaseDelay: 10 * time.Microsecond, MaxDelay: time.Millisecond, Classify: fakeClassify}
}

// failing returns fn failing with errs in turn, then succeeding, and a
// count of its calls.
func failing(errs ...string) (func() error, *int) {
	n := 0
	return func() error {
		n++
		if n <= len(errs) {
			return errors.New(errs[n-1])
		}
		return nil
	}, &n
}

func TestRetryPolicy(t *testing.T) {
	ctx := context.Background()
	fn, n := failing("503", "503")
	if err := retrier(8).Do(ctx, "A", Idempotent, fn); err != nil || *n != 3 {
		t.Fatalf("5xx should be retried: err %v after %d calls", err, *n)
	}
	fn, n = failing("503", "503", "503")
	if err := retrier(2).Do(ctx, "A", Idempotent, fn); err == nil || *n != 3 {
		t.Fatalf("max_retries 2 allows 3 attempts: err %v after %d calls", err, *n)
	}
	storm := make([]string, 20)
	for i := range storm {
		storm[i] = "throttled"
	}
	fn, n = failing(storm...)
	if err := retrier(1).Do(ctx, "A", Idempotent, fn); err != nil || *n != 21 {
		t.Fatalf("throttling must not count against max_retries: err %v after %d calls", err, *n)
	}
	fn, n = failing("EOF")
	if err := retrier(8).Do(ctx, "ModifyReservedInstances", Once, fn); !IsAmbiguous(err) || *n != 1 {
		t.Fatalf("an ambiguous failure of a call without ClientToken must not be repeated: %v, %d calls", err, *n)
	}
	fn, n = failing("throttled")
	if err := retrier(8).Do(ctx, "ModifyReservedInstances", Once, fn); err != nil || *n != 2 {
		t.Fatalf("a throttled call did nothing and may be repeated even without ClientToken: %v, %d calls", err, *n)
	}
	fn, n = failing("400")
	if err := retrier(8).Do(ctx, "A", Idempotent, fn); err == nil || IsAmbiguous(err) || *n != 1 {
		t.Fatalf("validation errors are final and settle the outcome: %v, %d calls", err, *n)
	}
	fn, n = failing("refused", "refused", "refused", "refused")
	if err := retrier(8).Do(ctx, "A", Idempotent, fn); err == nil || IsAmbiguous(err) || *n != 3 {
		t.Fatalf("an endpoint that refuses connections fails after 3 attempts, unambiguously: %v, %d calls", err, *n)
	}
}

func TestRetryAmbiguityIsRemembered(t *testing.T) {
	ctx := context.Background()
	fn, _ := failing("EOF", "503", "503", "503")
	if err := retrier(2).Do(ctx, "Purchase", Idempotent, fn); !IsAmbiguous(err) {
		t.Fatalf("all answers lost: the purchase may have happened: %v", err)
	}
	fn, _ = failing("EOF", "throttled", "refused", "refused", "refused")
	if err := retrier(8).Do(ctx, "Purchase", Idempotent, fn); !IsAmbiguous(err) {
		t.Fatalf("a later throttle or refusal does not settle an earlier lost answer: %v", err)
	}
	fn, _ = failing("EOF", "400")
	if err := retrier(8).Do(ctx, "Purchase", Idempotent, fn); IsAmbiguous(err) {
		t.Fatalf("a definitive refusal of the same token settles it: %v", err)
	}
}

func TestRetryStopsWithTheContext(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	fn, n := failing()
	err := retrier(8).Do(cancelled, "Purchase", Idempotent, fn)
	var e *Error
	if !errors.As(err, &e) || !e.NotSent || *n != 0 {
		t.Fatalf("no call starts after cancellation: %v, %d calls", err, *n)
	}
	short, cancel2 := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel2()
	slow := &Retrier{MaxRetries: 8, BaseDelay: time.Second, MaxDelay: 30 * time.Second, Classify: fakeClassify}
	began := time.Now()
	fn, _ = failing("503", "503")
	if err := slow.Do(short, "A", Idempotent, fn); !IsAmbiguous(err) || time.Since(began) > 500*time.Millisecond {
		t.Fatalf("retries must stop at the deadline, still ambiguous: %v after %s", err, time.Since(began))
	}
}

// A call that hangs past its context's end is abandoned after the grace
// period, and its outcome is ambiguous: it may yet take effect.
func TestRetryAbandonsAHangingCall(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	r := retrier(8)
	r.InFlightGrace = 10 * time.Millisecond
	release := make(chan struct{})
	defer close(release)
	began := time.Now()
	err := r.Do(ctx, "Purchase", Idempotent, func() error { <-release; return nil })
	if !IsAmbiguous(err) || time.Since(began) > time.Second {
		t.Fatalf("a hanging call must end with the context, ambiguous: %v after %s", err, time.Since(began))
	}
	quick, cancel2 := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel2()
	r.InFlightGrace = time.Second
	err = r.Do(quick, "Purchase", Idempotent, func() error { time.Sleep(50 * time.Millisecond); return nil })
	if err != nil {
		t.Fatalf("a call that finishes within the grace period keeps its answer: %v", err)
	}
}

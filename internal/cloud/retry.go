package cloud

import (
	"context"
	"fmt"
	"math"
	mrand "math/rand/v2"
	"time"
)

// Mode says how an action may be repeated.
type Mode int

const (
	// Idempotent calls (reads, calls with a ClientToken, setting attributes
	// to a value) may be repeated after any retryable failure.
	Idempotent Mode = iota
	// Once calls are repeated only when the service proved it did nothing
	// (throttled, or never reached); an ambiguous failure is returned.
	Once
)

// Retrier runs calls with exponential backoff and full jitter. Throttling
// does not count against MaxRetries (a throttling storm slows an operation
// down; the context's deadline bounds it); a request that never reached the
// service is retried at most MaxNotSentRetries times, so an unreachable
// endpoint fails in seconds.
type Retrier struct {
	MaxRetries        int
	MaxNotSentRetries int
	BaseDelay         time.Duration
	MaxDelay          time.Duration
	// InFlightGrace is how long a call already sent may still finish once
	// its context has ended; then it is abandoned, and its outcome is
	// ambiguous.
	InFlightGrace time.Duration
	// Classify turns what a client returned into an *Error.
	Classify func(action string, err error) *Error
}

// Do calls fn until it succeeds or a failure may not be retried. No attempt
// starts once ctx has ended, so a cancelled operation makes no new call.
// When any attempt was ambiguous and no later answer settled it, the
// returned error is ambiguous too.
func (r *Retrier) Do(ctx context.Context, action string, mode Mode, fn func() error) error {
	var last *Error
	failures, notSent, ambiguous := 0, 0, false
	for attempt := 0; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return r.stopped(action, last, ambiguous, err)
		}
		err := r.attempt(ctx, action, fn)
		if err == nil {
			return nil
		}
		last = r.Classify(action, err)
		ambiguous = ambiguous || last.Ambiguous
		if !r.mayRetry(last, mode, &failures, &notSent) {
			return settle(last, ambiguous)
		}
		delay := r.backoff(attempt)
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < delay {
			return settle(last, ambiguous)
		}
		select {
		case <-time.After(delay):
		case <-ctx.Done():
			return r.stopped(action, last, ambiguous, ctx.Err())
		}
	}
}

// attempt runs fn, bounded by ctx: SDKs that take no context keep a call
// going for their own request timeout, which would outlast a read budget or
// an interrupt. fn must be safe to abandon (it must not share state that is
// reused after attempt returns).
func (r *Retrier) attempt(ctx context.Context, action string, fn func() error) error {
	done := make(chan error, 1)
	go func() { done <- fn() }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	select {
	case err := <-done:
		return err
	case <-time.After(r.InFlightGrace):
		return &Error{Action: action, Ambiguous: true, Err: fmt.Errorf("no answer before the operation ended: %w", ctx.Err())}
	}
}

func (r *Retrier) mayRetry(e *Error, mode Mode, failures, notSent *int) bool {
	switch {
	case e.NotSent:
		*notSent++
		return *notSent <= r.MaxNotSentRetries
	case !e.Retryable || mode == Once && !e.Throttled:
		return false
	case e.Throttled:
		return true
	}
	*failures++
	return *failures <= r.MaxRetries
}

// settle marks the final error ambiguous when an earlier attempt was and
// the last answer does not prove the call did nothing. A definitive refusal
// of a request carrying the same ClientToken does prove it: the service
// would have answered with the first call's result.
func settle(last *Error, ambiguous bool) *Error {
	if ambiguous && (last.Retryable || last.NotSent || last.Code == "IdempotentParameterMismatch") {
		out := *last
		out.Ambiguous, out.NotSent = true, false
		return &out
	}
	return last
}

// stopped is the error of a call cut short by its context: never sent when
// no attempt was made, else what the attempts so far established.
func (r *Retrier) stopped(action string, last *Error, ambiguous bool, cause error) *Error {
	if last == nil {
		return NotSentError(action, cause)
	}
	return settle(last, ambiguous)
}

func (r *Retrier) backoff(attempt int) time.Duration {
	ceiling := float64(r.BaseDelay) * math.Pow(2, float64(min(attempt, 10)))
	ceiling = min(ceiling, float64(r.MaxDelay))
	return time.Duration(ceiling/2 + mrand.Float64()*ceiling/2)
}

package cloud

import "time"

// Pacing is how a client paces its calls; the clouds differ in what they
// call, not in how patiently.
type Pacing struct {
	// MaxRetries bounds the retries of a retryable failure.
	MaxRetries int
	// RequestTimeout bounds one HTTP exchange.
	RequestTimeout time.Duration
	// RetryBaseDelay and PollInterval pace retries and waiters; tests
	// shorten them.
	RetryBaseDelay, PollInterval time.Duration
	// BatchWindow is how long a look-up by ID waits for others to share its
	// call before it is sent; 0 sends it at once unless a call is in flight
	// (look-ups made meanwhile share the next call); negative disables
	// coalescing.
	BatchWindow time.Duration
}

// WithDefaults fills in what was left unset.
func (p Pacing) WithDefaults() Pacing {
	p.MaxRetries = max(p.MaxRetries, 0)
	if p.RequestTimeout <= 0 {
		p.RequestTimeout = 60 * time.Second
	}
	if p.RetryBaseDelay <= 0 {
		p.RetryBaseDelay = time.Second
	}
	if p.PollInterval <= 0 {
		p.PollInterval = 2 * time.Second
	}
	return p
}

// Retrier retries as the pacing says. A call that provably never reached
// the cloud is retried twice at most; a call that hangs past its timeout
// is given 5 s more before it is abandoned as ambiguous.
func (p Pacing) Retrier(classify func(action string, err error) *Error) *Retrier {
	return &Retrier{MaxRetries: p.MaxRetries, MaxNotSentRetries: 2, BaseDelay: p.RetryBaseDelay, MaxDelay: 30 * time.Second,
		InFlightGrace: 5 * time.Second, Classify: classify}
}

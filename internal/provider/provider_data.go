package provider

import (
	"fmt"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
)

// providerData is what Configure hands resources and data sources: one
// client per cloud, built on first use, so that a configuration using only
// one cloud needs no settings for the other, and a missing setting is
// reported where a resource of that cloud is used.
type providerData struct {
	alibaba     *lazyClient
	volcengine  *lazyClient
	readTimeout time.Duration
	// expiryWarningDays: refreshes warn about RIs that lapse within it.
	expiryWarningDays int
}

// lazyClient builds a cloud's client once, on first use, and wraps it in
// the read policy every cloud shares.
type lazyClient struct {
	region string
	pacing cloud.Pacing
	build  func() (cloud.Backend, error)

	once    sync.Once
	session *cloud.Session
	err     error
}

func (l *lazyClient) get() (*cloud.Session, string, error) {
	if l == nil {
		return nil, "", fmt.Errorf("the provider has no configuration for this cloud")
	}
	l.once.Do(func() {
		b, err := l.build()
		if err == nil {
			l.session = cloud.NewSession(b, l.pacing)
		}
		l.err = err
	})
	return l.session, l.region, l.err
}

// replaceWith makes the client a stand-in from backends when one is given
// for the cloud it builds (by its rules' name), keeping its region.
func (l *lazyClient) replaceWith(backends map[string]cloud.Backend) {
	build := l.build
	l.build = func() (cloud.Backend, error) {
		b, err := build()
		if err != nil || b == nil {
			return b, err
		}
		if stand, ok := backends[b.Rules().Cloud]; ok {
			return stand, nil
		}
		return b, nil
	}
}

// failedClient reports a configuration error when its cloud is used.
func failedClient(err error) *lazyClient {
	return &lazyClient{build: func() (cloud.Backend, error) { return nil, err }}
}

// configuredData is what Configure handed resources and data sources; nil
// before the provider is configured (validation runs first).
func configuredData(v any, diags *diag.Diagnostics) *providerData {
	if v == nil {
		return nil
	}
	data, ok := v.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider.", v))
	}
	return data
}

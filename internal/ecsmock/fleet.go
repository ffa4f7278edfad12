package ecsmock

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
)

// The pay-as-you-go fleet and the price table, in Go: what the RIs of a
// cloud pay for, hour by hour on the emulated clock, and at which made-up
// prices, as the utilisation and coverage APIs (Alibaba's BSS, Volcengine's
// Billing) report them.

// metering returns the dialect of a cloud that meters a fleet.
func (s *Server) metering(cloud Cloud) (core.Metering, error) {
	d, err := s.dialect(cloud)
	if err != nil {
		return nil, err
	}
	m, ok := d.(core.Metering)
	if !ok {
		return nil, fmt.Errorf("cloud %q has no pay-as-you-go fleet", cloud)
	}
	return m, nil
}

// DeclareInstances declares pay-as-you-go instances of a cloud running from
// in.StartTime to in.EndTime (zero: still running), and returns the
// declaration's ID. in.Cloud may be left empty; the region comes from the
// zone when left empty, the platform defaults to Linux. The type and the
// zone must be in the cloud's catalogue, Count between 1 and 10,000.
func (s *Server) DeclareInstances(cloud Cloud, in Instances) (string, error) {
	stored, err := s.declare(cloud, in)
	return stored.ID, err
}

func (s *Server) declare(cloud Cloud, in Instances) (Instances, error) {
	m, err := s.metering(cloud)
	if err != nil {
		return Instances{}, err
	}
	if in.Cloud != "" && in.Cloud != cloud {
		return Instances{}, fmt.Errorf("the instances name cloud %q, not %q", in.Cloud, cloud)
	}
	in.Cloud, in.StartTime, in.EndTime = cloud, in.StartTime.UTC(), in.EndTime.UTC()
	if err := in.Check(); err != nil {
		return Instances{}, err
	}
	if err := m.PrepareInstances(&in); err != nil {
		return Instances{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	stored := in
	s.st.Declare(&stored)
	s.persist()
	return stored, nil
}

// Instances returns a cloud's declarations, in the order they were made.
func (s *Server) Instances(cloud Cloud) []Instances {
	s.mustDialect(cloud)
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []Instances{}
	for _, in := range s.st.FleetOf(cloud) {
		out = append(out, *in)
	}
	return out
}

// RemoveInstances removes a declaration of any cloud, as if its instances
// had never run.
func (s *Server) RemoveInstances(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.st.Fleet[id]
	delete(s.st.Fleet, id)
	s.persist()
	return ok
}

// Prices returns a cloud's price table: the emulator's defaults, one for
// every instance type of the catalogue, with the prices set over them. The
// prices are made up (PriceList.Label says so).
func (s *Server) Prices(cloud Cloud) PriceList {
	m, err := s.metering(cloud)
	if err != nil {
		panic("ecsmock: " + err.Error())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.PriceList(cloud, m.DefaultPrices())
}

// SetPrice sets what an instance type of a cloud costs per hour, on one
// platform (Linux or Windows) or, with an empty one, on every platform.
func (s *Server) SetPrice(cloud Cloud, p Price) error {
	m, err := s.metering(cloud)
	if err != nil {
		return err
	}
	if p.Cloud != "" && p.Cloud != cloud {
		return fmt.Errorf("the price names cloud %q, not %q", p.Cloud, cloud)
	}
	p.Cloud = cloud
	if _, ok := m.DefaultPrices().Find(p.InstanceType, ""); !ok {
		return fmt.Errorf("unknown instance type %q", p.InstanceType)
	}
	switch strings.ToLower(p.Platform) {
	case "":
	case "linux":
		p.Platform = "Linux"
	case "windows":
		p.Platform = "Windows"
	default:
		return fmt.Errorf("unknown platform %q: use Linux or Windows, or none for every platform", p.Platform)
	}
	if err := p.Check(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.SetPrice(p)
	s.persist()
	return nil
}

// SetCurrency names the currency of a cloud's price table (default CNY);
// nothing is converted.
func (s *Server) SetCurrency(cloud Cloud, currency string) error {
	if _, err := s.metering(cloud); err != nil {
		return err
	}
	if len(currency) != 3 || strings.ToUpper(currency) != currency {
		return errors.New("a currency is three capital letters, such as CNY or USD")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.Currencies[cloud] = currency
	s.persist()
	return nil
}

// parseTime reads an RFC 3339 time of a control request; empty is zero.
func parseTime(name, value string) (time.Time, error) {
	if value == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, value)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s %q is not an RFC 3339 time", name, value)
	}
	return t, nil
}

package usage

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// yearInput is a year of a large account: 300 RIs and 300 declarations
// over three regions, six families and four sizes, starting and stopping
// at random seconds through the year.
func yearInput() Input {
	rng := rand.New(rand.NewPCG(1, 2))
	from := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	to := from.AddDate(1, 0, 0)
	year := to.Sub(from)
	families := []string{"ecs.g6", "ecs.c6", "ecs.r6", "ecs.g7", "ecs.c7", "ecs.r7"}
	sizes := []string{"large", "xlarge", "2xlarge", "4xlarge"}
	prices := PriceTable{Label: "ecsmock benchmark prices", Currency: "CNY", Prices: map[PriceKey]Price{}}
	for _, f := range families {
		for _, s := range sizes {
			factor, _ := testFactor(f + "." + s)
			prices.Prices[PriceKey{InstanceType: f + "." + s}] = Price{PayAsYouGo: 0.25 * factor, Reserved: 0.15 * factor}
		}
	}
	kind := func() string { return families[rng.IntN(len(families))] + "." + sizes[rng.IntN(len(sizes))] }
	place := func() (string, string) {
		r := []string{"cn-hangzhou", "cn-beijing", "cn-shanghai"}[rng.IntN(3)]
		return r, r + "-" + string(rune('a'+rng.IntN(3)))
	}
	instant := func() time.Time { return from.Add(time.Duration(rng.Int64N(int64(year/time.Second))) * time.Second) }
	in := Input{Rules: alibaba, Prices: prices, From: from, To: to}
	for i := range 300 {
		region, zone := place()
		r := Reservation{
			ID: fmt.Sprintf("ri-%03d", i), Region: region, Scope: Regional, InstanceType: kind(),
			Amount: 1 + rng.IntN(10), Platform: "Linux", Start: instant().Truncate(time.Hour),
		}
		if i%2 == 0 {
			r.Scope, r.Zone = Zonal, zone
		}
		if rng.IntN(2) == 0 {
			r.Start = from.Add(-24 * time.Hour)
		}
		if rng.IntN(3) == 0 {
			r.End = r.Start.Add(time.Duration(1+rng.IntN(180)) * 24 * time.Hour)
		}
		in.Reservations = append(in.Reservations, r)
	}
	for i := range 300 {
		region, zone := place()
		d := Declaration{
			ID: fmt.Sprintf("d-%03d", i), Region: region, Zone: zone, InstanceType: kind(),
			Platform: "Linux", Count: 1 + rng.IntN(20), Start: instant(),
		}
		if rng.IntN(2) == 0 {
			d.End = d.Start.Add(time.Duration(rng.Int64N(int64(year/time.Second))) * time.Second)
		}
		in.Fleet = append(in.Fleet, d)
	}
	return in
}

func BenchmarkSimulateYear(b *testing.B) {
	in := yearInput()
	for b.Loop() {
		if _, err := Simulate(in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReportsYear(b *testing.B) {
	l := simulate(b, yearInput())
	for _, p := range []Period{Hour, Day, Month} {
		b.Run(string(p), func(b *testing.B) {
			for b.Loop() {
				if _, err := l.Usage(p, nil); err != nil {
					b.Fatal(err)
				}
				if _, err := l.Coverage(p, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDeductionsYear(b *testing.B) {
	l := simulate(b, yearInput())
	for b.Loop() {
		n := 0
		for range l.Deductions() {
			n++
		}
		if n == 0 {
			b.Fatal("no deductions")
		}
	}
}

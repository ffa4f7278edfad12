package bss

import (
	"encoding/base64"
	"encoding/json"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/usage"
)

// periodLayout is the format of StartPeriod and EndPeriod, whatever the
// PeriodType, and of the items' StartTime and EndTime: yyyy-MM-dd HH:mm:ss,
// Beijing time. periodLabel is that of Period in the totals: yyyyMMddHH.
const (
	periodLayout = "2006-01-02 15:04:05"
	periodLabel  = "2006010215"
)

// MaxResults: 20 by default, at most 300 (the detail pages).
const (
	defaultMaxResults = 20
	maxMaxResults     = 300
)

// maxWindow is the longest window the emulator simulates (the usage
// package's limit).
const maxWindow = 3660 * 24 * time.Hour

// window is what a checked query asks for.
type window struct {
	from, to time.Time
	period   usage.Period
	// others is set when BillOwnerId names an account other than the
	// emulated one: an account with no RIs and no instances.
	others bool
	// offset and size are the detail page's.
	offset, size int
}

// check reads the parameters in the order the pages list them.
func (q *query) check(now time.Time) (window, *core.APIError) {
	var win window
	for _, req := range []struct {
		name string
		t    core.Text
	}{{"StartPeriod", q.startPeriod}, {"PeriodType", q.periodType}, {"ResourceType", q.resourceType}} {
		if req.t.Value == "" {
			return win, errMissing(req.name)
		}
	}
	from, err := time.ParseInLocation(periodLayout, q.startPeriod.Value, billingZone)
	if err != nil {
		return win, errInvalid("The specified parameter StartPeriod is not valid: use the format yyyy-MM-dd HH:mm:ss.")
	}
	to := now
	if q.endPeriod.Value != "" {
		end, err := time.ParseInLocation(periodLayout, q.endPeriod.Value, billingZone)
		if err != nil {
			return win, errInvalid("The specified parameter EndPeriod is not valid: use the format yyyy-MM-dd HH:mm:ss.")
		}
		if !end.After(from) {
			return win, errInvalid("The specified parameter EndPeriod must be later than StartPeriod.")
		}
		to = minTime(end, now)
	}
	switch p := usage.Period(q.periodType.Value); p {
	case usage.Hour, usage.Day, usage.Month:
		win.period = p
	default:
		return win, errInvalid("The specified parameter PeriodType %q is not valid: use MONTH, DAY or HOUR.", q.periodType.Value)
	}
	switch q.resourceType.Value {
	case "RI":
	case "SCU":
		return win, errInvalid("The specified parameter ResourceType SCU is not supported by the emulator, which reports reserved instances (RI) only.")
	default:
		return win, errInvalid("The specified parameter ResourceType %q is not valid: use RI or SCU.", q.resourceType.Value)
	}
	if q.billOwnerID != "" {
		if _, err := strconv.ParseInt(q.billOwnerID, 10, 64); err != nil {
			return win, errInvalid("The specified parameter BillOwnerId is not valid: it is an account ID.")
		}
		win.others = q.billOwnerID != AccountID
	}
	if to.Sub(from) > maxWindow {
		return win, errInvalid("The time range from StartPeriod to EndPeriod is too long for the emulator: at most ten years.")
	}
	win.from, win.to = from, maxTime(from, to)
	if q.kind.detail() {
		var aerr *core.APIError
		if win.offset, win.size, aerr = q.page(); aerr != nil {
			return win, aerr
		}
	}
	return win, nil
}

// pageToken is what NextToken encodes, in the shape of the documented
// example (eyJwYWdlTnVtIjoyLCJwYWdlU2l6ZSI6MTB9): the page that comes
// next and the size of the pages.
type pageToken struct {
	PageNum  int `json:"pageNum"`
	PageSize int `json:"pageSize"`
}

// page reads MaxResults and NextToken; a token serves queries of the page
// size it was issued for.
func (q *query) page() (offset, size int, aerr *core.APIError) {
	size, ok := q.maxResults.Or(defaultMaxResults)
	if !ok || size < 1 || size > maxMaxResults {
		return 0, 0, errInvalid("The specified parameter MaxResults is not valid: it must be between 1 and %d.", maxMaxResults)
	}
	if q.nextToken == "" {
		return 0, size, nil
	}
	raw, err := base64.StdEncoding.DecodeString(q.nextToken)
	var tok pageToken
	if err != nil || json.Unmarshal(raw, &tok) != nil || tok.PageNum < 2 || tok.PageSize < 1 {
		return 0, 0, errInvalid("The specified parameter NextToken is not valid.")
	}
	if tok.PageSize != size {
		return 0, 0, errInvalid("The specified parameter NextToken was issued for MaxResults %d.", tok.PageSize)
	}
	return (tok.PageNum - 1) * size, size, nil
}

func nextToken(offset, size, total int) string {
	if offset+size >= total {
		return ""
	}
	raw, _ := json.Marshal(pageToken{PageNum: offset/size + 2, PageSize: size})
	return base64.StdEncoding.EncodeToString(raw)
}

// Apply answers the query from a simulation of the cloud's fleet against
// its RIs over the window.
func (q *query) Apply(w *core.World) (any, *core.APIError) {
	win, aerr := q.check(w.Now)
	if aerr != nil {
		return nil, aerr
	}
	var l *usage.Ledger
	var err error
	if win.others {
		l, err = usage.Simulate(usage.Input{Rules: q.svc.cfg.Rules, From: win.from, To: win.to})
	} else {
		l, err = w.Ledger(q.svc.cfg.Rules, q.svc.cfg.Prices, win.from, win.to)
	}
	if err != nil {
		return nil, core.NewError(http.StatusInternalServerError, "InternalError", "The request processing has failed: %v", err)
	}
	switch q.kind {
	case usageDetail:
		rep, _ := l.Usage(win.period, billingZone)
		return q.usageDetail(w, rep, win), nil
	case usageTotal:
		rep, _ := l.Usage(win.period, billingZone)
		return usageTotals(rep), nil
	case coverageDetail:
		rep, _ := l.Coverage(win.period, billingZone)
		return q.coverageDetail(l, rep, win), nil
	}
	rep, _ := l.Coverage(win.period, billingZone)
	return coverageTotals(rep), nil
}

// detailPage is one page of a detail action, its items rendered.
type detailPage struct {
	items             []map[string]any
	total, maxResults int
	next              string
}

// totals is the Data of a total action.
type totals map[string]any

// cell is one entity (an RI, a declaration) in one period: details list
// them period after period, entities in the order they were created.
type cell struct{ period, entity, at int }

func cells(periods []usage.Interval, entities int, periodsOf func(e int) []usage.Interval) []cell {
	index := map[int64]int{}
	for k, p := range periods {
		index[p.Start.Unix()] = k
	}
	var out []cell
	for e := range entities {
		for at, p := range periodsOf(e) {
			out = append(out, cell{period: index[p.Start.Unix()], entity: e, at: at})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].period < out[j].period })
	return out
}

func (q *query) usageDetail(w *core.World, rep usage.UsageReport, win window) detailPage {
	all := cells(intervalsOfUsage(rep.Periods), len(rep.Reservations), func(e int) []usage.Interval {
		return intervalsOfUsage(rep.Reservations[e].Periods)
	})
	page := detailPage{total: len(all), maxResults: win.size, next: nextToken(win.offset, win.size, len(all))}
	for _, c := range all[min(win.offset, len(all)):min(win.offset+win.size, len(all))] {
		ru := rep.Reservations[c.entity]
		p := ru.Periods[c.at]
		page.items = append(page.items, q.usageItem(w, ru.Reservation, p, rep.Currency))
	}
	return page
}

func (q *query) usageItem(w *core.World, r usage.Reservation, p usage.PeriodUsage, currency string) map[string]any {
	status, statusName := "Valid", "生效"
	if ri, ok := w.Find(r.ID); ok {
		switch lc := w.Lifecycle(); ri.Status {
		case lc.Expired:
			status, statusName = "Expired", "已过期"
		case lc.Updating, lc.Inactive:
			status, statusName = "Invalid", "已失效"
		}
	}
	return map[string]any{
		"ResourceInstanceId": r.ID, "InstanceSpec": r.InstanceType, "ImageType": strings.ToLower(r.Platform),
		"Quantity": r.Amount, "Status": status, "StatusName": statusName,
		"RegionNo": r.Region, "Region": q.svc.cfg.RegionName(r.Region), "Zone": r.Zone, "ZoneName": q.zoneName(r.Zone),
		"StartTime": p.Start.In(billingZone).Format(periodLayout), "EndTime": p.End.In(billingZone).Format(periodLayout),
		"TotalQuantity": quantity(p.Capacity), "DeductQuantity": quantity(p.Used), "UsagePercentage": ratio(p.Utilisation()),
		"CapacityUnit": capacityUnit, "Currency": currency,
		"ReservationCost": money(p.ReservationCost), "PostpaidCost": money(p.PostpaidCost),
		"SavedCost": money(p.SavedCost()), "PotentialSavedCost": money(p.PotentialSavedCost()),
		"UserId": AccountID, "UserName": AccountName,
	}
}

func usageTotals(rep usage.UsageReport) totals {
	periods := make([]map[string]any, 0, len(rep.Periods))
	for _, p := range rep.Periods {
		periods = append(periods, map[string]any{"Period": label(p.Start), "UsagePercentage": ratio(p.Utilisation())})
	}
	t := rep.Total
	return totals{
		"TotalUsage": map[string]any{
			"UsagePercentage": ratio(t.Utilisation()), "ReservationCost": round(t.ReservationCost, 2),
			"PostpaidCost": round(t.PostpaidCost, 2), "SavedCost": round(t.SavedCost(), 2),
			"PotentialSavedCost": round(t.PotentialSavedCost(), 2),
		},
		"PeriodCoverage": periods,
	}
}

// coverageDetail lists every instance of every declaration, in each period
// it ran: a declaration's usage is shared evenly by its instances, and what
// RIs paid for each comes from the ledger's deductions.
func (q *query) coverageDetail(l *usage.Ledger, rep usage.CoverageReport, win window) detailPage {
	periods := intervalsOfCoverage(rep.Periods)
	declIndex := map[string]int{}
	for i, dc := range rep.Declarations {
		declIndex[dc.Declaration.ID] = i
	}
	type key struct{ decl, instance, period int }
	covered := map[key]usage.Quantity{}
	for d := range l.Deductions() {
		k := sort.Search(len(periods), func(k int) bool { return periods[k].End.After(d.Hour) })
		covered[key{declIndex[d.Declaration], d.Instance, k}] += d.Quantity
	}
	all := cells(periods, len(rep.Declarations), func(e int) []usage.Interval {
		return intervalsOfCoverage(rep.Declarations[e].Periods)
	})
	total := 0
	for _, c := range all {
		total += rep.Declarations[c.entity].Declaration.Count
	}
	page := detailPage{total: total, maxResults: win.size, next: nextToken(win.offset, win.size, total)}
	row := 0
	for _, c := range all {
		dc := rep.Declarations[c.entity]
		n := dc.Declaration.Count
		if row+n <= win.offset {
			row += n
			continue
		}
		p := dc.Periods[c.at]
		for k := range n {
			if row >= win.offset && row < win.offset+win.size {
				figures := usage.CoverageFigures{Usage: p.Usage / usage.Quantity(n), Covered: covered[key{c.entity, k, c.period}]}
				payment := 0.0
				if p.Usage > 0 {
					payment = float64(figures.Uncovered()) * p.PayAsYouGoCost / float64(p.Usage)
				}
				page.items = append(page.items, q.coverageItem(dc.Declaration, k, p.Interval, figures, payment, rep.Currency))
			}
			row++
		}
		if row >= win.offset+win.size {
			break
		}
	}
	return page
}

func (q *query) coverageItem(d usage.Declaration, k int, iv usage.Interval, f usage.CoverageFigures, payment float64, currency string) map[string]any {
	return map[string]any{
		"InstanceId": core.InstanceID(d.ID, k), "InstanceSpec": d.InstanceType,
		"RegionNo": d.Region, "Region": q.svc.cfg.RegionName(d.Region), "Zone": d.Zone, "ZoneName": q.zoneName(d.Zone),
		"StartTime": iv.Start.In(billingZone).Format(periodLayout), "EndTime": iv.End.In(billingZone).Format(periodLayout),
		"TotalQuantity": quantity(f.Usage), "DeductQuantity": quantity(f.Covered), "CoveragePercentage": ratio(f.Coverage()),
		"PaymentAmount": round(payment, 2), "CapacityUnit": capacityUnit, "Currency": currency,
		"CommodityCode": "ecs", "CommodityName": "云服务器ECS-按量付费", "ProductCode": "ecs", "ProductName": "云服务器 ECS",
		"UserId": AccountID, "UserName": AccountName,
	}
}

func coverageTotals(rep usage.CoverageReport) totals {
	periods := make([]map[string]any, 0, len(rep.Periods))
	for _, p := range rep.Periods {
		periods = append(periods, map[string]any{"Period": label(p.Start), "CoveragePercentage": ratio(p.Coverage())})
	}
	t := rep.Total
	return totals{
		"TotalCoverage": map[string]any{
			"TotalQuantity": quantity(t.Usage), "DeductQuantity": quantity(t.Covered),
			"CoveragePercentage": ratio(t.Coverage()), "CapacityUnit": capacityUnit,
		},
		"PeriodCoverage": periods,
	}
}

// capacityUnit is the unit of every quantity: computing power × hours.
const capacityUnit = "算力*小时"

func (q *query) zoneName(zoneID string) string {
	if zoneID == "" {
		return ""
	}
	return q.svc.cfg.ZoneName(zoneID)
}

func label(t time.Time) string { return t.In(billingZone).Format(periodLabel) }

// quantity is in computing power × hours, ratio a fraction (0.5 is half),
// money in the price table's currency, two decimals.
func quantity(q usage.Quantity) float64 { return round(q.FactorHours(), 4) }
func ratio(r float64) float64           { return round(r, 4) }
func money(v float64) string            { return strconv.FormatFloat(round(v, 2), 'f', 2, 64) }

func round(v float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(v*p) / p
}

func intervalsOfUsage(ps []usage.PeriodUsage) []usage.Interval {
	out := make([]usage.Interval, len(ps))
	for i, p := range ps {
		out[i] = p.Interval
	}
	return out
}

func intervalsOfCoverage(ps []usage.PeriodCoverage) []usage.Interval {
	out := make([]usage.Interval, len(ps))
	for i, p := range ps {
		out[i] = p.Interval
	}
	return out
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// Package bss is the BSS OpenAPI (product BssOpenApi, version 2017-12-14,
// endpoint business.aliyuncs.com) of the Alibaba Cloud dialect, as far as
// reserved instances need it: their utilisation and the coverage of
// pay-as-you-go usage, per hour, day or month (DescribeResourceUsageDetail,
// DescribeResourceUsageTotal, DescribeResourceCoverageDetail and
// DescribeResourceCoverageTotal). The Alibaba dialect authenticates a call,
// finds it addressed to BSS by its version, and hands its parameters to
// this package; the answers are encoded here in the shapes of the
// bssopenapi-20171214 SDK's response bodies.
//
// Sources: the API reference pages of the four actions,
// https://help.aliyun.com/document_detail/472974.html (usage detail),
// https://help.aliyun.com/document_detail/472973.html (usage total),
// https://help.aliyun.com/zh/user-center/developer-reference/api-bssopenapi-2017-12-14-describeresourcecoveragedetail
// and https://help.aliyun.com/document_detail/472975.html (coverage total),
// and the request and response models of
// github.com/alibabacloud-go/bssopenapi-20171214/v6 v6.1.0. Every figure
// comes from a simulation of the declared fleet against the store's RIs
// (the usage package, through core.World.Ledger); costs use the emulator's
// made-up prices, and the answers that carry costs say so in Message.
package bss

import (
	"net/http"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/usage"
)

// Version is the API version of BSS OpenAPI.
const Version = "2017-12-14"

// ServiceName is the service of its calls in the call log.
const ServiceName = "bssopenapi"

// Host is the product's endpoint, which error answers name.
const Host = "business.aliyuncs.com"

// AccountID and AccountName are the emulated account's, which BillOwnerId
// may name and every item reports.
const (
	AccountID   = "1500000000000001"
	AccountName = "ecsmock@example.com"
)

// billingZone is the calendar of the account's bills: days and months, and
// the times of StartPeriod, EndPeriod and every period, are Beijing time.
var billingZone = time.FixedZone("UTC+8", 8*3600)

// Config is what the service takes from the Alibaba dialect: its matching
// rules over its catalogue, its default prices, and the names of its
// regions and zones.
type Config struct {
	Rules      usage.Rules
	Prices     core.PriceList
	RegionName func(regionID string) string
	ZoneName   func(zoneID string) string
}

// Service is BSS OpenAPI.
type Service struct {
	cfg Config
}

// New builds the service.
func New(cfg Config) *Service { return &Service{cfg: cfg} }

// Decode reads the parameters of an action of the service into its
// operation; ok is false for an action the service does not have. Every
// action is read-only.
func (s *Service) Decode(action string, p core.Params) (op core.Operation, ok bool) {
	var kind report
	switch action {
	case "DescribeResourceUsageDetail":
		kind = usageDetail
	case "DescribeResourceUsageTotal":
		kind = usageTotal
	case "DescribeResourceCoverageDetail":
		kind = coverageDetail
	case "DescribeResourceCoverageTotal":
		kind = coverageTotal
	default:
		return nil, false
	}
	return &query{
		svc: s, kind: kind,
		startPeriod: p.Text("StartPeriod"), endPeriod: p.Text("EndPeriod"), periodType: p.Text("PeriodType"),
		resourceType: p.Text("ResourceType"), billOwnerID: p.Get("BillOwnerId"),
		maxResults: p.Number("MaxResults"), nextToken: p.Get("NextToken"),
	}, true
}

// report is what an action reports.
type report int

const (
	usageDetail report = iota + 1
	usageTotal
	coverageDetail
	coverageTotal
)

func (k report) detail() bool { return k == usageDetail || k == coverageDetail }

// query is a call of any of the four actions: they share their parameters,
// and the detail actions page.
type query struct {
	svc                                              *Service
	kind                                             report
	startPeriod, endPeriod, periodType, resourceType core.Text
	billOwnerID                                      string
	maxResults                                       core.Number
	nextToken                                        string
}

// Errors in the POP gateway's words, which the Alibaba dialect wraps in its
// envelope. The pages document no error of their own; where a value is not
// one the page allows, the emulator answers InvalidParameter and says which.
func errMissing(name string) *core.APIError {
	return core.NewError(http.StatusBadRequest, "MissingParameter",
		"The input parameter %q that is mandatory for processing this request is not supplied.", name)
}

func errInvalid(format string, args ...any) *core.APIError {
	return core.NewError(http.StatusBadRequest, "InvalidParameter", format, args...)
}

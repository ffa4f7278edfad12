// Package usage models how reserved instances (RIs) are deducted against a
// fleet of pay-as-you-go instances, hour by hour, and produces every number
// the utilisation and coverage APIs of both clouds report. It is pure: plain
// values in, plain values out, no clock, no HTTP and no state shared between
// calls. Each cloud's catalogue (instance families, normalisation factors)
// and price list are supplied by the caller.
//
// # What the clouds document
//
// Alibaba Cloud (sources: the ECS documentation pages "Usage rules for
// reserved instances",
// https://www.alibabacloud.com/help/en/ecs/user-guide/match-between-reserved-instances-and-pay-as-you-go-instances;
// "Instance FAQ", reserved instance section, as published in the
// AlibabaCloudDocs/ecs repository, intl.en-US/Instance/Instance FAQ.md;
// "Reserved instances" overview and billing,
// https://www.alibabacloud.com/help/en/ecs/product-overview/reserved-instances
// and intl.en-US/Pricing/Billing methods/Reserved instances.md;
// "Pay-as-you-go", intl.en-US/Pricing/Billing methods/Pay-as-you-go.md;
// Expenses and Costs "资源包介绍与选购",
// https://help.aliyun.com/zh/user-center/resource-package-instance-management):
//
//   - A zonal RI matches pay-as-you-go instances of exactly its instance
//     type, in its zone only. A regional RI matches instances of its
//     instance family in every zone of its region, of any size: its
//     computing power (normalisation factor × instance amount) is spent on
//     whatever sizes run, so a regional ecs.g5.xlarge RI pays half of an
//     ecs.g5.2xlarge and one ecs.g5.4xlarge RI pays four ecs.g5.xlarge.
//   - The operating system must match (a Linux RI matches Linux instances,
//     a Windows RI Windows ones; a Windows RI also pays the image fee). The
//     pages found state no Windows exception to instance size flexibility
//     (unlike AWS, where size flexibility is for Linux only); the Alibaba
//     preset therefore makes regional RIs of every platform size-flexible,
//     and Rules.SizeFlexiblePlatforms can narrow that.
//   - Deduction is per clock hour: each hour the RI may pay for its
//     computing power × one hour of matching usage; what it does not use in
//     that hour is lost (Expenses and Costs classifies RIs as a periodic,
//     hourly quota). Instance compute is metered by the second and billed
//     by the hour, so several instances that each run part of the hour
//     share the hour: the FAQ's example of six c5.large instances running
//     ten minutes each is paid in full by one c5.large RI.
//   - When matching usage exceeds the RI, the FAQ says the RI goes to some
//     of the instances at random, by what it calls an optimised matching
//     scheme; it documents no order between several matching RIs. The
//     emulator is deterministic instead: see "Choices" below.
//   - An RI takes effect on the hour of its purchase and expires at
//     midnight after its last day; a modification, split or merge ends the
//     old RIs and starts the new ones on the hour of the operation. The
//     caller passes those instants as Reservation.Start and End.
//
// Volcengine (sources: "预留实例券匹配按量计费实例",
// https://www.volcengine.com/docs/6396/158270, and its BytePlus version
// "Reserved instances match Pay-as-you-go instance",
// https://docs.byteplus.com/en/docs/ecs/Reserved-instances-match-Pay-as-you-go-instance;
// "查看计算力因子", https://www.volcengine.com/docs/6396/158272; BytePlus
// "Reserved instances" billing, https://docs.byteplus.com/en/docs/ecs/Reserved-instances;
// BytePlus "Pay-as-you-go", https://docs.byteplus.com/en/docs/ecs/Pay-as-you-go;
// BytePlus "Resource instance management",
// https://docs.byteplus.com/en/docs/byteplus-platform/docs-resource-instance-management):
//
//   - A zonal RI matches instances of its exact type in its zone; a
//     regional RI (offered by invitation) matches every instance of its
//     family in any zone of its region, size-flexible by computing power.
//   - The matching conditions list region, zone and instance type only:
//     Volcengine RIs carry no operating system, so the preset ignores the
//     platform.
//   - Each hour an RI can deduct normalisation factor × amount × 3600
//     seconds of computing power from the compute bills of matching
//     instances, which are metered by the second and settled by the hour.
//   - Several resource instances are consumed in a documented sequence:
//     earliest expiry first, then periodic before diminishing ones (every RI
//     is periodic), then earliest effective time. Nothing is said of zonal
//     against regional RIs, so that only breaks ties in the preset.
//
// # Choices where the documents are silent
//
//   - Alibaba order: zonal RIs before regional ones (a zonal RI can pay for
//     nothing else, so applying it first never lowers the total deducted,
//     which is what an optimised scheme would do), then earliest expiry,
//     earliest start, and RI ID.
//   - Within one RI, the instances it pays for are taken in a fixed order,
//     earliest declaration start first, then declaration ID, then instance
//     index, and each is paid in full before the next: the emulator's
//     stand-in for "randomly".
//   - An hour's RI capacity is pooled over the hour: it is prorated by the
//     seconds the RI is in effect in that hour and spent on all matching
//     usage of the hour, whenever in the hour it ran.
//   - A report window holds the whole clock hours that lie inside
//     [From, To): From is rounded up and To down to the hour, so the hour
//     still running is not reported, as neither cloud bills it yet.
//   - Times are taken to the second (billing is per second); hours are UTC
//     hours. DAY and MONTH buckets follow the calendar of a location the
//     caller names (Alibaba bills in UTC+8) and hold the hours that start
//     in them.
//
// # Units
//
// Every quantity is computing power × time, a Quantity: thousandths of a
// normalisation-factor unit × seconds, an exact integer. Alibaba reports RI
// usage and coverage in "算力*小时" (computing power × hours): use
// Quantity.FactorHours. Volcengine counts an RI's hourly quota in factor ×
// seconds: use Quantity.FactorSeconds. Instance hours, where an API wants
// them, are in CoverageFigures.InstanceSeconds.
//
// # What the wire layer will need
//
// Alibaba BSS OpenAPI 2017-12-14 (DescribeResourceUsageDetail and
// DescribeResourceUsageTotal, https://help.aliyun.com/document_detail/472974.html
// and https://help.aliyun.com/document_detail/472973.html;
// DescribeResourceCoverageDetail and DescribeResourceCoverageTotal,
// https://help.aliyun.com/zh/user-center/developer-reference/api-bssopenapi-2017-12-14-describeresourcecoveragedetail
// and https://help.aliyun.com/document_detail/472975.html; field meanings
// also in the aliyun/alibabacloud-java-sdk models bssopenapi-20171214).
// Requests take StartPeriod (inclusive), EndPeriod (exclusive, empty: now),
// PeriodType HOUR, DAY or MONTH and ResourceType RI. Percentages are
// fractions (0.5 is half). Days and months are those of the account's
// billing calendar: pass time.FixedZone("UTC+8", 8*3600) to the reports.
//
//   - Usage detail, one item per RI and period (Ledger.Usage,
//     ReservationUsage.Periods): ResourceInstanceId = Reservation.ID;
//     StartTime/EndTime = PeriodUsage.Interval; TotalQuantity =
//     Capacity.FactorHours(); DeductQuantity = Used.FactorHours();
//     UsagePercentage = Utilisation(); CapacityUnit "算力*小时";
//     ReservationCost, PostpaidCost (the pay-as-you-go value of what was
//     deducted), SavedCost (net: PostpaidCost − ReservationCost),
//     PotentialSavedCost (net saving had the RI been fully used) and
//     Currency from UsageFigures and UsageReport.Currency; InstanceSpec,
//     ImageType (platform, lower case), Zone, Region, Quantity (amount) and
//     Status from the Reservation itself.
//   - Usage total: TotalUsage from UsageReport.Total (UsagePercentage,
//     ReservationCost, PostpaidCost, SavedCost, PotentialSavedCost) and
//     PeriodCoverage (Period: the period's start as yyyyMMddHH in the
//     calendar asked for, UsagePercentage) from UsageReport.Periods.
//   - Coverage detail, one item per pay-as-you-go instance and period
//     (Ledger.Coverage, DeclarationCoverage; the wire layer names the
//     instances of a declaration): TotalQuantity = Usage.FactorHours();
//     DeductQuantity = Covered.FactorHours(); CoveragePercentage =
//     Coverage(); PaymentAmount = PaymentAmount() (the bill left after
//     deduction); InstanceSpec, Zone, Region from the Declaration. A
//     declaration's figures are for all its instances; Ledger.Deductions
//     gives them per instance.
//   - Coverage total: TotalCoverage (TotalQuantity, DeductQuantity,
//     CoveragePercentage, CapacityUnit) from CoverageReport.Total;
//     PeriodCoverage from CoverageReport.Periods. CoverageReport.Groups
//     gives the same per instance type and zone.
//
// Volcengine Billing 2022-01-01 (ListPackageUsageDetails,
// https://volcengine.com/docs/6269/1337080, and ListResourcePackages; the
// field names are those of volcengine-go-sdk service/billing, their meaning
// from BytePlus "Concept description: managing packages",
// https://docs.byteplus.com/en/docs/byteplus-platform/docs-concept-description-1).
// Both take ResourceType RI; deduction times are UTC, [begin, end).
//
//   - ListPackageUsageDetails lists one record per RI, hour and instance
//     paid for, newest first: Ledger.Deductions in reverse. InstanceNo = the
//     RI's ID; DeductionInstanceNo = the instance; BeginTime/EndTime = the
//     hour; BeforeAmount = Before, DeductionAmount = Quantity, AfterAmount =
//     After(), all in factor × seconds (Quantity.FactorSeconds());
//     SpecCalculateFactor and DeductionCalculateFactor = the normalisation
//     factors of the RI's and of the instance's type; DeductionSpecification
//     = the instance's type; DeductionUseAmount = InstanceUsage (what the
//     instance consumed that hour) and DeductionRatio = Quantity /
//     InstanceUsage (the emulator's reading of those two undocumented
//     fields); PackageType "Periodic".
//   - ListResourcePackages lists the RIs: TotalAmount = one hour's quota,
//     factor × amount × 3600 (PackageType "Periodic", reset every hour);
//     AvailableAmount = what is left of the current hour, Capacity − Used of
//     the HOUR period holding it; EffectiveTime/ExpiryTime from the
//     Reservation.
//
// Prices are the emulator's own (PriceTable), never a real tariff, and every
// report carries the table's label.
package usage

package bss

import "github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"

// Encode renders a result of the service as the body of its answer (the
// dialect adds RequestId); ok is false for a result that is not the
// service's. The answers that carry costs say in Message that the prices
// are the emulator's.
func (s *Service) Encode(result any) (body map[string]any, ok bool) {
	switch r := result.(type) {
	case detailPage:
		items := r.items
		if items == nil {
			items = []map[string]any{}
		}
		data := map[string]any{"Items": items, "TotalCount": r.total, "MaxResults": r.maxResults, "NextToken": r.next}
		return envelope(data, successMessage+" "+costsNote), true
	case totals:
		msg := successMessage
		if _, costs := r["TotalUsage"]; costs {
			msg += " " + costsNote
		}
		return envelope(map[string]any(r), msg), true
	}
	return nil, false
}

const (
	successMessage = "Successful!"
	costsNote      = "Costs are " + core.PriceLabel + "."
)

func envelope(data map[string]any, message string) map[string]any {
	return map[string]any{"Code": "Success", "Message": message, "Success": true, "Data": data}
}

package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// ValidateConfig checks the rules that tie attributes together (see
// converge.Spec.Validate).
func (r *reservationResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	cfg := r.load(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	addDiagnostics(&resp.Diagnostics, r.spec.engine.Validate(cfg))
}

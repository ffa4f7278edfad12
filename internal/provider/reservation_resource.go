package provider

import (
	"context"
	"errors"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// cloudSpec is what one cloud's reservation resource adds to the shared
// glue: its schema, model, element type and the attributes only it has.
// Everything that spends money or decides what to call is written once, in
// the glue, against cloud.Backend.
type cloudSpec struct {
	typeSuffix string
	rules      *reservation.Rules
	schema     func(ctx context.Context) schema.Schema
	newModel   func() reservationModel
	codec      elementCodec
	// client returns the cloud's backend and default region, or an error
	// naming the setting that is missing.
	client func(*providerData) (*cloud.Session, string, error)
	// purchaseAttrs are the attrs() sent with every purchase.
	purchaseAttrs []string
	// fixedAttrs cannot change after purchase: changing one plans a
	// replacement. Those marked onlyIfSet are compared only when configured.
	fixedAttrs []fixedAttr
	// labels are attrs() that only a modification changes (Volcengine).
	labels []string
	// defaultRenewal is the schema's default length of one automatic
	// renewal, recorded when nothing else says.
	defaultRenewal reservation.Term
	// keepsDescription: the cloud cannot clear a description (Volcengine's
	// modification keeps what it is not given), so one left out of the
	// configuration is left as it is, not cleared.
	keepsDescription bool
	// checkCreate rejects at plan time what only a purchase cannot take.
	checkCreate func(plan reservationModel, elems []element, known bool, diags *diag.Diagnostics)
}

type fixedAttr struct {
	name      string
	onlyIfSet bool
}

const (
	defaultCreateTimeout = 30 * time.Minute
	defaultUpdateTimeout = 30 * time.Minute
)

var (
	_ resource.ResourceWithConfigure        = (*reservationResource)(nil)
	_ resource.ResourceWithImportState      = (*reservationResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*reservationResource)(nil)
	_ resource.ResourceWithValidateConfig   = (*reservationResource)(nil)
	_ resource.ResourceWithConfigValidators = (*reservationResource)(nil)
)

// reservationResource is a reservation of one cloud: the RIs one purchase
// bought, one per element of configurations.
type reservationResource struct {
	spec    *cloudSpec
	backend *cloud.Session
	region  string
	data    *providerData
}

func (r *reservationResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + r.spec.typeSuffix
}

func (r *reservationResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = r.spec.schema(ctx)
}

func (r *reservationResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = configuredData(req.ProviderData, &resp.Diagnostics)
	if r.data == nil {
		return
	}
	b, region, err := r.spec.client(r.data)
	if err != nil {
		addConfigError(&resp.Diagnostics, r.spec.rules.Cloud, err)
		return
	}
	r.backend, r.region = b, region
}

func (r *reservationResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.RequiredTogether(path.MatchRoot("period"), path.MatchRoot("period_unit")),
	}
}

// addConfigError reports a cloud's missing or wrong setting.
func addConfigError(diags *diag.Diagnostics, cloudName string, err error) {
	var ce *configError
	if errors.As(err, &ce) {
		diags.AddError(ce.summary, ce.detail)
		return
	}
	diags.AddError(cloudName+" is not configured", err.Error())
}

// getter is a plan, a state or a configuration.
type getter interface {
	Get(ctx context.Context, target any) diag.Diagnostics
}

// load decodes a plan, state or configuration into a fresh model.
func (r *reservationResource) load(ctx context.Context, g getter, diags *diag.Diagnostics) reservationModel {
	m := r.spec.newModel()
	diags.Append(g.Get(ctx, m)...)
	return m
}

// elements decodes a model's configurations.
func (r *reservationResource) elements(ctx context.Context, m reservationModel, diags *diag.Diagnostics) ([]element, bool) {
	elems, ok, d := decodeElements(ctx, r.spec.codec, m.common().Configurations)
	diags.Append(d...)
	return elems, ok
}

func (r *reservationResource) setElements(ctx context.Context, m reservationModel, elems []element, diags *diag.Diagnostics) {
	list, d := r.spec.codec.encode(ctx, elems)
	diags.Append(d...)
	m.common().Configurations = list
}

// regionOf is the model's region, or the provider's default.
func (r *reservationResource) regionOf(m reservationModel) string {
	if v := m.common().RegionID.ValueString(); v != "" {
		return v
	}
	return r.region
}

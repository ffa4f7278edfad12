package provider

import (
	"context"
	"errors"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/converge"
)

// cloudSpec is what one cloud's reservation resource adds to the shared
// adapter: its schema, model and element type, and the engine's spec of it.
// Everything that spends money or decides what to call is in the engine.
type cloudSpec struct {
	typeSuffix string
	engine     *converge.Spec
	schema     func(ctx context.Context) schema.Schema
	newModel   func() reservationModel
	codec      elementCodec
	// client returns the cloud's session and default region, or an error
	// naming the setting that is missing.
	client func(*providerData) (*cloud.Session, string, error)
}

const (
	defaultCreateTimeout = 30 * time.Minute
	defaultUpdateTimeout = 30 * time.Minute
)

var (
	_ resource.ResourceWithConfigure      = (*reservationResource)(nil)
	_ resource.ResourceWithImportState    = (*reservationResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*reservationResource)(nil)
	_ resource.ResourceWithValidateConfig = (*reservationResource)(nil)
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
		addConfigError(&resp.Diagnostics, r.spec.engine.Rules.Cloud, err)
		return
	}
	r.backend, r.region = b, region
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

// load decodes a plan, state or configuration into the engine's terms.
func (r *reservationResource) load(ctx context.Context, g getter, diags *diag.Diagnostics) *converge.Reservation {
	m := r.spec.newModel()
	diags.Append(g.Get(ctx, m)...)
	return r.toEngine(ctx, m, diags)
}

// model is what the engine decided, as this cloud's model; base carries
// the timeouts and anything the engine does not touch.
func (r *reservationResource) model(ctx context.Context, base getter, res *converge.Reservation, elements bool, diags *diag.Diagnostics) reservationModel {
	m := r.spec.newModel()
	diags.Append(base.Get(ctx, m)...)
	r.fromEngine(ctx, res, m, elements, diags)
	return m
}

// engine runs this resource's cloud.
func (r *reservationResource) engine() *converge.Engine {
	return &converge.Engine{Spec: r.spec.engine, Session: r.backend, Region: r.region, ExpiryWarningDays: r.data.expiryWarningDays}
}

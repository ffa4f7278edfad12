// Package provider holds the terraform-plugin-framework adapters: the
// provider's configuration per cloud, the reservation glue written once for
// every cloud (plan, reshape, purchase, renewal, waits, recovery,
// convergence), and one thin schema and mapping per resource and data
// source. Domain rules live in internal/reservation, API calls behind
// cloud.Backend.
package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
)

var (
	_ provider.Provider              = (*ecsriProvider)(nil)
	_ provider.ProviderWithFunctions = (*ecsriProvider)(nil)
)

// options adjust how fast clients retry and poll, or replace a cloud's
// client; tests use them.
type options struct {
	retryBase, poll time.Duration
	// backends replace the clients of the clouds they name.
	backends map[string]cloud.Backend
}

// Option adjusts the provider.
type Option func(*options)

// WithPacing sets the base retry delay and the waiters' poll interval.
func WithPacing(retryBase, poll time.Duration) Option {
	return func(p *options) { p.retryBase, p.poll = retryBase, poll }
}

// WithBackend replaces the client of a cloud (its Rules().Cloud) with b:
// unit tests drive the glue against a fake, without HTTP.
func WithBackend(b cloud.Backend) Option {
	return func(p *options) {
		if p.backends == nil {
			p.backends = map[string]cloud.Backend{}
		}
		p.backends[b.Rules().Cloud] = b
	}
}

type ecsriProvider struct {
	version string
	options options
}

// New returns the provider factory for a version ("dev", "test" or a release).
func New(version string, options ...Option) func() provider.Provider {
	return func() provider.Provider {
		p := &ecsriProvider{version: version}
		for _, o := range options {
			o(&p.options)
		}
		return p
	}
}

// clientPacing is how both clouds' clients pace their calls unless the
// configuration says otherwise.
func (p *ecsriProvider) clientPacing() cloud.Pacing {
	return cloud.Pacing{MaxRetries: defaultMaxRetries, RequestTimeout: defaultRequestTimeout,
		RetryBaseDelay: p.options.retryBase, PollInterval: p.options.poll}
}

type providerModel struct {
	alibabaSettings
	ReadTimeout       types.String        `tfsdk:"read_timeout"`
	ExpiryWarningDays types.Int64         `tfsdk:"expiry_warning_days"`
	Volcengine        *volcengineSettings `tfsdk:"volcengine"`
}

const (
	defaultReadTimeout       = 2 * time.Minute
	defaultExpiryWarningDays = 30
)

func (p *ecsriProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "ecsri"
	resp.Version = p.version
}

func (p *ecsriProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	attrs := alibabaSchema()
	attrs["read_timeout"] = schema.StringAttribute{
		Optional:   true,
		Validators: []validator.String{durationValidator{}},
		MarkdownDescription: "How long a read (a refresh of one resource, a data source) may take, retries of throttled or failed calls included, " +
			"as a Go duration such as `2m`. When it runs out the read fails with an error naming the action. Default `2m`.",
	}
	attrs["expiry_warning_days"] = schema.Int64Attribute{
		Optional:   true,
		Validators: []validator.Int64{int64validator.AtLeast(0)},
		MarkdownDescription: "Every refresh warns about reserved instances, of either cloud, that expire within this many days and will not renew " +
			"themselves, naming them, their expiry and the days left. Default `30`; `0` switches the warning off.",
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages ECS reserved instances on Alibaba Cloud and Volcengine: buy them, reshape them, renew them, rename and tag them. " +
			"The top-level settings configure Alibaba Cloud, the `volcengine` block configures Volcengine. Every setting is optional and falls back to " +
			"environment variables; a configuration that uses only one cloud needs no settings for the other.",
		Attributes: attrs,
		Blocks:     map[string]schema.Block{"volcengine": volcengineBlock()},
	}
}

func (p *ecsriProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	data := &providerData{readTimeout: defaultReadTimeout, expiryWarningDays: defaultExpiryWarningDays}
	if v := cfg.ReadTimeout.ValueString(); v != "" {
		data.readTimeout, _ = time.ParseDuration(v)
	}
	if !cfg.ExpiryWarningDays.IsNull() && !cfg.ExpiryWarningDays.IsUnknown() {
		data.expiryWarningDays = int(cfg.ExpiryWarningDays.ValueInt64())
	}
	data.alibaba = p.configureAlibaba(ctx, cfg.alibabaSettings, &resp.Diagnostics)
	data.volcengine = p.configureVolcengine(ctx, cfg.Volcengine, &resp.Diagnostics)
	for _, lc := range []*lazyClient{data.alibaba, data.volcengine} {
		if lc != nil {
			lc.replaceWith(p.options.backends)
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.ResourceData = data
	resp.DataSourceData = data
}

func (p *ecsriProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{newAlibabaReservedInstance, newVolcengineReservedInstance}
}

func (p *ecsriProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{newAlibabaReservedInstancesDataSource, newVolcengineReservedInstancesDataSource}
}

func (p *ecsriProvider) Functions(context.Context) []func() function.Function {
	return []func() function.Function{newNormalizationFactorFunction}
}

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

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"

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

type providerModel struct {
	alibabaSettings
	sharedSettings
	Volcengine *volcengineSettings `tfsdk:"volcengine"`
}

func (p *ecsriProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "ecsri"
	resp.Version = p.version
}

func (p *ecsriProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	attrs := alibabaSchema()
	for name, a := range sharedSchema() {
		attrs[name] = a
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages ECS reserved instances on Alibaba Cloud and Volcengine: buy them, reshape them, renew them, rename and tag them. " +
			"The top-level settings configure Alibaba Cloud, the `volcengine` block configures Volcengine, and `max_retries`, `request_timeout`, `read_timeout` and `expiry_warning_days` apply to both. Every setting is optional and falls back to " +
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
	data := &providerData{}
	cfg.apply(data)
	pacing := cfg.pacing(p.options)
	data.alibaba = p.configureAlibaba(ctx, cfg.alibabaSettings, pacing, &resp.Diagnostics)
	data.volcengine = p.configureVolcengine(ctx, cfg.Volcengine, pacing, &resp.Diagnostics)
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
	return []func() datasource.DataSource{newAlibabaReservedInstancesDataSource, newVolcengineReservedInstancesDataSource,
		newAlibabaUtilizationDataSource, newVolcengineUtilizationDataSource}
}

func (p *ecsriProvider) Functions(context.Context) []func() function.Function {
	return []func() function.Function{newNormalizationFactorFunction}
}

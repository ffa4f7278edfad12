// Package provider holds the terraform-plugin-framework adapters: schemas,
// validators, plan modifiers and CRUD glue. Domain rules live in
// internal/reservation and API calls in internal/alicloud.
package provider

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ecsri/terraform-provider-ecsri/internal/alicloud"
)

var (
	_ provider.Provider              = (*ecsriProvider)(nil)
	_ provider.ProviderWithFunctions = (*ecsriProvider)(nil)
)

// Option adjusts the provider; tests use it to pace retries and polling.
type Option func(*alicloud.Config)

// WithPacing sets the base retry delay and the waiter's poll interval.
func WithPacing(retryBase, poll time.Duration) Option {
	return func(c *alicloud.Config) { c.RetryBaseDelay, c.PollInterval = retryBase, poll }
}

type ecsriProvider struct {
	version string
	options []Option
}

// New returns the provider factory for a version ("dev", "test" or a release).
func New(version string, options ...Option) func() provider.Provider {
	return func() provider.Provider { return &ecsriProvider{version: version, options: options} }
}

// providerData is what resources and data sources receive from Configure.
type providerData struct {
	client *alicloud.Client
	region string
}

type providerModel struct {
	Region         types.String `tfsdk:"region"`
	AccessKey      types.String `tfsdk:"access_key"`
	SecretKey      types.String `tfsdk:"secret_key"`
	SecurityToken  types.String `tfsdk:"security_token"`
	Profile        types.String `tfsdk:"profile"`
	Endpoint       types.String `tfsdk:"endpoint"`
	MaxRetries     types.Int64  `tfsdk:"max_retries"`
	RequestTimeout types.String `tfsdk:"request_timeout"`
}

const (
	defaultMaxRetries     = 8
	defaultRequestTimeout = 60 * time.Second
)

func (p *ecsriProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "ecsri"
	resp.Version = p.version
}

func (p *ecsriProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages Alibaba Cloud ECS reserved instances: buy them, rename and tag them, and set their renewal. " +
			"Every argument is optional and falls back to environment variables.",
		Attributes: map[string]schema.Attribute{
			"region": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Default region for reserved instances, e.g. `cn-hangzhou`. Falls back to `ALIBABA_CLOUD_REGION_ID`, then `ALICLOUD_REGION`. Required from one of these.",
			},
			"access_key": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "AccessKey ID. Falls back to `ALIBABA_CLOUD_ACCESS_KEY_ID`, then `ALICLOUD_ACCESS_KEY`. Must be set together with `secret_key`.",
			},
			"secret_key": schema.StringAttribute{
				Optional: true, Sensitive: true,
				MarkdownDescription: "AccessKey secret. Falls back to `ALIBABA_CLOUD_ACCESS_KEY_SECRET`, then `ALICLOUD_SECRET_KEY`.",
			},
			"security_token": schema.StringAttribute{
				Optional: true, Sensitive: true,
				MarkdownDescription: "STS security token, for temporary credentials. Falls back to `ALIBABA_CLOUD_SECURITY_TOKEN`, then `ALICLOUD_SECURITY_TOKEN`.",
			},
			"profile": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Name of an `AK` or `StsToken` profile in the aliyun CLI configuration (`~/.aliyun/config.json`, or `ALIBABA_CLOUD_CONFIG_FILE`). Falls back to `ALIBABA_CLOUD_PROFILE`. " +
					"With no key pair and no profile, the default credential chain is used: environment, OIDC, CLI profile, credentials file, ECS RAM role.",
			},
			"endpoint": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "ECS API endpoint: `http://host:port` (plain HTTP, for [ecsmock](https://github.com/ecsri/terraform-provider-ecsri#ecsmock) or a private gateway), `https://host` or a bare host (HTTPS). " +
					"Falls back to `ECSRI_ENDPOINT`. Default: the regional ECS endpoint.",
			},
			"max_retries": schema.Int64Attribute{
				Optional:            true,
				Validators:          []validator.Int64{int64validator.Between(0, 100)},
				MarkdownDescription: "How many times a call that failed with a server error or no answer is retried, with exponential backoff and jitter. Throttled calls are retried until the operation's timeout regardless. Default `8`.",
			},
			"request_timeout": schema.StringAttribute{
				Optional:            true,
				Validators:          []validator.String{durationValidator{}},
				MarkdownDescription: "Timeout of a single HTTP request, as a Go duration such as `60s` or `2m`. Default `60s`.",
			},
		},
	}
}

// firstEnv returns the first non-empty environment variable of the names.
func firstEnv(names ...string) string {
	for _, n := range names {
		if v := os.Getenv(n); v != "" {
			return v
		}
	}
	return ""
}

func (p *ecsriProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	settings := []struct {
		name  string
		value types.String
		env   []string
	}{
		{"region", cfg.Region, []string{"ALIBABA_CLOUD_REGION_ID", "ALICLOUD_REGION"}},
		{"access_key", cfg.AccessKey, []string{"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY"}},
		{"secret_key", cfg.SecretKey, []string{"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALICLOUD_SECRET_KEY"}},
		{"security_token", cfg.SecurityToken, []string{"ALIBABA_CLOUD_SECURITY_TOKEN", "ALICLOUD_SECURITY_TOKEN"}},
		{"profile", cfg.Profile, []string{"ALIBABA_CLOUD_PROFILE"}},
		{"endpoint", cfg.Endpoint, []string{"ECSRI_ENDPOINT"}},
	}
	values := map[string]string{}
	for _, s := range settings {
		if s.value.IsUnknown() {
			resp.Diagnostics.AddAttributeError(path.Root(s.name), "Unknown provider setting",
				"The provider cannot be configured while "+s.name+" is unknown (it depends on a value known only after apply). "+
					"Set it to a literal or a variable, or use the environment variable "+s.env[0]+".")
			continue
		}
		values[s.name] = s.value.ValueString()
		if values[s.name] == "" {
			values[s.name] = firstEnv(s.env...)
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, "secret_key", "security_token")
	for _, secret := range []string{values["secret_key"], values["security_token"]} {
		if secret != "" {
			ctx = tflog.MaskMessageStrings(ctx, secret)
		}
	}
	if values["region"] == "" {
		resp.Diagnostics.AddAttributeError(path.Root("region"), "Missing region",
			"Set region in the provider block, or the ALIBABA_CLOUD_REGION_ID (or ALICLOUD_REGION) environment variable, e.g. cn-hangzhou.")
		return
	}

	clientCfg := alicloud.Config{
		Credentials: alicloud.Credentials{
			AccessKey: values["access_key"], SecretKey: values["secret_key"], SecurityToken: values["security_token"], Profile: values["profile"],
		},
		Endpoint:       values["endpoint"],
		MaxRetries:     defaultMaxRetries,
		RequestTimeout: defaultRequestTimeout,
		UserAgent:      "terraform-provider-ecsri/" + p.version,
	}
	if !cfg.MaxRetries.IsNull() && !cfg.MaxRetries.IsUnknown() {
		clientCfg.MaxRetries = int(cfg.MaxRetries.ValueInt64())
	}
	if v := cfg.RequestTimeout.ValueString(); v != "" {
		clientCfg.RequestTimeout, _ = time.ParseDuration(v)
	}
	for _, opt := range p.options {
		opt(&clientCfg)
	}
	if _, _, err := alicloud.ParseEndpoint(clientCfg.Endpoint); err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("endpoint"), "Invalid endpoint", err.Error())
		return
	}
	client, err := alicloud.New(clientCfg)
	if err != nil {
		resp.Diagnostics.AddError("No usable Alibaba Cloud credentials", err.Error())
		return
	}
	tflog.Debug(ctx, "configured the ECS client", map[string]any{
		"region": values["region"], "endpoint": values["endpoint"], "access_key": values["access_key"],
		"secret_key": values["secret_key"], "security_token": values["security_token"], "profile": values["profile"],
	})
	data := &providerData{client: client, region: values["region"]}
	resp.ResourceData = data
	resp.DataSourceData = data
}

// configuredData is what Configure handed resources and data sources; nil
// before the provider is configured (validation runs first).
func configuredData(v any, diags *diag.Diagnostics) *providerData {
	if v == nil {
		return nil
	}
	data, ok := v.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider.", v))
	}
	return data
}

func (p *ecsriProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{newReservedInstanceResource}
}

func (p *ecsriProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{newReservedInstancesDataSource}
}

func (p *ecsriProvider) Functions(context.Context) []func() function.Function {
	return []func() function.Function{newNormalizationFactorFunction}
}

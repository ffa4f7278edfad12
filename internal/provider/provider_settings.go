package provider

import (
	"context"
	"os"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
)

// The settings every cloud shares: how patiently calls are made and read,
// and when refreshes warn about expiry. One path configures both clouds'
// clients with them.
const (
	defaultMaxRetries        = 8
	defaultRequestTimeout    = 60 * time.Second
	defaultReadTimeout       = 2 * time.Minute
	defaultExpiryWarningDays = 30
)

// sharedSettings are the provider's settings that apply to every cloud.
type sharedSettings struct {
	MaxRetries        types.Int64  `tfsdk:"max_retries"`
	RequestTimeout    types.String `tfsdk:"request_timeout"`
	ReadTimeout       types.String `tfsdk:"read_timeout"`
	ExpiryWarningDays types.Int64  `tfsdk:"expiry_warning_days"`
}

func sharedSchema() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"max_retries": schema.Int64Attribute{
			Optional:   true,
			Validators: []validator.Int64{int64validator.Between(0, 100)},
			MarkdownDescription: "Both clouds: how many times a call that failed with a server error or no answer is retried, with exponential backoff and jitter. " +
				"Throttled calls are retried until the operation's timeout (or, for reads, `read_timeout`) regardless; a refused connection is retried twice. Default `8`.",
		},
		"request_timeout": schema.StringAttribute{
			Optional:            true,
			Validators:          []validator.String{durationValidator{}},
			MarkdownDescription: "Both clouds: timeout of a single HTTP request, as a Go duration such as `60s` or `2m`. Default `60s`.",
		},
		"read_timeout": schema.StringAttribute{
			Optional:   true,
			Validators: []validator.String{durationValidator{}},
			MarkdownDescription: "Both clouds: how long a read (a refresh of one resource, a data source) may take, retries of throttled or failed calls included, " +
				"as a Go duration such as `2m`. When it runs out the read fails with an error naming the action. Default `2m`.",
		},
		"expiry_warning_days": schema.Int64Attribute{
			Optional:   true,
			Validators: []validator.Int64{int64validator.AtLeast(0)},
			MarkdownDescription: "Both clouds: every refresh warns about reserved instances that expire within this many days and will not renew " +
				"themselves, naming them, their expiry and the days left, counted by the service's clock. Default `30`; `0` switches the warning off.",
		},
	}
}

// pacing is how both clouds' clients pace their calls: the shared
// settings over the defaults (tests shorten the retry base and the poll).
func (s sharedSettings) pacing(o options) cloud.Pacing {
	p := cloud.Pacing{MaxRetries: defaultMaxRetries, RequestTimeout: defaultRequestTimeout, RetryBaseDelay: o.retryBase, PollInterval: o.poll}
	if !s.MaxRetries.IsNull() && !s.MaxRetries.IsUnknown() {
		p.MaxRetries = int(s.MaxRetries.ValueInt64())
	}
	if v := s.RequestTimeout.ValueString(); v != "" {
		p.RequestTimeout, _ = time.ParseDuration(v)
	}
	return p
}

// apply fills what Configure hands resources and data sources.
func (s sharedSettings) apply(data *providerData) {
	data.readTimeout, data.expiryWarningDays = defaultReadTimeout, defaultExpiryWarningDays
	if v := s.ReadTimeout.ValueString(); v != "" {
		data.readTimeout, _ = time.ParseDuration(v)
	}
	if !s.ExpiryWarningDays.IsNull() && !s.ExpiryWarningDays.IsUnknown() {
		data.expiryWarningDays = int(s.ExpiryWarningDays.ValueInt64())
	}
}

// setting is one string setting with its environment variables, the first
// non-empty of which is used when the setting is not in the configuration.
type setting struct {
	name  string
	value types.String
	env   []string
}

// resolve reads settings; an unknown one is an error naming its variable.
func resolve(settings []setting, at func(string) path.Path, diags *diag.Diagnostics) map[string]string {
	values := map[string]string{}
	for _, s := range settings {
		if s.value.IsUnknown() {
			diags.AddAttributeError(at(s.name), "Unknown provider setting",
				"The provider cannot be configured while "+s.name+" is unknown (it depends on a value known only after apply). "+
					"Set it to a literal or a variable, or use the environment variable "+s.env[0]+".")
			continue
		}
		values[s.name] = s.value.ValueString()
		if values[s.name] == "" {
			values[s.name] = firstEnv(s.env...)
		}
	}
	return values
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

// configError is a provider setting missing or wrong for a cloud, reported
// where a resource of that cloud is used.
type configError struct{ summary, detail string }

func (e *configError) Error() string { return e.detail }

// maskSecrets keeps secrets out of every log line written with ctx.
func maskSecrets(ctx context.Context, secrets ...string) context.Context {
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, "secret_key", "security_token", "session_token")
	for _, s := range secrets {
		if s != "" {
			ctx = tflog.MaskMessageStrings(ctx, s)
		}
	}
	return ctx
}

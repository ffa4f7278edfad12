package provider

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ecsri/terraform-provider-ecsri/internal/alicloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
)

// alibabaSettings are the provider's top-level settings, which configure
// Alibaba Cloud.
type alibabaSettings struct {
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

func alibabaSchema() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"region": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "Alibaba Cloud: default region for reserved instances, e.g. `cn-hangzhou`. Falls back to `ALIBABA_CLOUD_REGION_ID`, then `ALICLOUD_REGION`. Required from one of these when an Alibaba Cloud resource or data source is used.",
		},
		"access_key": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "Alibaba Cloud AccessKey ID. Falls back to `ALIBABA_CLOUD_ACCESS_KEY_ID`, then `ALICLOUD_ACCESS_KEY`. Must be set together with `secret_key`.",
		},
		"secret_key": schema.StringAttribute{
			Optional: true, Sensitive: true,
			MarkdownDescription: "Alibaba Cloud AccessKey secret. Falls back to `ALIBABA_CLOUD_ACCESS_KEY_SECRET`, then `ALICLOUD_SECRET_KEY`.",
		},
		"security_token": schema.StringAttribute{
			Optional: true, Sensitive: true,
			MarkdownDescription: "Alibaba Cloud STS security token, for temporary credentials. Falls back to `ALIBABA_CLOUD_SECURITY_TOKEN`, then `ALICLOUD_SECURITY_TOKEN`.",
		},
		"profile": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Name of an `AK` or `StsToken` profile in the aliyun CLI configuration (`~/.aliyun/config.json`, or `ALIBABA_CLOUD_CONFIG_FILE`). Falls back to `ALIBABA_CLOUD_PROFILE`. " +
				"With no key pair and no profile, the default credential chain is used: environment, OIDC, CLI profile, credentials file, ECS RAM role.",
		},
		"endpoint": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Alibaba Cloud ECS API endpoint: `http://host:port` (plain HTTP, for [ecsmock](https://github.com/ecsri/terraform-provider-ecsri#ecsmock) or a private gateway), `https://host` or a bare host (HTTPS). " +
				"Falls back to `ECSRI_ENDPOINT`. Default: the regional ECS endpoint. An endpoint that is not a valid URL with a port from 1 to 65535 is rejected when the provider is configured.",
		},
		"max_retries": schema.Int64Attribute{
			Optional:            true,
			Validators:          []validator.Int64{int64validator.Between(0, 100)},
			MarkdownDescription: "How many times a call that failed with a server error or no answer is retried, with exponential backoff and jitter. Throttled calls are retried until the operation's timeout (or, for reads, `read_timeout`) regardless; a refused connection is retried twice. Default `8`.",
		},
		"request_timeout": schema.StringAttribute{
			Optional:            true,
			Validators:          []validator.String{durationValidator{}},
			MarkdownDescription: "Timeout of a single HTTP request, as a Go duration such as `60s` or `2m`. Default `60s`.",
		},
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

func (p *ecsriProvider) configureAlibaba(ctx context.Context, cfg alibabaSettings, diags *diag.Diagnostics) *lazyClient {
	values := resolve([]setting{
		{"region", cfg.Region, []string{"ALIBABA_CLOUD_REGION_ID", "ALICLOUD_REGION"}},
		{"access_key", cfg.AccessKey, []string{"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY"}},
		{"secret_key", cfg.SecretKey, []string{"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALICLOUD_SECRET_KEY"}},
		{"security_token", cfg.SecurityToken, []string{"ALIBABA_CLOUD_SECURITY_TOKEN", "ALICLOUD_SECURITY_TOKEN"}},
		{"profile", cfg.Profile, []string{"ALIBABA_CLOUD_PROFILE"}},
		{"endpoint", cfg.Endpoint, []string{"ECSRI_ENDPOINT"}},
	}, path.Root, diags)
	if diags.HasError() {
		return nil
	}
	if _, _, err := alicloud.ParseEndpoint(values["endpoint"]); err != nil {
		diags.AddAttributeError(path.Root("endpoint"), "Invalid endpoint", err.Error())
		return nil
	}
	ctx = maskSecrets(ctx, values["secret_key"], values["security_token"])
	tflog.Debug(ctx, "configured the ECS client", map[string]any{
		"cloud": "alibaba", "region": values["region"], "endpoint": values["endpoint"], "access_key": values["access_key"],
		"secret_key": values["secret_key"], "security_token": values["security_token"], "profile": values["profile"],
	})
	if values["region"] == "" {
		return failedClient(&configError{"Missing region",
			"Set region in the provider block, or the ALIBABA_CLOUD_REGION_ID (or ALICLOUD_REGION) environment variable, e.g. cn-hangzhou."})
	}
	clientCfg := alicloud.Config{
		Credentials: alicloud.Credentials{
			AccessKey: values["access_key"], SecretKey: values["secret_key"], SecurityToken: values["security_token"], Profile: values["profile"],
		},
		Endpoint: values["endpoint"], UserAgent: "terraform-provider-ecsri/" + p.version, Pacing: p.clientPacing(),
	}
	if !cfg.MaxRetries.IsNull() && !cfg.MaxRetries.IsUnknown() {
		clientCfg.Pacing.MaxRetries = int(cfg.MaxRetries.ValueInt64())
	}
	if v := cfg.RequestTimeout.ValueString(); v != "" {
		clientCfg.Pacing.RequestTimeout, _ = time.ParseDuration(v)
	}
	return &lazyClient{region: values["region"], pacing: clientCfg.Pacing, build: func() (cloud.Backend, error) {
		c, err := alicloud.New(clientCfg)
		if err != nil {
			return nil, &configError{"No usable Alibaba Cloud credentials", err.Error()}
		}
		return c, nil
	}}
}

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

var _ = fmt.Sprintf

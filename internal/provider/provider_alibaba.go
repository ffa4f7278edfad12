package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ecsri/terraform-provider-ecsri/internal/alicloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
)

// alibabaSettings are the provider's top-level settings, which configure
// Alibaba Cloud.
type alibabaSettings struct {
	Region        types.String `tfsdk:"region"`
	AccessKey     types.String `tfsdk:"access_key"`
	SecretKey     types.String `tfsdk:"secret_key"`
	SecurityToken types.String `tfsdk:"security_token"`
	Profile       types.String `tfsdk:"profile"`
	Endpoint      types.String `tfsdk:"endpoint"`
	BSSEndpoint   types.String `tfsdk:"bss_endpoint"`
}

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
		"bss_endpoint": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Alibaba Cloud BSS OpenAPI endpoint, which the utilisation data source reads, in the same forms as `endpoint`. " +
				"Falls back to `ECSRI_BSS_ENDPOINT`. Default: `endpoint` when that is set (ecsmock serves both), else `business.aliyuncs.com`.",
		},
	}
}

func (p *ecsriProvider) configureAlibaba(ctx context.Context, cfg alibabaSettings, pacing cloud.Pacing, diags *diag.Diagnostics) *lazyClient {
	values := resolve([]setting{
		{"region", cfg.Region, []string{"ALIBABA_CLOUD_REGION_ID", "ALICLOUD_REGION"}},
		{"access_key", cfg.AccessKey, []string{"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY"}},
		{"secret_key", cfg.SecretKey, []string{"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALICLOUD_SECRET_KEY"}},
		{"security_token", cfg.SecurityToken, []string{"ALIBABA_CLOUD_SECURITY_TOKEN", "ALICLOUD_SECURITY_TOKEN"}},
		{"profile", cfg.Profile, []string{"ALIBABA_CLOUD_PROFILE"}},
		{"endpoint", cfg.Endpoint, []string{"ECSRI_ENDPOINT"}},
		{"bss_endpoint", cfg.BSSEndpoint, []string{"ECSRI_BSS_ENDPOINT"}},
	}, path.Root, diags)
	if diags.HasError() {
		return nil
	}
	for _, name := range []string{"endpoint", "bss_endpoint"} {
		if _, _, err := alicloud.ParseEndpoint(values[name]); err != nil {
			diags.AddAttributeError(path.Root(name), "Invalid endpoint", err.Error())
			return nil
		}
	}
	ctx = maskSecrets(ctx, values["secret_key"], values["security_token"])
	tflog.Debug(ctx, "configured the ECS client", map[string]any{
		"cloud": "alibaba", "region": values["region"], "endpoint": values["endpoint"], "bss_endpoint": values["bss_endpoint"],
		"access_key": values["access_key"], "secret_key": values["secret_key"], "security_token": values["security_token"], "profile": values["profile"],
	})
	if values["region"] == "" {
		return failedClient(&configError{"Missing region",
			"Set region in the provider block, or the ALIBABA_CLOUD_REGION_ID (or ALICLOUD_REGION) environment variable, e.g. cn-hangzhou."})
	}
	clientCfg := alicloud.Config{
		Credentials: alicloud.Credentials{
			AccessKey: values["access_key"], SecretKey: values["secret_key"], SecurityToken: values["security_token"], Profile: values["profile"],
		},
		Endpoint: values["endpoint"], BSSEndpoint: values["bss_endpoint"], UserAgent: "terraform-provider-ecsri/" + p.version, Pacing: pacing,
	}
	return &lazyClient{region: values["region"], pacing: pacing, build: func() (cloud.Backend, error) {
		c, err := alicloud.New(clientCfg)
		if err != nil {
			return nil, &configError{"No usable Alibaba Cloud credentials", err.Error()}
		}
		return c, nil
	}}
}

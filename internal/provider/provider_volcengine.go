package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/volcengine"
)

// volcengineSettings are the provider's volcengine block.
type volcengineSettings struct {
	Region          types.String `tfsdk:"region"`
	AccessKey       types.String `tfsdk:"access_key"`
	SecretKey       types.String `tfsdk:"secret_key"`
	SessionToken    types.String `tfsdk:"session_token"`
	Endpoint        types.String `tfsdk:"endpoint"`
	BillingEndpoint types.String `tfsdk:"billing_endpoint"`
}

func volcengineBlock() schema.SingleNestedBlock {
	return schema.SingleNestedBlock{
		MarkdownDescription: "Volcengine settings, each falling back to the environment variable the official Volcengine provider reads. " +
			"Needed only when a Volcengine resource or data source is used.",
		Attributes: map[string]schema.Attribute{
			"region": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Default region, e.g. `cn-beijing`. Falls back to `VOLCENGINE_REGION`."},
			"access_key": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Access key ID. Falls back to `VOLCENGINE_ACCESS_KEY`."},
			"secret_key": schema.StringAttribute{Optional: true, Sensitive: true,
				MarkdownDescription: "Secret access key. Falls back to `VOLCENGINE_SECRET_KEY`."},
			"session_token": schema.StringAttribute{Optional: true, Sensitive: true,
				MarkdownDescription: "STS session token, for temporary credentials. Falls back to `VOLCENGINE_SESSION_TOKEN`."},
			"endpoint": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Endpoint of the ECS and Billing APIs: `http://host:port` (plain HTTP, for ecsmock), `https://host` or a bare host. " +
					"Falls back to `VOLCENGINE_ENDPOINT`. Default: Volcengine's public endpoints."},
			"billing_endpoint": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Endpoint of the Billing API when it differs from `endpoint`. Falls back to `VOLCENGINE_BILLING_ENDPOINT`."},
		},
	}
}

func (p *ecsriProvider) configureVolcengine(ctx context.Context, cfg *volcengineSettings, pacing cloud.Pacing, diags *diag.Diagnostics) *lazyClient {
	if cfg == nil {
		cfg = &volcengineSettings{}
	}
	at := func(name string) path.Path { return path.Root("volcengine").AtName(name) }
	values := resolve([]setting{
		{"region", cfg.Region, []string{"VOLCENGINE_REGION"}},
		{"access_key", cfg.AccessKey, []string{"VOLCENGINE_ACCESS_KEY"}},
		{"secret_key", cfg.SecretKey, []string{"VOLCENGINE_SECRET_KEY"}},
		{"session_token", cfg.SessionToken, []string{"VOLCENGINE_SESSION_TOKEN"}},
		{"endpoint", cfg.Endpoint, []string{"VOLCENGINE_ENDPOINT"}},
		{"billing_endpoint", cfg.BillingEndpoint, []string{"VOLCENGINE_BILLING_ENDPOINT"}},
	}, at, diags)
	if diags.HasError() {
		return nil
	}
	for _, name := range []string{"endpoint", "billing_endpoint"} {
		if err := volcengine.ParseEndpoint(values[name]); err != nil {
			diags.AddAttributeError(at(name), "Invalid endpoint", err.Error())
			return nil
		}
	}
	ctx = maskSecrets(ctx, values["secret_key"], values["session_token"])
	tflog.Debug(ctx, "configured the Volcengine client", map[string]any{
		"cloud": "volcengine", "region": values["region"], "endpoint": values["endpoint"], "access_key": values["access_key"],
		"secret_key": values["secret_key"], "session_token": values["session_token"],
	})
	if values["region"] == "" {
		return failedClient(&configError{"Missing Volcengine region",
			"Set region in the provider's volcengine block, or the VOLCENGINE_REGION environment variable, e.g. cn-beijing."})
	}
	clientCfg := volcengine.Config{
		Region: values["region"], AccessKey: values["access_key"], SecretKey: values["secret_key"], SessionToken: values["session_token"],
		Endpoint: values["endpoint"], BillingEndpoint: values["billing_endpoint"], UserAgent: "terraform-provider-ecsri/" + p.version,
		Pacing: pacing,
	}
	return &lazyClient{region: values["region"], pacing: pacing, build: func() (cloud.Backend, error) {
		c, err := volcengine.New(clientCfg)
		if err != nil {
			return nil, &configError{"No usable Volcengine credentials", fmt.Sprint(err)}
		}
		return c, nil
	}}
}

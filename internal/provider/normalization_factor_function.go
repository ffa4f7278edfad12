package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

var _ function.Function = (*normalizationFactorFunction)(nil)

type normalizationFactorFunction struct{}

func newNormalizationFactorFunction() function.Function { return &normalizationFactorFunction{} }

func (f *normalizationFactorFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "normalization_factor"
}

func (f *normalizationFactorFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Normalisation factor of an ECS instance type",
		MarkdownDescription: "Returns the normalisation factor Alibaba Cloud uses to compare the computing power of reserved instances " +
			"when they are split, merged or modified: the vCPU count of the type's standard size (`large` 2, `xlarge` 4, `2xlarge` 8, …). " +
			"A reshape must keep the sum of factor × amount unchanged. Fails for a name whose size has no known factor.",
		Parameters: []function.Parameter{
			function.StringParameter{Name: "instance_type", MarkdownDescription: "An instance type such as `ecs.g5.2xlarge`."},
		},
		Return: function.Int64Return{},
	}
}

func (f *normalizationFactorFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var name string
	resp.Error = function.ConcatFuncErrors(req.Arguments.Get(ctx, &name))
	if resp.Error != nil {
		return
	}
	factor, ok := reservation.NormalizationFactor(name)
	if !ok {
		resp.Error = function.NewArgumentFuncError(0, fmt.Sprintf("the normalisation factor of %q is not known: expected a type such as ecs.g5.2xlarge whose size is small, large, xlarge or Nxlarge", name))
		return
	}
	resp.Error = function.ConcatFuncErrors(resp.Result.Set(ctx, int64(factor)))
}

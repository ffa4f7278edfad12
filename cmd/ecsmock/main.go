// Command ecsmock serves the reserved-instance emulator of both clouds
// (Alibaba Cloud ECS and BSS OpenAPI, Volcengine ECS and Billing) on one
// local address, for Terraform runs, SDK scripts and CI.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/alibaba"
	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/volcengine"
)

func main() {
	if len(os.Args) > 2 && os.Args[1] == "calls" {
		if err := printCalls(os.Args[2]); err != nil {
			fmt.Fprintln(os.Stderr, "ecsmock calls:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "ecsmock:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("ecsmock", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:18080", "address to listen on; port 0 picks a free port")
	akID := fs.String("access-key-id", ecsmock.DefaultAccessKeyID, "access key ID clients must sign with")
	akSecret := fs.String("access-key-secret", ecsmock.DefaultAccessKeySecret, "access key secret clients must sign with")
	securityToken := fs.String("security-token", "", "when set, the key pair is temporary (STS) and requests must carry this token")
	stateFile := fs.String("state-file", "", "persist state to this file after every change, and load it at start")
	latency := fs.Duration("latency", 0, "latency added to every API call, e.g. 50ms")
	activation := fs.Duration("activation-delay", 2*time.Second, "how long purchases and modifications stay Creating/Updating on the emulated clock")
	regionalQuota := fs.Int("regional-quota", 20, "live regional RIs allowed per account")
	zonalQuota := fs.Int("zonal-quota", 20, "live zonal RIs allowed per zone")
	volcZonalVCPU := fs.Int("volcengine-zonal-vcpu-quota", 200, "vCPUs live Volcengine zonal RIs may cover per zone")
	volcRegionalVCPU := fs.Int("volcengine-regional-vcpu-quota", 200, "vCPUs live Volcengine regional RIs may cover per region")
	volcProjects := fs.String("volcengine-projects", "", "comma-separated Volcengine projects that exist besides \"default\"")
	titleCaseScope := fs.Bool("title-case-scope", false, "Alibaba DescribeReservedInstances reports Scope as Region/Zone instead of the service's region/zone")
	quiet := fs.Bool("quiet", false, "do not log each API call")
	if err := fs.Parse(args); err != nil {
		return err
	}
	// Signals are caught before anything is printed: a caller that stops the
	// emulator as soon as it reads the endpoint still gets a clean stop.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	logger := log.New(os.Stderr, "ecsmock ", log.LstdFlags)
	opts := ecsmock.Options{
		Credentials:     []ecsmock.Credential{{AccessKeyID: *akID, AccessKeySecret: *akSecret, SecurityToken: *securityToken}},
		ActivationDelay: *activation,
		Latency:         *latency,
		StateFile:       *stateFile,
		Alibaba: alibaba.Options{
			RegionalQuota:  *regionalQuota,
			ZonalQuota:     *zonalQuota,
			TitleCaseScope: *titleCaseScope,
		},
		Volcengine: volcengine.Options{
			ZonalVCPUQuota:    *volcZonalVCPU,
			RegionalVCPUQuota: *volcRegionalVCPU,
			Projects:          splitList(*volcProjects),
		},
	}
	if !*quiet {
		opts.Logger = logger
	}
	srv, err := ecsmock.New(opts)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	// Printed on stdout, one key=value per line, so scripts can read them.
	fmt.Printf("ECSMOCK_ENDPOINT=http://%s\n", ln.Addr())
	fmt.Printf("ALIBABA_CLOUD_ACCESS_KEY_ID=%s\n", *akID)
	fmt.Printf("ALIBABA_CLOUD_ACCESS_KEY_SECRET=%s\n", *akSecret)
	if *securityToken != "" {
		fmt.Printf("ALIBABA_CLOUD_SECURITY_TOKEN=%s\n", *securityToken)
	}
	// The same keys sign Volcengine requests, under the names the official
	// Volcengine Terraform provider reads.
	fmt.Printf("VOLCENGINE_ENDPOINT=http://%s\n", ln.Addr())
	fmt.Printf("VOLCENGINE_ACCESS_KEY=%s\n", *akID)
	fmt.Printf("VOLCENGINE_SECRET_KEY=%s\n", *akSecret)
	if *securityToken != "" {
		fmt.Printf("VOLCENGINE_SESSION_TOKEN=%s\n", *securityToken)
	}

	httpServer := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- httpServer.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := httpServer.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	logger.Print("stopped")
	return nil
}

// splitList reads a comma-separated flag, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, item := range strings.Split(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// printCalls prints the call log of a running emulator, both clouds, as a
// table: `ecsmock calls http://127.0.0.1:18080`.
func printCalls(endpoint string) error {
	resp, err := http.Get(endpoint + "/_ecsmock/calls?cloud=all")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var calls []ecsmock.Call
	if err := json.NewDecoder(resp.Body).Decode(&calls); err != nil {
		return err
	}
	counts := map[string]int{}
	var order []string
	for _, c := range calls {
		outcome := "ok"
		if c.Code != "" {
			outcome = c.Code
		}
		name := callName(c)
		fmt.Printf("%s  %-64s %s\n", c.Time.Format("15:04:05.000"), name, outcome)
		if counts[name] == 0 {
			order = append(order, name)
		}
		counts[name]++
	}
	fmt.Println()
	for _, a := range order {
		fmt.Printf("%4d × %s\n", counts[a], a)
	}
	return nil
}

// callName is the action, prefixed with the cloud and service for
// Volcengine, whose Billing and ECS calls share the log, and for Alibaba
// calls of a service other than ECS (BSS OpenAPI).
func callName(c ecsmock.Call) string {
	switch {
	case c.Cloud == ecsmock.CloudVolcengine:
		return "volcengine/" + c.Service + " " + c.Action
	case c.Service != "" && c.Service != "ecs":
		return "alibaba/" + c.Service + " " + c.Action
	}
	return c.Action
}

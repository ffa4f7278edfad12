package alicloud

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/aliyun/credentials-go/credentials"
)

// Credentials are what the provider configuration says about identity.
// Empty fields mean "not configured".
type Credentials struct {
	AccessKey     string
	SecretKey     string
	SecurityToken string
	Profile       string
}

// resolveCredential picks, in order: the explicit key pair (STS when a token
// is set), a named profile of the aliyun CLI config, or the credentials-go
// default chain (environment, OIDC, CLI profile, credentials file, ECS RAM
// role). It fails with an explanation instead of letting the SDK panic
// later on a missing credential.
func resolveCredential(c Credentials) (credentials.Credential, error) {
	switch {
	case c.AccessKey != "" || c.SecretKey != "":
		if c.AccessKey == "" || c.SecretKey == "" {
			return nil, errors.New("access_key and secret_key must be set together")
		}
		return staticCredential(c.AccessKey, c.SecretKey, c.SecurityToken)
	case c.Profile != "":
		return profileCredential(c.Profile)
	}
	cred, err := credentials.NewCredential(nil)
	if err == nil {
		var model *credentials.CredentialModel
		model, err = cred.GetCredential()
		if err == nil && (model == nil || model.AccessKeyId == nil || *model.AccessKeyId == "") {
			err = errors.New("the chain returned an empty credential")
		}
	}
	if err != nil {
		return nil, fmt.Errorf("no credentials found (set access_key and secret_key, or profile, or the ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET environment variables): %v", err)
	}
	return cred, nil
}

func staticCredential(ak, sk, token string) (credentials.Credential, error) {
	cfg := new(credentials.Config).SetType("access_key").SetAccessKeyId(ak).SetAccessKeySecret(sk)
	if token != "" {
		cfg = new(credentials.Config).SetType("sts").SetAccessKeyId(ak).SetAccessKeySecret(sk).SetSecurityToken(token)
	}
	return credentials.NewCredential(cfg)
}

// cliConfigPath is where the aliyun CLI keeps its profiles.
func cliConfigPath() string {
	if p := os.Getenv("ALIBABA_CLOUD_CONFIG_FILE"); p != "" {
		return p
	}
	home, _ := os.UserHomeDir()
	return filepath.Join(home, ".aliyun", "config.json")
}

// profileCredential reads a named profile of the aliyun CLI configuration.
// Key-pair profiles (modes AK and StsToken) are supported; role-based modes
// are left to the default chain, which knows how to assume roles.
func profileCredential(name string) (credentials.Credential, error) {
	path := cliConfigPath()
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("profile %q: cannot read %s: %v", name, path, err)
	}
	var file struct {
		Profiles []struct {
			Name            string `json:"name"`
			Mode            string `json:"mode"`
			AccessKeyID     string `json:"access_key_id"`
			AccessKeySecret string `json:"access_key_secret"`
			StsToken        string `json:"sts_token"`
		} `json:"profiles"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		return nil, fmt.Errorf("profile %q: %s is not valid JSON: %v", name, path, err)
	}
	for _, p := range file.Profiles {
		if p.Name != name {
			continue
		}
		switch p.Mode {
		case "AK", "":
			return staticCredential(p.AccessKeyID, p.AccessKeySecret, "")
		case "StsToken":
			return staticCredential(p.AccessKeyID, p.AccessKeySecret, p.StsToken)
		default:
			return nil, fmt.Errorf("profile %q in %s uses mode %q; only AK and StsToken profiles can be named in the provider. For role-based modes, leave profile unset and set ALIBABA_CLOUD_PROFILE=%s so the default credential chain assumes the role", name, path, p.Mode, name)
		}
	}
	return nil, fmt.Errorf("profile %q not found in %s", name, path)
}

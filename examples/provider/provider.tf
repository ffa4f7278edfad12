terraform {
  required_providers {
    ecsri = {
      source = "ecsri/ecsri"
    }
  }
}

# Credentials usually come from the environment:
# ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET.
provider "ecsri" {
  region = "cn-hangzhou"
}

# Against a local ecsmock emulator, for CI plans that spend nothing.
provider "ecsri" {
  alias      = "mock"
  region     = "cn-hangzhou"
  endpoint   = "http://127.0.0.1:18080"
  access_key = "ecsmock-access-key"
  secret_key = "ecsmock-secret-key"
}

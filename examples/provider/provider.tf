terraform {
  required_providers {
    ecsri = {
      source = "ecsri/ecsri"
    }
  }
}

# Credentials usually come from the environment: ALIBABA_CLOUD_ACCESS_KEY_ID
# and ALIBABA_CLOUD_ACCESS_KEY_SECRET for Alibaba Cloud, VOLCENGINE_ACCESS_KEY
# and VOLCENGINE_SECRET_KEY for Volcengine. Each cloud's settings are needed
# only when a resource of that cloud is used.
provider "ecsri" {
  region = "cn-hangzhou"

  volcengine {
    region = "cn-beijing"
  }
}

# Against a local ecsmock emulator, which serves both clouds on one port,
# for CI plans that spend nothing.
provider "ecsri" {
  alias      = "mock"
  region     = "cn-hangzhou"
  endpoint   = "http://127.0.0.1:18080"
  access_key = "ecsmock-access-key"
  secret_key = "ecsmock-secret-key"

  volcengine {
    region     = "cn-beijing"
    endpoint   = "http://127.0.0.1:18080"
    access_key = "ecsmock-access-key"
    secret_key = "ecsmock-secret-key"
  }
}

import type { Sample } from '../samples';

/**
 * `*.tf` files as teams write them: a root module calling registry and git modules with comments,
 * heredocs, templates and nested objects around them; a child module's `versions.tf` with
 * `required_providers` and `required_version`; Terraform 0.12's shorthand; CRLF. For the contract
 * test and the fuzzer.
 */
export const terraformSamples: readonly Sample[] = [
  {
    file: 'infra/prod/main.tf',
    text: `# Production network and services. Owner: platform-infra.
terraform {
  required_version = "~> 1.6.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.31" # 5.32 breaks the IPAM pools
      configuration_aliases = [aws.shared]
    }
    tls = {
      source  = "registry.terraform.io/hashicorp/tls"
      version = ">= 4.0, < 5.0"
    }
  }

  backend "s3" {
    bucket = "acme-tfstate"
    key    = "prod/network.tfstate"
  }
}

locals {
  name = "prod-\${var.region}"
  tags = {
    Team    = "platform"
    "cost:center" = "1234"
  }
  // A heredoc that looks like a module must not be read as one.
  readme = <<-EOT
    module "not_a_module" {
      source  = "acme/fake/aws"
      version = "9.9.9"
    }
  EOT
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.1.2"

  name = local.name
  cidr = "10.20.0.0/16"
  azs  = [for s in ["a", "b", "c"] : "\${var.region}\${s}"]
  tags = merge(local.tags, { "Name" = "vpc-\${local.name}" })
}

module "dns" {
  source = "git::https://github.com/acme/terraform-dns.git//zones?ref=v1.4.0"

  zone = "prod.acme.dev"
}

/*
module "old_queue" {
  source  = "acme/queue/aws"
  version = "0.3.0"
}
*/

module "network_policies" {
  source = "./modules/policies"
}
`,
  },
  {
    file: 'modules/cache/versions.tf',
    text: `terraform {
  required_version = ">= 1.3"
  required_providers {
    aws    = { source = "hashicorp/aws", version = ">= 4.60" }
    random = {
      source = "hashicorp/random"
    }
  }
}
`,
  },
  {
    file: 'legacy/main.tf',
    text: 'terraform {\r\n  required_version = "0.12.31"\r\n  required_providers {\r\n    google = "~> 3.5"\r\n  }\r\n}\r\n\r\nmodule "bucket" {\r\n  source = "github.com/acme/tf-gcs-bucket?ref=tags/0.5.7"\r\n  name   = "legacy-assets"\r\n}\r\n',
  },
  {
    file: 'services/api/modules.tf',
    text: `module "queue" {
  source  = "app.terraform.io/acme/queue/aws"
  version = "~> 2.3.0"
}

module "db" {
  source = "git::ssh://git@github.com/acme/terraform-db.git?depth=1&ref=v3.0.1"
  config = jsonencode({ engine = "postgres", "port" = 5432 })
}

module "edge" {
  source = "git::https://github.com/acme/edge.git?ref=main"
}

module "s3_archive" {
  source = "s3::https://s3-eu-west-1.amazonaws.com/acme-modules/archive.zip"
}
`,
  },
];

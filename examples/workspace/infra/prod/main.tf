terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }
}

module "network" {
  source  = "app.terraform.io/acme/network/aws"
  version = "~> 3.2"

  cidr = "10.20.0.0/16"
}

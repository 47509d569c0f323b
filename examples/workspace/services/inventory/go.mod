module github.com/acme-shop/inventory

go 1.22

require (
	github.com/acme/platform-go v1.4.2
	github.com/google/uuid v1.6.0
)

require golang.org/x/sys v0.21.0 // indirect

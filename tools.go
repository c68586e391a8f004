//go:build tools

// This file records the build tools the module uses, so that `go mod tidy` keeps them and
// `go generate ./...` runs the pinned versions.
package main

import _ "github.com/99designs/gqlgen"

package graph

// The GraphQL code in this package (*.generated.go, model/models_gen.go and the resolver
// stubs) is generated from ../schema/*.graphqls according to ../gqlgen.yml.
//go:generate go run ./codegen

//go:build !race

package graph

// raceDetector: see race_on_test.go.
const raceDetector = false

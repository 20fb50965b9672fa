//go:build !unix

package scan_test

// cpuSeconds is not measured here: core-use reads 0.
func cpuSeconds() float64 { return 0 }

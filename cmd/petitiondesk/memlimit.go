package main

import (
	"os"
	"runtime/debug"
)

// softMemoryLimit is the Go heap size the garbage collector works to
// stay under (debug.SetMemoryLimit): without it the heap may grow to
// twice what is live before a collection, and exports of a million rows
// would peak at twice what they need. It is soft: work that really needs
// more still gets it, the collector only runs more often.
const softMemoryLimit = 192 << 20

// limitMemory sets the soft limit unless GOMEMLIMIT already says one.
func limitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softMemoryLimit)
	}
}

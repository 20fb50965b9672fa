package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// version is the release this binary was built as. The Makefile stamps it
// from FyneApp.toml, the one place the version is written, with
// -ldflags "-X main.version=…"; a plain `go build` leaves it empty.
var version string

func init() {
	register(command{name: "version", summary: "print which version of Petition Desk this is", run: runVersion})
}

// buildVersion is the stamped version, or "dev" (with the commit, when Go
// recorded one) for a binary built without the Makefile. It is the one
// answer to "which version": `version` prints it, workbooks and bundles
// record it (cmd_export_xlsx.go, cmd_bundle.go) and the window gets it
// through ui.Config.
func buildVersion() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 7 {
				return "dev-" + s.Value[:7]
			}
		}
	}
	return "dev"
}

func runVersion(e *env, args []string) error {
	if _, err := e.parse(args, false); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Petition Desk %s (%s/%s, %s)\n", buildVersion(), runtime.GOOS, runtime.GOARCH, runtime.Version())
	return nil
}

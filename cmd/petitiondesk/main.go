// Command petitiondesk is Petition Desk: with no arguments it opens the
// window; with a subcommand it works on the command line (see `petitiondesk help`).
package main

import (
	"os"

	"github.com/petitiondesk/petitiondesk/ui"
)

func main() {
	privateUmask()
	limitMemory()
	if dir, ok := windowArgs(os.Args[1:]); ok {
		os.Exit(ui.Run(ui.Config{DataDir: dir, Version: buildVersion()}))
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

//go:build screenshots

package main

import (
	"fmt"
	"time"

	"github.com/petitiondesk/petitiondesk/ui"
)

// Only in a binary built with the "screenshots" tag (make screenshots):
// see ui/screenshots.go.
func init() {
	register(command{name: "screenshot", args: "--out DIR",
		summary: "render each main screen of the window to PNG, without a display", run: runScreenshot})
}

// runScreenshot draws the window's screens with Fyne's software
// renderer (not the OpenGL window this binary otherwise opens), so it
// runs headless. On a database without petitions it adds the example.
func runScreenshot(e *env, args []string) error {
	out := e.flags.String("out", "", "directory for the PNG files")
	if _, err := e.parse(args, false); err != nil {
		return err
	}
	if *out == "" {
		return usageError{"say where to put the pictures with --out DIR"}
	}
	s, err := e.open()
	if err != nil {
		return err
	}
	defer s.Close()
	now := time.Now()
	if list, err := s.Petitions(); err != nil {
		return err
	} else if len(list) == 0 {
		if _, err := s.CreateDemo(now); err != nil {
			return err
		}
	}
	files, err := ui.Screenshots(s, *out, now)
	for _, f := range files {
		fmt.Fprintln(e.stdout, f)
	}
	return err
}

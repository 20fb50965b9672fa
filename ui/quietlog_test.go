package ui

import (
	"bytes"
	"errors"
	"io"
	"log"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// TestQuietLogDropsFyneNoise: the two harmless Fyne reports vanish whole,
// every other report and line reaches stderr unchanged.
func TestQuietLogDropsFyneNoise(t *testing.T) {
	var out bytes.Buffer
	prevOut, prevFlags := log.Writer(), log.Flags()
	log.SetOutput(newQuietLog(&out))
	t.Cleanup(func() { log.SetOutput(prevOut); log.SetFlags(prevFlags) })

	fyne.LogError("Getting favorite locations", errors.New("this computer does not define a VIDEOS folder"))
	fyne.LogError("Preferences load error:", io.EOF)
	fyne.LogError("Preferences load error:", errors.New("permission denied"))
	log.Println("an ordinary line")
	fyne.LogError("closing the database", errors.New("disk full"))
	fyne.LogError("Preferences load error:", io.ErrUnexpectedEOF)

	got := out.String()
	for _, gone := range []string{"favorite", "VIDEOS", "EOF"} {
		if strings.Contains(got, gone) {
			t.Errorf("%q reached stderr:\n%s", gone, got)
		}
	}
	for _, kept := range []string{"Preferences load error:", "permission denied", "an ordinary line", "closing the database", "disk full"} {
		if !strings.Contains(got, kept) {
			t.Errorf("%q was dropped:\n%s", kept, got)
		}
	}
	if n := strings.Count(got, "  At: "); n != 2 {
		t.Errorf("%d At: lines, want 2 (the two real reports):\n%s", n, got)
	}
}

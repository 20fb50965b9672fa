//go:build screenshots

package main

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestScreenshot(t *testing.T) {
	data, out := t.TempDir(), t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"screenshot", "--data", data, "--out", out}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	files := strings.Fields(stdout.String())
	if len(files) < 6 {
		t.Fatalf("only %d pictures: %v", len(files), files)
	}
	for _, f := range files {
		r, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(r)
		r.Close()
		if err != nil || img.Bounds().Dx() < 1000 || filepath.Dir(f) != out {
			t.Errorf("%s: %v, %v", f, err, img.Bounds())
		}
	}
}

func TestScreenshotNeedsOut(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"screenshot", "--data", t.TempDir()}, nil, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "--out") {
		t.Errorf("exit %d, %q", code, stderr.String())
	}
}

// Package petitiondesk_test holds the checks that keep the module's layers
// apart: dependencies point one way, cmd → ui → desk → {store, scan, export} →
// petition, and only ui and cmd know Fyne. It replaces a grep in .ci/run so
// that `make test` fails on a wrong import wherever it is run.
package petitiondesk_test

import (
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/petitiondesk/petitiondesk/"

// layerRule says which of the module's packages a layer may import and
// which outside packages it must not.
type layerRule struct {
	pattern string   // the layer's packages, as go list takes them
	may     []string // module packages (prefixes, without the module path) it may import
	never   []string // outside import paths (prefixes) it must not pull in
}

var layerRules = []layerRule{
	{"./petition/...", []string{"petition"}, []string{"fyne.io/", "github.com/dgraph-io/badger"}},
	// diskspace, like petition, is a leaf: the room left on a disk.
	{"./diskspace", []string{"diskspace"}, []string{"fyne.io/", "github.com/dgraph-io/badger"}},
	{"./store/...", []string{"petition", "diskspace", "store"}, []string{"fyne.io/"}},
	{"./scan", []string{"petition", "scan"}, []string{"fyne.io/", "github.com/dgraph-io/badger"}},
	{"./export/...", []string{"petition", "diskspace", "export", "assets"}, []string{"fyne.io/", "github.com/dgraph-io/badger"}},
	// Each user action once, below both front ends; no Fyne.
	{"./desk/...", []string{"petition", "diskspace", "store", "scan", "export", "assets", "desk"}, []string{"fyne.io/"}},
	// The production window (built without the "screenshots" tag): no
	// test driver, no synthetic scans.
	{"./ui/...", []string{"petition", "diskspace", "store", "scan", "export", "assets", "desk", "ui"},
		[]string{"fyne.io/fyne/v2/test", module + "scan/scantest"}},
	// The program people install: the same.
	{"./cmd/...", []string{"petition", "diskspace", "store", "scan", "export", "assets", "desk", "ui", "cmd"},
		[]string{"fyne.io/fyne/v2/test", module + "scan/scantest"}},
}

// TestLayers lists each layer's production dependencies (no test files, the
// real build tags) and fails on any import its rule does not allow.
func TestLayers(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	for _, r := range layerRules {
		t.Run(strings.Trim(r.pattern, "./"), func(t *testing.T) {
			for _, dep := range listDeps(t, r.pattern) {
				if why := r.breaks(dep); why != "" {
					t.Errorf("%s imports %s: %s", r.pattern, dep, why)
				}
			}
		})
	}
}

func listDeps(t *testing.T, pattern string) []string {
	t.Helper()
	cmd := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", pattern)
	cmd.Env = append(cmd.Environ(), "CGO_ENABLED=1", "GOFLAGS=")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list %s: %v", pattern, err)
	}
	return strings.Fields(string(out))
}

// breaks says why dep is not allowed in the layer, or "" when it is.
func (r layerRule) breaks(dep string) string {
	for _, bad := range r.never {
		if strings.HasPrefix(dep, bad) {
			return "this layer must not depend on " + bad
		}
	}
	inside, ok := strings.CutPrefix(dep, module)
	if !ok {
		return ""
	}
	for _, good := range r.may {
		if inside == good || strings.HasPrefix(inside, good+"/") {
			return ""
		}
	}
	return "dependencies point cmd → ui → desk → {store, scan, export} → petition"
}

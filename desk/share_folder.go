package desk

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/petitiondesk/petitiondesk/store"
	"github.com/petitiondesk/petitiondesk/store/bundle"
)

// A group's window can write its bundle into a folder it shares with its
// coordinator (Nextcloud, Syncthing, a network drive) once a day while it
// is open; the coordinator collects the folder (Folder). The file always
// has the same name, so each day's bundle replaces the last, and it is
// written beside it under a hidden temporary name and renamed into place
// (WriteFile): sync tools never send half a bundle.

// SharedEvery is how often the bundle is written to the shared folder.
const SharedEvery = 24 * time.Hour

// SharedBundleName is the stable name of a group's bundle in the shared
// folder: its name, for people, and the start of its id, so two groups
// of the same name do not overwrite each other.
func SharedBundleName(g bundle.Group) string {
	name := strings.Trim(unsafeName.ReplaceAllString(strings.ToLower(g.Name), "-"), "-")
	if name == "" {
		name = "group"
	}
	return "petitiondesk-" + name + "-" + g.ID[:min(8, len(g.ID))] + ".bundle"
}

// unsafeName is what a file name on any system or sync tool had better
// not hold.
var unsafeName = regexp.MustCompile(`[^\p{L}\p{N}]+`)

// SharedBundleDue says whether the bundle is due: the setting is on and
// the last one was written SharedEvery ago or more (or never).
func SharedBundleDue(f store.SharedFolder, now time.Time) bool {
	return f.Dir != "" && (f.Last.IsZero() || now.Sub(f.Last) >= SharedEvery || now.Before(f.Last))
}

// WriteSharedBundle writes this group's bundle (all petitions, with
// signatures, encrypted to the coordinator's key when one is set) into
// the shared folder when it is due, or now with force, and records when.
// It returns the file written, or "" when none was due. It is audited as
// any bundle export.
func WriteSharedBundle(ctx context.Context, s *store.Store, appVersion string, force bool) (string, error) {
	f, err := s.SharedFolder()
	if err != nil || f.Dir == "" || !force && !SharedBundleDue(f, s.Now()) {
		return "", err
	}
	g, err := s.OwnGroup()
	if err != nil {
		return "", err
	}
	path := filepath.Join(f.Dir, SharedBundleName(g))
	opt := BundleOptions{Path: path, To: f.To, ExportOptions: store.ExportOptions{AppVersion: appVersion}}
	if _, err := ExportBundle(ctx, s, opt, nil); err != nil {
		return "", err
	}
	f.Last = s.Now()
	return path, s.SetSharedFolder(f)
}

package ui

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
	"github.com/petitiondesk/petitiondesk/store/bundle"
)

// groupBundle makes a group's database (named, with the demo petition)
// and writes its bundle to a file, through wrap when it encrypts.
func groupBundle(t *testing.T, name string, wrap func(io.Writer) (io.WriteCloser, error)) (string, *store.Store) {
	t.Helper()
	g, err := store.Open(store.Options{InMemory: true, Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	if _, err := g.SetGroupName(name); err != nil {
		t.Fatal(err)
	}
	if _, err := g.CreateDemo(testNow); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w := io.WriteCloser(coordPlainWriter{&buf})
	if wrap != nil {
		if w, err = wrap(&buf); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := g.ExportBundle(context.Background(), w, store.ExportOptions{}, nil); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "thun.bundle")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path, g
}

type coordPlainWriter struct{ io.Writer }

func (coordPlainWriter) Close() error { return nil }

// pickFiles makes the file dialogs answer with the given paths, in turn.
func pickFiles(t *testing.T, st *appState, bundles ...string) {
	t.Helper()
	fakeDialogs(st).bundlePath = func(_ fyne.Window, pick func(string)) {
		if len(bundles) == 0 {
			t.Fatal("a bundle was asked for once too often")
		}
		path := bundles[0]
		bundles = bundles[1:]
		pick(path)
	}
}

func newCoordinatorTest(t *testing.T) (*appState, *coordinatorScreen) {
	t.Helper()
	st, _ := newTestState(t, false)
	c := newCoordinatorScreen(st)
	show(st, c.content)
	return st, c
}

// checkTotalsByGroup: the lines add up to the store's totals, which the
// total line shows, and every group is on the screen.
func checkTotalsByGroup(t *testing.T, st *appState, c *coordinatorScreen, groups ...string) {
	t.Helper()
	want, err := st.store.Totals(c.p.ID)
	if err != nil {
		t.Fatal(err)
	}
	var sum petition.Totals
	for _, g := range c.data.byGroup {
		sum.Digital += g.Digital
		sum.Paper += g.Paper
		sum.Struck += g.Struck
		sum.Duplicates += g.Duplicates
	}
	want.PetitionID, want.Goal = "", 0
	if sum != want || len(c.data.byGroup) != len(groups) {
		t.Fatalf("lines %+v add up to %+v, the store says %+v", c.data.byGroup, sum, want)
	}
	texts := strings.Join(windowTexts(st.win), "|")
	for _, g := range groups {
		if !strings.Contains(texts, g) {
			t.Errorf("group %q is not on the screen", g)
		}
	}
	if !strings.Contains(texts, "Total|") || !strings.Contains(texts, "|"+strconv.Itoa(want.Valid())+"|") {
		t.Errorf("no total line with %d valid signatures", want.Valid())
	}
}

func TestCoordinatorImportTotalsAndDuplicates(t *testing.T) {
	path, _ := groupBundle(t, "Group Thun", nil)
	st, c := newCoordinatorTest(t)
	c.name.SetText("National office")
	test.Tap(c.saveName)
	pickFiles(t, st, path, path)

	test.Tap(c.importBtn)
	if c.failed != "" || !strings.Contains(c.lastReport, "Signatures: 36 added") || !strings.Contains(c.lastReport, "Group Thun") {
		t.Fatalf("report %q, problem %q", c.lastReport, c.failed)
	}
	if c.p == nil {
		t.Fatal("the imported petition did not become the current one")
	}
	checkTotalsByGroup(t, st, c, "Group Thun")
	if rs, _ := st.store.Receipts(); len(rs) != 1 || !strings.Contains(strings.Join(windowTexts(st.win), "|"), bundleContents(rs[0])) {
		t.Errorf("the last bundle is not listed: %+v", rs)
	}

	// Signed here too, once by a person Thun has: two groups, a duplicate.
	for i, who := range []string{"Anna Schmid", "Lena Keller"} {
		sig := &petition.Signature{Name: who, Address: petition.Address{Street: "Marktgasse 3", Postcode: "3011", City: "Bern", Country: "Switzerland"},
			Strokes: store.DemoStrokes(who, i), Signed: testNow}
		if err := st.store.AddSignature(c.p.ID, sig); err != nil {
			t.Fatal(err)
		}
	}
	c.load()
	checkTotalsByGroup(t, st, c, "Group Thun", "National office (this database)")
	before, _ := st.store.TotalsByGroup(c.p.ID)

	t.Run("twice changes nothing", func(t *testing.T) {
		test.Tap(c.importBtn)
		if !strings.Contains(c.lastReport, "imported before: nothing changed") {
			t.Fatalf("second import: %q", c.lastReport)
		}
		after, _ := st.store.TotalsByGroup(c.p.ID)
		if !reflect.DeepEqual(before, after) {
			t.Fatalf("totals changed: %+v -> %+v", before, after)
		}
	})

	t.Run("duplicates only on demand", func(t *testing.T) {
		assertNowhere(t, st.win, "Anna Schmid")
		if c.showDups.Disabled() {
			t.Fatal("duplicates flagged but the button is disabled")
		}
		test.Tap(c.showDups)
		if c.dups == nil {
			t.Fatal("no list of duplicates")
		}
		anna := 0
		for _, l := range c.dups.lines {
			if strings.Contains(petition.Fold(l.text), "anna schmid") && strings.Contains(l.text, "3011 Bern") {
				anna++
			}
		}
		if anna < 3 { // two in the demo, one signed here
			t.Errorf("Anna Schmid's rows: %d in %v", anna, c.dups.lines)
		}
		seen, err := st.store.AuditEntries(store.AuditFilter{Action: store.ActionDuplicates}, 10)
		if err != nil || len(seen) != 1 || seen[0].PetitionID != c.p.ID || seen[0].Count == 0 {
			t.Errorf("showing names and addresses left no audit entry: %+v, %v", seen, err)
		}
		c.showOverview()
		if c.dups != nil {
			t.Error("the list stays after Back")
		}
	})
}

func TestCoordinatorRefusesBadBundles(t *testing.T) {
	path, _ := groupBundle(t, "Group Thun", nil)
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, want string
		data       func() []byte
	}{
		{"one flipped byte", "damaged", func() []byte {
			b := bytes.Clone(good)
			b[len(b)/2] ^= 0x40
			return b
		}},
		{"truncated", "not a Petition Desk bundle", func() []byte { return good[:len(good)*2/3] }},
		{"not a bundle", "not a Petition Desk bundle", func() []byte { return []byte("Kramgasse 12, 3011 Bern\n") }},
		{"newer format", "newer Petition Desk", func() []byte {
			return bytes.Replace(good, []byte(bundle.FormatName+" 2 sha256:"), []byte(bundle.FormatName+" 3 sha256:"), 1)
		}},
		{"older format", "must update its app", func() []byte {
			return bytes.Replace(good, []byte(bundle.FormatName+" 2 sha256:"), []byte(bundle.FormatName+" 1 sha256:"), 1)
		}},
		{"tampered signature", "signature does not match", func() []byte {
			b := bytes.Clone(good)
			i := bytes.LastIndex(b, []byte(" ed25519:")) + 12
			b[i] = "01"[(b[i]-'0'+1)%2]
			return b
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			bad := filepath.Join(t.TempDir(), "bad.bundle")
			if err := os.WriteFile(bad, tc.data(), 0o600); err != nil {
				t.Fatal(err)
			}
			st, c := newCoordinatorTest(t)
			pickFiles(t, st, bad)
			test.Tap(c.importBtn)
			if !strings.Contains(c.failed, tc.want) || !strings.Contains(dialogText(st.win), c.failed) {
				t.Fatalf("message %q (dialog %q), want one with %q", c.failed, dialogText(st.win), tc.want)
			}
			if strings.Count(c.failed, ".") != 1 || !strings.HasSuffix(c.failed, ".") || strings.Contains(c.failed, "\n") {
				t.Errorf("not one plain sentence: %q", c.failed)
			}
			ps, _ := st.store.Petitions()
			gs, _ := st.store.Groups()
			rs, _ := st.store.Receipts()
			if len(ps)+len(gs)+len(rs) != 0 {
				t.Errorf("a refused bundle changed the database: %d petitions, %d groups, %d receipts", len(ps), len(gs), len(rs))
			}
		})
	}
}

// Cancel while the import writes: it rolls back, the database is as before.
func TestCoordinatorCancelRollsBack(t *testing.T) {
	path, _ := groupBundle(t, "Group Thun", nil)
	st, c := newCoordinatorTest(t)
	pickFiles(t, st, path)
	c.progressSeen = func(done, total int) {
		if done >= total/2 && c.imp != nil && !c.imp.cancel.Disabled() { // checked: now it writes
			test.Tap(c.imp.cancel)
		}
	}
	test.Tap(c.importBtn)
	if !strings.Contains(c.failed, "cancelled: nothing was changed") {
		t.Fatalf("message %q, report %q", c.failed, c.lastReport)
	}
	if ps, _ := st.store.Petitions(); len(ps) != 0 {
		t.Fatalf("a cancelled import left %d petitions", len(ps))
	}
}

// The key made on the screen opens a bundle encrypted to its public key,
// without asking again; another key is refused in plain words.
func TestCoordinatorKeyOpensEncryptedBundles(t *testing.T) {
	st, c := newCoordinatorTest(t)
	keyFile := filepath.Join(t.TempDir(), "coordinator.key")
	fakeDialogs(st).keySave = func(_ fyne.Window, name string, save func(string, io.WriteCloser)) {
		if !strings.HasSuffix(name, ".key") {
			t.Errorf("proposed name %q", name)
		}
		f, err := os.Create(keyFile)
		if err != nil {
			t.Fatal(err)
		}
		save(keyFile, f)
	}
	test.Tap(c.keyBtn)
	tapDialogButton(t, st.win, "Create and save…")
	public := ""
	for _, s := range windowTexts(st.win) {
		if strings.HasPrefix(s, "age1") {
			public = s
		}
	}
	if public == "" {
		t.Fatalf("no public key shown: %q", dialogText(st.win))
	}
	if fi, err := os.Stat(keyFile); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file %v %v, want mode 0600", fi, err)
	}
	tapDialogButton(t, st.win, "Copy")
	if got := st.app.Clipboard().Content(); got != public {
		t.Errorf("clipboard %q, want the public key", got)
	}
	if c.data.key.public != public {
		t.Errorf("the screen shows the key %q, want %q", c.data.key.public, public)
	}

	path, _ := groupBundle(t, "Group Thun", func(w io.Writer) (io.WriteCloser, error) { return bundle.EncryptTo(w, public) })
	pickFiles(t, st, path)
	test.Tap(c.importBtn)
	if c.failed != "" || !strings.Contains(c.lastReport, "Signatures: 36 added") {
		t.Fatalf("encrypted import: report %q, problem %q", c.lastReport, c.failed)
	}

	t.Run("another key", func(t *testing.T) {
		text, other, err := bundle.NewKey(testNow)
		if err != nil {
			t.Fatal(err)
		}
		otherFile := filepath.Join(t.TempDir(), "other.key")
		if err := os.WriteFile(otherFile, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		path, _ := groupBundle(t, "Group Bern", func(w io.Writer) (io.WriteCloser, error) { return bundle.EncryptTo(w, other) })
		pickFiles(t, st, path, path)
		fakeDialogs(st).keyPath = func(_ fyne.Window, pick func(string)) { pick(keyFile) }
		// The saved key does not fit: it asks; the wrong key chosen is refused.
		test.Tap(c.importBtn)
		tapDialogButton(t, st.win, "Choose key file")
		if !strings.Contains(c.failed, "another coordinator's key") {
			t.Fatalf("message %q", c.failed)
		}
		// The right key chosen: imported, and remembered for next time.
		fakeDialogs(st).keyPath = func(_ fyne.Window, pick func(string)) { pick(otherFile) }
		test.Tap(c.importBtn)
		tapDialogButton(t, st.win, "Choose key file")
		if !strings.Contains(c.lastReport, "Group Bern") {
			t.Fatalf("report %q, problem %q", c.lastReport, c.failed)
		}
		if got := st.app.Preferences().String(prefCoordinatorKey); got != otherFile {
			t.Errorf("remembered key %q, want %q", got, otherFile)
		}
	})
}

func TestCoordinatorPassphraseBundle(t *testing.T) {
	const pass = "correct horse battery"
	path, _ := groupBundle(t, "Group Thun", func(w io.Writer) (io.WriteCloser, error) { return bundle.EncryptWithPassphrase(w, pass) })
	st, c := newCoordinatorTest(t)
	pickFiles(t, st, path, path)
	for _, try := range []struct{ pass, want string }{{"wrong horse battery", "passphrase does not open"}, {pass, ""}} {
		c.failed, c.lastReport = "", ""
		test.Tap(c.importBtn)
		var entry *widget.Entry
		for _, o := range allObjects(st.win.Canvas().Overlays().Top()) {
			if e, ok := o.(*widget.Entry); ok && e.Password {
				entry = e
			}
		}
		if entry == nil {
			t.Fatalf("no passphrase asked: %q", dialogText(st.win))
		}
		entry.SetText(try.pass)
		tapDialogButton(t, st.win, "Open")
		if try.want != "" && !strings.Contains(c.failed, try.want) {
			t.Fatalf("message %q, want %q", c.failed, try.want)
		}
		if try.want == "" && !strings.Contains(c.lastReport, "Signatures: 36 added") {
			t.Fatalf("report %q, problem %q", c.lastReport, c.failed)
		}
	}
}

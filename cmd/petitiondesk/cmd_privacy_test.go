package main

import (
	"bytes"
	"encoding/json"
	"go/parser"
	"go/token"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

func mustCLI(t *testing.T, args ...string) string {
	t.Helper()
	code, out, stderr := cli(t, args...)
	if code != 0 {
		t.Fatalf("%v: exit %d: %s", args, code, stderr)
	}
	return out
}

func TestFindEraseAuditCLI(t *testing.T) {
	dir := t.TempDir()
	mustCLI(t, "demo", "--data", dir)
	var found []store.PersonMatch
	json.Unmarshal([]byte(mustCLI(t, "find", "КАЛЕСНІКАВА", "--json", "--data", dir)), &found)
	if len(found) != 1 || found[0].Name != "Марыя Калеснікава" {
		t.Fatalf("find: %+v", found)
	}
	if out := mustCLI(t, "find", "muller", "zoe", "--data", dir); !strings.Contains(out, "Zoë Müller-Lüdenscheidt") || !strings.Contains(out, "SIGNATURE ID") {
		t.Fatalf("find table: %q", out)
	}
	export := filepath.Join(t.TempDir(), "person.json")
	mustCLI(t, "find", "Калеснікава", "--export", export, "--data", dir)
	var pe store.PersonExport
	b, _ := os.ReadFile(export)
	if json.Unmarshal(b, &pe) != nil || len(pe.Signatures) != 1 || pe.Signatures[0].Strokes == nil || !strings.Contains(pe.Signatures[0].Petition, "UA 147/20") {
		t.Fatalf("export: %s", b)
	}
	if fi, _ := os.Stat(export); fi.Mode().Perm() != 0o600 {
		t.Fatalf("the export is readable by others: %v", fi.Mode())
	}
	var schmid []store.PersonMatch
	json.Unmarshal([]byte(mustCLI(t, "find", "schmid", "--json", "--data", dir)), &schmid)
	one := filepath.Join(t.TempDir(), "one.json")
	mustCLI(t, "find", "schmid", "--export", one, "--ids", schmid[1].SignatureID, "--data", dir)
	if b, _ := os.ReadFile(one); !strings.Contains(string(b), "ANNA SCHMID") || strings.Contains(string(b), "Anna Schmid") {
		t.Fatalf("--ids: %s", b)
	}
	ids := found[0].SignatureID + "," + schmid[0].SignatureID + "," + schmid[1].SignatureID
	if out := mustCLI(t, "erase", "--signature", ids, "--data", dir); strings.Count(out, "withdrawn") != 3 {
		t.Fatalf("erase: %q", out)
	}
	if out := mustCLI(t, "find", "калеснікава", "--data", dir); !strings.Contains(out, "no signature matches") {
		t.Fatalf("found after erasure: %q", out)
	}
	if out := mustCLI(t, "totals", "--json", "--data", dir); !strings.Contains(out, `"digital": 32`) || !strings.Contains(out, `"struck": 4`) {
		t.Fatalf("totals after erasure: %s", out)
	}
	var entries []store.AuditEntry
	json.Unmarshal([]byte(mustCLI(t, "audit", "--json", "--data", dir)), &entries)
	var actions []string
	for _, e := range entries {
		actions = append(actions, e.Action)
	}
	if got := strings.Join(actions, " "); !strings.Contains(got, "find find find export-person find find export-person erase erase erase find") {
		t.Fatalf("audit actions: %s", got)
	}
	if out := mustCLI(t, "audit", "--csv", "--action", "erase", "--data", dir); strings.Count(out, "\n") != 4 || !strings.Contains(out, "UA 147/20") {
		t.Fatalf("audit csv: %q", out)
	}
	if out := mustCLI(t, "retention", "--data", dir); !strings.Contains(out, "kept until delivery, then 30 days") {
		t.Fatalf("retention: %q", out)
	}
	if out := mustCLI(t, "erase", "--due", "--data", dir); !strings.Contains(out, "no petition is due") {
		t.Fatalf("erase --due: %q", out)
	}
	mustCLI(t, "erase", "--petition", "UA 147/20", "--now", "--yes", "--data", dir)
	if out := mustCLI(t, "find", "muller", "--data", dir); !strings.Contains(out, "no signature matches") {
		t.Fatalf("found after erasing the petition: %q", out)
	}
}

func TestEraseUsage(t *testing.T) {
	dir := t.TempDir()
	mustCLI(t, "demo", "--data", dir)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"erase"}, 2, "say what to erase"},
		{[]string{"erase", "--due", "--signature", "x"}, 2, "say what to erase"},
		{[]string{"erase", "--petition", "UA 147/20"}, 2, "needs --now"},
		{[]string{"erase", "--petition", "UA 147/20", "--now"}, 2, "add --yes"},
		{[]string{"erase", "--signature", "nope"}, 1, "signature nope: not found: no such signature"},
		{[]string{"find"}, 2, "give the name"},
		{[]string{"find", "x"}, 2, "at least two letters"},
		{[]string{"passphrase", "change"}, 1, "not encrypted"},
		{[]string{"passphrase", "reset"}, 2, "recovery key file"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Setenv("PETITIONDESK_PASSPHRASE", "")
			t.Setenv("PETITIONDESK_NEW_PASSPHRASE", "a new passphrase")
			code, _, stderr := cli(t, append(tt.args, "--data", dir)...)
			if code != tt.code || !strings.Contains(stderr, tt.want) || strings.Count(stderr, "\n") != 1 {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
		})
	}
}

func TestPassphraseCLI(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("PETITIONDESK_PASSPHRASE", "first passphrase")
	if _, _, stderr := cli(t, "demo", "--data", dir); strings.Contains(stderr, "not encrypted") {
		t.Fatalf("an encrypted database is not encrypted? %q", stderr)
	}
	rk := filepath.Join(t.TempDir(), "recovery.txt")
	mustCLI(t, "passphrase", "recovery-key", rk, "--data", dir)
	t.Setenv("PETITIONDESK_NEW_PASSPHRASE", "second passphrase")
	mustCLI(t, "passphrase", "change", "--data", dir)
	t.Setenv("PETITIONDESK_PASSPHRASE", "second passphrase")
	mustCLI(t, "totals", "--data", dir)
	// Lost: reset with the recovery key, the new passphrase typed on stdin.
	t.Setenv("PETITIONDESK_PASSPHRASE", "")
	t.Setenv("PETITIONDESK_NEW_PASSPHRASE", "")
	var out, errb bytes.Buffer
	if code := run([]string{"passphrase", "reset", "--recovery-key", rk, "--data", dir}, strings.NewReader("third passphrase\n"), &out, &errb); code != 0 {
		t.Fatalf("reset: %s", errb.String())
	}
	// Old and new typed on stdin, one line each.
	if code := run([]string{"passphrase", "change", "--data", dir}, strings.NewReader("third passphrase\nfourth passphrase\n"), &out, &errb); code != 0 {
		t.Fatalf("change from stdin: %s", errb.String())
	}
	t.Setenv("PETITIONDESK_PASSPHRASE", "fourth passphrase")
	if out := mustCLI(t, "totals", "--data", dir); !strings.Contains(out, "62") {
		t.Fatalf("totals: %q", out)
	}
}

func TestNewDatabaseNotEncryptedNote(t *testing.T) {
	t.Setenv("PETITIONDESK_PASSPHRASE", "")
	dir := t.TempDir()
	code, _, stderr := cli(t, "demo", "--data", dir)
	if code != 0 || !strings.Contains(stderr, "the new database in "+dir+" is not encrypted: set PETITIONDESK_PASSPHRASE") {
		t.Fatalf("no note: %q", stderr)
	}
	if _, _, stderr := cli(t, "totals", "--data", dir); stderr != "" {
		t.Fatalf("a database with data gets the note again: %q", stderr)
	}
}

// The log test: the demo and every command, at the most verbose
// log level, and no signer's personal data in stdout, stderr or the log,
// except in `find`'s stdout, which prints what it was asked for.
func TestNoPersonalDataInOutputOrLogs(t *testing.T) {
	var logs bytes.Buffer
	log.SetOutput(&logs)
	defer log.SetOutput(os.Stderr)
	store.SetVerboseLog(true)
	defer store.SetVerboseLog(false)
	t.Setenv("PETITIONDESK_PASSPHRASE", "")
	t.Setenv("PETITIONDESK_NEW_PASSPHRASE", "a new passphrase")
	dir, tmp := t.TempDir(), t.TempDir()
	f := func(name string) string { return filepath.Join(tmp, name) }
	personal := store.DemoPersonalData()
	check := func(what, text string) {
		t.Helper()
		for _, p := range personal {
			if strings.Contains(text, p) {
				t.Errorf("%s shows %q", what, p)
			}
		}
	}
	step := func(args ...string) (string, string) {
		t.Helper()
		code, out, stderr := cli(t, append(args, "--data", dir)...)
		t.Logf("%v: exit %d %s", args, code, strings.TrimSpace(stderr))
		if args[0] != "find" {
			check(strings.Join(args, " ")+": stdout", out)
		}
		check(strings.Join(args, " ")+": stderr", stderr)
		return out, stderr
	}
	step("demo")
	out, _ := step("find", "anna", "schmid", "--json")
	var found []store.PersonMatch
	json.Unmarshal([]byte(out), &found)
	if len(found) != 2 {
		t.Fatalf("find: %q", out)
	}
	known := map[string][][]string{
		"petitions":               {{}, {"--json"}},
		"totals":                  {{"--json"}},
		"sign":                    {{"--petition", "UA 147/20", "--name", "Zoë Müller-Lüdenscheidt", "--street", "Bahnhofstrasse 12", "--postcode", "8001", "--city", "Zürich", "--country", "Switzerland"}},
		"export xlsx":             {{"--out", f("s.xlsx"), "--personal-data"}, {"--out", f("t.xlsx")}},
		"export csv":              {{"--out", f("t.csv")}},
		"export bundle":           {{"--out", f("b.pdbundle")}, {"--out", f("c.pdbundle"), "--counts-only"}},
		"import bundle":           {{f("b.pdbundle")}, {"--json", f("b.pdbundle")}},
		"backup":                  {{f("all.backup")}},
		"restore":                 {{f("all.backup")}, {f("all.backup"), "--replace"}},
		"demo":                    {}, // ran first
		"find":                    {{"Müller"}, {"калеснікава", "--export", f("p.json")}},
		"erase":                   {{"--signature", found[0].SignatureID}, {"--due"}, {"--petition", "UA 147/20", "--now", "--yes"}},
		"retention":               {{}, {"--json"}},
		"audit":                   {{}, {"--json"}, {"--csv"}},
		"passphrase change":       {{}},
		"passphrase recovery-key": {{f("rk.txt")}},
		"passphrase reset":        {{"--recovery-key", f("rk.txt")}},
		"keygen":                  {{"--out", f("key.txt")}},
		"group":                   {{}},
		"groups":                  {{"--json"}},
		"screenshot":              {{"--out", f("shots")}},
	}
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	// Erasures last, so every other command meets the names.
	sort.Slice(names, func(i, j int) bool {
		if (names[i] == "erase") != (names[j] == "erase") {
			return names[j] == "erase"
		}
		return names[i] < names[j]
	})
	for _, n := range names {
		variants, ok := known[n]
		if !ok { // a command added since: run it plainly and with a file
			variants = [][]string{{}, {f("x.out")}, {"--out", f("x.out")}}
		}
		for _, v := range variants {
			step(append(strings.Fields(n), v...)...)
		}
	}
	check("the log", logs.String())
	if !strings.Contains(logs.String(), "badger") {
		t.Fatalf("the most verbose log level logged nothing from Badger: %q", logs.String())
	}
}

// Every command applies retention when it opens the database, as the
// window does at start, and says what it erased.
func TestRetentionAtStartCLI(t *testing.T) {
	t.Setenv("PETITIONDESK_PASSPHRASE", "")
	dir := t.TempDir()
	mustCLI(t, "demo", "--data", dir)
	s, err := store.Open(store.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	list, _ := s.Petitions()
	p := list[0]
	p.Status, p.DeliveredOn = petition.StatusDelivered, petition.DateOf(time.Now().AddDate(0, 0, -31))
	if err := s.UpdatePetition(&p); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, _, stderr := cli(t, "totals", "--data", dir)
	if !strings.Contains(stderr, "UA 147/20: the retention time after delivery ran out: erased the personal data of 36 signatures") {
		t.Fatalf("no word of the erasure: %q", stderr)
	}
	if out := mustCLI(t, "retention", "--data", dir); !strings.Contains(out, "personal data erased") {
		t.Fatalf("retention: %q", out)
	}
	if out := mustCLI(t, "totals", "--json", "--data", dir); !strings.Contains(out, `"digital": 35`) {
		t.Fatalf("the counts should remain: %s", out)
	}
	if out := mustCLI(t, "find", "schmid", "--data", dir); !strings.Contains(out, "no signature matches") {
		t.Fatalf("found after retention: %q", out)
	}
	if out := mustCLI(t, "erase", "--due", "--data", dir); !strings.Contains(out, "no petition is due") {
		t.Fatalf("erase --due: %q", out)
	}
}

// The README promises that Petition Desk's own code makes no network
// connection: none of its files imports a network library.
func TestNoNetworkCode(t *testing.T) {
	banned := map[string]bool{"net": true, "net/http": true, "net/rpc": true, "net/smtp": true, "crypto/tls": true}
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			if p := strings.Trim(imp.Path.Value, `"`); banned[p] {
				t.Errorf("%s imports %s", path, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

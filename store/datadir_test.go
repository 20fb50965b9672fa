package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestDataDirFor(t *testing.T) {
	for _, tc := range []struct {
		goos string
		env  map[string]string
		want string // "" when an error is expected
	}{
		{"windows", map[string]string{"AppData": `C:\Users\Vreni\AppData\Roaming`, "HOME": "/ignored"}, `C:\Users\Vreni\AppData\Roaming\petitiondesk`},
		{"windows", map[string]string{"AppData": `D:\Profiles\Anna Müller\`}, `D:\Profiles\Anna Müller\petitiondesk`},
		{"windows", map[string]string{"HOME": `C:\Users\Vreni`, "USERPROFILE": `C:\Users\Vreni`}, ""},
		{"linux", map[string]string{"HOME": "/home/vreni"}, "/home/vreni/.config/petitiondesk"},
		{"linux", map[string]string{"HOME": "/home/vreni", "XDG_CONFIG_HOME": "/srv/conf"}, "/srv/conf/petitiondesk"},
		{"linux", map[string]string{"HOME": "/home/vreni", "XDG_CONFIG_HOME": "conf"}, "/home/vreni/.config/petitiondesk"},
		{"linux", map[string]string{"AppData": `C:\x`}, ""},
		{"freebsd", map[string]string{"HOME": "/usr/home/v"}, "/usr/home/v/.config/petitiondesk"},
		{"darwin", map[string]string{"HOME": "/Users/vreni"}, "/Users/vreni/Library/Application Support/petitiondesk"},
		{"darwin", map[string]string{}, ""},
	} {
		t.Run(fmt.Sprintf("%s %v", tc.goos, tc.env), func(t *testing.T) {
			got, err := dataDirFor(tc.goos, func(k string) string { return tc.env[k] })
			switch {
			case tc.want == "" && err == nil:
				t.Errorf("got %q, want an error", got)
			case tc.want == "" && (!errors.Is(err, ErrNoDataDir) || strings.Contains(err.Error(), "--")):
				t.Errorf("got %v, want ErrNoDataDir, worded without a command-line flag", err)
			case tc.want != "" && (err != nil || got != tc.want):
				t.Errorf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

// TestDataDirForAgreesWithGo keeps the written-out rule honest against
// the standard library on the machine the tests run on.
func TestDataDirForAgreesWithGo(t *testing.T) {
	for _, env := range []map[string]string{
		{"HOME": "/home/vreni", "XDG_CONFIG_HOME": "", "AppData": `C:\Users\Vreni\AppData\Roaming`},
		{"HOME": "/home/vreni", "XDG_CONFIG_HOME": "/srv/conf", "AppData": `C:\Users\Vreni\AppData\Roaming`},
	} {
		for k, v := range env {
			t.Setenv(k, v)
		}
		base, err := os.UserConfigDir()
		if err != nil {
			t.Fatal(err)
		}
		got, err := DefaultDir()
		if want := filepath.Join(base, "petitiondesk"); err != nil || got != want {
			t.Errorf("%s %v: DefaultDir %q, %v; os.UserConfigDir gives %q", runtime.GOOS, env, got, err, want)
		}
	}
}

// TestLockErrorOnEverySystem: Badger says "already in use" in different
// words on Unix (flock) and on Windows (a LOCK file opened unshared);
// both must become AlreadyOpenError, so a second window on a Windows
// laptop explains itself instead of showing Badger's text.
func TestLockErrorOnEverySystem(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want bool
	}{
		{"unix flock", errors.New(`Cannot acquire directory lock on "/home/v/.config/petitiondesk".  Another process is using this Badger database.: resource temporarily unavailable`), true},
		{"windows LOCK file", errors.New(`Cannot create lock file "C:\\Users\\V\\AppData\\Roaming\\petitiondesk\\LOCK".  Another process is using this Badger database: The process cannot access the file because it is being used by another process.`), true},
		{"something else", errors.New("while opening memtables error: permission denied"), false},
		{"no error", nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := isLockError(tc.err); got != tc.want {
				t.Errorf("isLockError = %v, want %v", got, tc.want)
			}
		})
	}
}

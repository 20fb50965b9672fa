package store

import (
	"errors"
	"fmt"
	"os"
	"path"
	"runtime"
	"strings"
)

// DefaultDir returns the data directory used when --data is not given:
// the user's configuration directory, e.g. ~/.config/petitiondesk on Linux
// and %AppData%\petitiondesk on Windows.
func DefaultDir() (string, error) { return dataDirFor(runtime.GOOS, os.Getenv) }

// dataDirFor chooses the data directory for an operating system from its
// environment. It is the rule os.UserConfigDir applies, written out as a
// pure function so that the Windows and macOS choices are tested on any
// machine (a test checks it agrees with os.UserConfigDir where it runs).
func dataDirFor(goos string, getenv func(string) string) (string, error) {
	const name = "petitiondesk"
	switch goos {
	case "windows":
		base := getenv("AppData")
		if base == "" {
			return "", fmt.Errorf("%w: %%AppData%% is not set", ErrNoDataDir)
		}
		return strings.TrimRight(base, `\/`) + `\` + name, nil
	case "darwin", "ios":
		home := getenv("HOME")
		if home == "" {
			return "", errNoHome
		}
		return path.Join(home, "Library", "Application Support", name), nil
	case "plan9":
		home := getenv("home")
		if home == "" {
			return "", errNoHome
		}
		return path.Join(home, "lib", name), nil
	}
	// Linux and the BSDs follow the XDG rule: $XDG_CONFIG_HOME when it is
	// an absolute path (a relative one is to be ignored), else ~/.config.
	if x := getenv("XDG_CONFIG_HOME"); strings.HasPrefix(x, "/") {
		return path.Join(x, name), nil
	}
	home := getenv("HOME")
	if home == "" {
		return "", errNoHome
	}
	return path.Join(home, ".config", name), nil
}

// ErrNoDataDir says the system names no place for the data directory;
// the caller asks for one (the command line's --data).
var ErrNoDataDir = errors.New("the system names no place for the data")

var errNoHome = fmt.Errorf("%w: no home directory ($HOME is not set)", ErrNoDataDir)

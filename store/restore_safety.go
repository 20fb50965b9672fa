package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// safetyTempPattern names, in the data directory's parent, the temporary
// file of a safety backup being written: one a crash left is removed by
// the next Open (recoverRestore), under the restore lock.
func safetyTempPattern(dir string) string {
	return filepath.Base(stagingFor(dir).prefix) + ".safety-*"
}

// safetyBackup writes a backup of the whole database beside the data
// directory before a restore replaces it, and returns its path. Its name
// holds the time to the nanosecond and, should that be taken, a counter:
// it never replaces an earlier safety backup (the name is claimed with a
// hard link or an exclusive create, never a plain rename over a file).
// Callers hold the restore lock.
func (s *Store) safetyBackup() (string, error) {
	st := stagingFor(s.dir)
	tmp, err := os.CreateTemp(st.parent, safetyTempPattern(s.dir))
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	if err := s.Backup(tmp); err != nil {
		tmp.Close()
		return "", err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return "", err
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	return claimName(tmp.Name(), filepath.Join(st.parent, "petitiondesk-before-restore-"+s.now().Format("20060102-150405.000000000")))
}

// claimName gives the finished file tmp the name base+".backup" (or
// base+"-2.backup", …) without ever replacing an existing file.
func claimName(tmp, base string) (string, error) {
	for i := 1; i < 1000; i++ {
		path := base + ".backup"
		if i > 1 {
			path = fmt.Sprintf("%s-%d.backup", base, i)
		}
		err := os.Link(tmp, path)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			// No hard links here (FAT, some network shares): claim the
			// name with an exclusive create, then rename over our own file.
			f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
			if errors.Is(err, fs.ErrExist) {
				continue
			}
			if err != nil {
				return "", err
			}
			f.Close()
			if err := os.Rename(tmp, path); err != nil {
				os.Remove(path)
				return "", err
			}
		}
		syncDir(filepath.Dir(path))
		return path, nil
	}
	return "", errors.New("too many safety backups with the same name")
}

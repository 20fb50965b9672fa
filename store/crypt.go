package store

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/crypto/argon2"
)

// keyFileName holds the key-derivation salt and parameters beside the data.
// It holds no secret: without the passphrase the salt is useless.
const keyFileName = "petitiondesk-key.json"

// kdfParams records how the Badger encryption key was derived, so the
// parameters can be raised later without breaking old databases.
type kdfParams struct {
	Version int    `json:"version"`
	KDF     string `json:"kdf"` // "argon2id"
	Salt    []byte `json:"salt"`
	Time    uint32 `json:"time"`
	Memory  uint32 `json:"memory_kib"`
	Threads uint8  `json:"threads"`
}

// newKDFParams picks Argon2id settings that take a fraction of a second on
// a laptop (RFC 9106's second recommended option, with 64 MiB).
func newKDFParams() (kdfParams, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return kdfParams{}, err
	}
	return kdfParams{Version: 1, KDF: "argon2id", Salt: salt, Time: 3, Memory: 64 * 1024, Threads: 2}, nil
}

// key derives the 32-byte AES-256 key Badger encrypts with.
func (k kdfParams) key(passphrase string) []byte {
	return argon2.IDKey([]byte(passphrase), k.Salt, k.Time, k.Memory, k.Threads, 32)
}

// readKDFParams returns the parameters of an encrypted database, or
// ok=false for a database without encryption.
func readKDFParams(dir string) (k kdfParams, ok bool, err error) {
	b, err := os.ReadFile(filepath.Join(dir, keyFileName))
	if errors.Is(err, os.ErrNotExist) {
		return k, false, nil
	}
	if err != nil {
		return k, false, err
	}
	if err := json.Unmarshal(b, &k); err != nil || k.KDF != "argon2id" || len(k.Salt) < 16 {
		return k, false, fmt.Errorf("the key file %s is damaged", keyFileName)
	}
	return k, true, nil
}

// writeKDFParams saves the parameters durably before any encrypted data exists.
func writeKDFParams(dir string, k kdfParams) error {
	b, _ := json.MarshalIndent(k, "", "  ")
	return writeFileSync(filepath.Join(dir, keyFileName), b)
}

// writeFileSync writes a small file and fsyncs it and its directory.
func writeFileSync(path string, b []byte) error {
	if err := writeSynced(path, os.O_TRUNC, b); err != nil {
		return err
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// isEmptyDir reports whether dir is missing or has no entries, i.e. a
// database would be new.
func isEmptyDir(dir string) bool {
	entries, err := os.ReadDir(dir)
	return err != nil || len(entries) == 0
}

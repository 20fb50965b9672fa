package bundle

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"filippo.io/age"
)

// ageHeader starts every age-encrypted file.
const ageHeader = "age-encryption.org/v1\n"

// Keys are what may open an encrypted bundle: the coordinator's secret
// keys (from a key file) and/or a passphrase.
type Keys struct {
	Identities []age.Identity
	Passphrase string
}

// EncryptTo wraps w so that what is written is encrypted to the age
// public key recipient ("age1…", as printed by keygen). Close the result
// to finish the file.
func EncryptTo(w io.Writer, recipient string) (io.WriteCloser, error) {
	r, err := age.ParseX25519Recipient(strings.TrimSpace(recipient))
	if err != nil {
		return nil, fmt.Errorf("%q is not a coordinator's public key (it starts with age1): %v", recipient, err)
	}
	return age.Encrypt(w, r)
}

// ScryptWorkFactor is the log2 of the scrypt work factor a passphrase
// is stretched with (age's default: about a second and 256 MB). A file
// asking for more was not written by Petition Desk and is refused before
// any key is derived: 2^22 costs half a minute and 4 GB of memory.
const ScryptWorkFactor = 18

// EncryptWithPassphrase wraps w so that what is written is encrypted with
// a passphrase (age's scrypt). Close the result to finish the file.
func EncryptWithPassphrase(w io.Writer, passphrase string) (io.WriteCloser, error) {
	if len([]rune(passphrase)) < 8 {
		return nil, errors.New("the passphrase is too short: use at least 8 characters (a few words are best)")
	}
	r, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return nil, err
	}
	r.SetWorkFactor(ScryptWorkFactor)
	return age.Encrypt(w, r)
}

// NewKey makes a coordinator's key pair and returns the key file's text
// (keep it secret) and the public key to share with groups.
func NewKey(now time.Time) (keyFile, public string, err error) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return "", "", err
	}
	public = id.Recipient().String()
	keyFile = fmt.Sprintf("# Petition Desk coordinator key, created %s\n# public key: %s\n%s\n",
		now.UTC().Format(time.RFC3339), public, id.String())
	return keyFile, public, nil
}

// ReadKeyFile reads the secret keys of a key file written by NewKey (or
// by age-keygen).
func ReadKeyFile(path string) ([]age.Identity, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ids, err := age.ParseIdentities(f)
	if err != nil {
		return nil, fmt.Errorf("%s is not a key file: %v", path, err)
	}
	return ids, nil
}

// IsEncrypted reports whether the file starts like an age file.
func IsEncrypted(ra io.ReaderAt) bool {
	head := make([]byte, len(ageHeader))
	n, _ := ra.ReadAt(head, 0)
	return n == len(head) && string(head) == ageHeader
}

// OpenReaderAt opens a bundle that may be encrypted: an age file is
// decrypted on the fly (age authenticates every 64 KiB chunk, so a changed
// byte fails here) and then read like a plaintext bundle.
func OpenReaderAt(ra io.ReaderAt, size int64, keys Keys) (*Reader, error) {
	if !IsEncrypted(ra) {
		return Open(ra, size)
	}
	ids := slices.Clone(keys.Identities)
	if keys.Passphrase != "" {
		id, err := age.NewScryptIdentity(keys.Passphrase)
		if err != nil {
			return nil, err
		}
		id.SetMaxWorkFactor(ScryptWorkFactor)
		ids = append(ids, id)
	}
	passphrase, logN := scryptStanza(ra)
	if passphrase && logN > ScryptWorkFactor {
		return nil, ErrWorkFactor // said before asking for a passphrase: none would help
	}
	if len(ids) == 0 {
		if passphrase {
			return nil, ErrNeedPass
		}
		return nil, ErrNeedKey
	}
	plain, n, err := age.DecryptReaderAt(ra, size, ids...)
	var nomatch *age.NoIdentityMatchError
	switch {
	case errors.As(err, &nomatch) && passphrase && keys.Passphrase == "":
		return nil, ErrNeedPass
	case errors.As(err, &nomatch) && passphrase:
		return nil, ErrWrongPass
	case errors.As(err, &nomatch) && len(keys.Identities) == 0:
		return nil, ErrNeedKey
	case errors.As(err, &nomatch):
		return nil, ErrWrongKey
	case err != nil:
		return nil, ErrDamaged
	}
	return Open(plain, n)
}

// scryptStanza reads the age header's stanzas: "-> scrypt SALT LOGN"
// marks a passphrase-protected file and gives its work factor (0 when
// unreadable: age then refuses the file itself). Used to refuse a costly
// file early and to word the error.
func scryptStanza(ra io.ReaderAt) (passphrase bool, logN int) {
	head := make([]byte, 1024)
	n, _ := ra.ReadAt(head, 0)
	_, stanza, found := bytes.Cut(head[:n], []byte("\n-> scrypt "))
	if !found {
		return false, 0
	}
	line, _, _ := bytes.Cut(stanza, []byte("\n"))
	if f := strings.Fields(string(line)); len(f) == 2 {
		logN, _ = strconv.Atoi(f[1])
	}
	return true, logN
}

// File is an open bundle file.
type File struct {
	*Reader
	f *os.File
}

// OpenFile opens a bundle file, decrypting it with keys when it is
// encrypted. Close it when done.
func OpenFile(path string, keys Keys) (*File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	r, err := OpenReaderAt(f, st.Size(), keys)
	if err != nil {
		f.Close()
		return nil, err
	}
	return &File{Reader: r, f: f}, nil
}

// Close closes the file.
func (f *File) Close() error { return f.f.Close() }

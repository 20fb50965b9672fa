package desk

import (
	"context"
	"errors"
	"io"

	"github.com/petitiondesk/petitiondesk/store"
	"github.com/petitiondesk/petitiondesk/store/bundle"
)

// BundleOptions are the choices behind a bundle for the coordinator:
// which petitions, counts only or not, the app's version
// (store.ExportOptions), and the encryption: to the coordinator's public
// key, with a passphrase, or none.
type BundleOptions struct {
	Path string // the bundle file to write
	store.ExportOptions
	To         string // the coordinator's public key (age1…), or ""
	Passphrase string // or a passphrase, or ""
}

// ErrKeyAndPassphrase is returned when a bundle is to be encrypted both
// to a key and with a passphrase: the front ends ask for one of them.
var ErrKeyAndPassphrase = errors.New("encrypt the bundle to a key or with a passphrase, not both")

// ExportBundle writes a signed bundle (store.ExportBundle) to opt.Path,
// encrypted when asked, and records it: with signers' data unless counts
// only. The file is the user's alone either way: it carries the group's
// records and signature.
func ExportBundle(ctx context.Context, s *store.Store, opt BundleOptions, progress Progress) (*bundle.Manifest, error) {
	if opt.To != "" && opt.Passphrase != "" {
		return nil, ErrKeyAndPassphrase
	}
	var m *bundle.Manifest
	e := fileExport{kind: "bundle", personal: !opt.CountsOnly, private: true, room: s.DataBytes(), pids: opt.Petitions}
	err := writeAudited(ctx, s, opt.Path, e, func(w io.Writer) (int, error) {
		enc, err := encryptor(w, opt.To, opt.Passphrase)
		if err != nil {
			return 0, err
		}
		if m, err = s.ExportBundle(ctx, enc, opt.ExportOptions, progress); err != nil {
			return 0, err
		}
		return m.Counts.Signatures, enc.Close()
	})
	return m, err
}

// encryptor wraps w as asked; a plaintext bundle goes the same way.
func encryptor(w io.Writer, to, pass string) (io.WriteCloser, error) {
	switch {
	case to != "":
		return bundle.EncryptTo(w, to)
	case pass != "":
		return bundle.EncryptWithPassphrase(w, pass)
	}
	return nopCloser{w}, nil
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

package bundle

import (
	"archive/zip"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"time"

	kflate "github.com/klauspost/compress/flate"

	"github.com/petitiondesk/petitiondesk/petition"
)

// Header is what the caller says about a bundle it writes.
type Header struct {
	ID         string    // a UUID for this bundle
	Group      Group     // the writing database's own group
	Created    time.Time // when the snapshot was taken
	CountsOnly bool      // petitions and sheets only: no personal data
	AppVersion string
	// Key is the group's signing key: every bundle is signed (sign.go).
	Key ed25519.PrivateKey
}

// Writer writes one bundle. Records go in kind order — petitions, then
// sheets, then signatures, then pages — as each kind is one zip member;
// a kind that is skipped is written empty. Close writes the manifest and
// the whole-file hash; it does not close the underlying writer.
type Writer struct {
	tail  *tailHasher
	zw    *zip.Writer
	man   Manifest
	stage int // index in stages of the member now open
	cur   *memberWriter
	pages []Page
	line  []byte
	key   ed25519.PrivateKey
	// version is FormatVersion; tests raise it to make a "newer" bundle.
	version int
}

// stages are the JSON Lines members in the order they are written;
// pages come after the last of them.
var stages = []string{PetitionsName, SheetsName, SignaturesName}

const stagePages = 3

// NewWriter starts a bundle on w.
func NewWriter(w io.Writer, h Header) *Writer {
	t := newTailHasher(w)
	zw := zip.NewWriter(t)
	// Level 1 deflate: three times faster to write than the default and
	// barely larger for JSON and already-compressed JPEGs.
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return kflate.NewWriter(out, kflate.BestSpeed)
	})
	var pub string
	if len(h.Key) == ed25519.PrivateKeySize {
		pub = EncodeKey(h.Key.Public().(ed25519.PublicKey))
	}
	return &Writer{tail: t, zw: zw, stage: -1, version: FormatVersion, key: h.Key, man: Manifest{
		Format: FormatName, FormatVersion: FormatVersion, AppVersion: h.AppVersion,
		ID: h.ID, Group: h.Group, Created: h.Created.UTC(), CountsOnly: h.CountsOnly,
		Snapshots: []Snapshot{}, SigningKey: pub,
	}}
}

// memberWriter hashes and counts what goes into one zip member.
type memberWriter struct {
	name string
	w    io.Writer
	h    hash.Hash
	n    int64
}

func (m *memberWriter) Write(p []byte) (int, error) {
	m.h.Write(p)
	m.n += int64(len(p))
	return m.w.Write(p)
}

func (w *Writer) open(name string, method uint16) error {
	w.closeMember()
	zf, err := w.zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: w.man.Created})
	if err != nil {
		return err
	}
	w.cur = &memberWriter{name: name, w: zf, h: sha256.New()}
	return nil
}

func (w *Writer) closeMember() {
	if w.cur == nil {
		return
	}
	w.man.Members = append(w.man.Members, Member{Name: w.cur.name, Size: w.cur.n, SHA256: hex.EncodeToString(w.cur.h.Sum(nil))})
	w.cur = nil
}

// advance opens the JSON Lines member of stage i, writing empty members
// for stages skipped on the way.
func (w *Writer) advance(i int) error {
	if i < w.stage {
		return fmt.Errorf("bundle: %s written after a later kind of record", stages[i])
	}
	for w.stage < i {
		w.stage++
		if err := w.open(stages[w.stage], zip.Deflate); err != nil {
			return err
		}
	}
	return nil
}

func (w *Writer) writeLine(stage int, v any) error {
	if err := w.advance(stage); err != nil {
		return err
	}
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	w.line = append(append(w.line[:0], b...), '\n')
	_, err = w.cur.Write(w.line)
	return err
}

// AddPetition writes one petition.
func (w *Writer) AddPetition(p *petition.Petition) error {
	w.man.Counts.Petitions++
	return w.writeLine(0, p)
}

// AddSnapshot records that the bundle holds group g's records of a
// petition as of a time (see Snapshot).
func (w *Writer) AddSnapshot(s Snapshot) { w.man.Snapshots = append(w.man.Snapshots, s) }

// AddSheet writes one sheet; its Group and Number are those of its group
// of origin.
func (w *Writer) AddSheet(sh *petition.Sheet) error {
	w.man.Counts.Sheets++
	return w.writeLine(1, sh)
}

// AddSignature writes one signature; its Group and Sheet are those of its
// group of origin.
func (w *Writer) AddSignature(sig *petition.Signature) error {
	if w.man.CountsOnly {
		return ErrCountsOnlyRow
	}
	w.man.Counts.Signatures++
	return w.writeLine(2, sig)
}

// AddPage writes one scanned page image (JPEG or PNG).
func (w *Writer) AddPage(p Page, image []byte) error {
	if w.man.CountsOnly {
		return ErrCountsOnlyRow
	}
	ext, ok := contentTypes[p.ContentType]
	if !ok {
		return fmt.Errorf("bundle: page of type %q", p.ContentType)
	}
	if w.stage < stagePages {
		if err := w.advance(len(stages) - 1); err != nil {
			return err
		}
		w.stage = stagePages
	}
	w.man.Counts.Pages++
	p.Member = fmt.Sprintf("%s%06d%s", pagesDir, w.man.Counts.Pages, ext)
	// Images are compressed already: stored, not deflated again.
	if err := w.open(p.Member, zip.Store); err != nil {
		return err
	}
	if _, err := w.cur.Write(image); err != nil {
		return err
	}
	w.pages = append(w.pages, p)
	return nil
}

// Close writes the page list, the manifest and the whole-file hash.
func (w *Writer) Close() error {
	if w.zw == nil {
		return errors.New("bundle: writer closed twice")
	}
	if len(w.key) != ed25519.PrivateKeySize {
		return errors.New("bundle: no signing key")
	}
	if w.stage < stagePages {
		if err := w.advance(len(stages) - 1); err != nil {
			return err
		}
	}
	if err := w.open(PagesName, zip.Deflate); err != nil {
		return err
	}
	for _, p := range w.pages {
		b, _ := json.Marshal(p)
		if _, err := w.cur.Write(append(b, '\n')); err != nil {
			return err
		}
	}
	w.closeMember()
	m, err := json.MarshalIndent(w.man, "", "  ")
	if err != nil {
		return err
	}
	zf, err := w.zw.CreateHeader(&zip.FileHeader{Name: ManifestName, Method: zip.Deflate, Modified: w.man.Created})
	if err != nil {
		return err
	}
	if _, err := zf.Write(m); err != nil {
		return err
	}
	if err := w.zw.SetComment(commentPrefix(w.version) + placeholder); err != nil {
		return err
	}
	if err := w.zw.Close(); err != nil {
		return err
	}
	w.zw = nil
	return w.tail.finish(func(msg []byte) []byte { return ed25519.Sign(w.key, msg) })
}

// Manifest returns the manifest as written so far (complete after Close,
// except the manifest's own entry, which it never lists).
func (w *Writer) Manifest() Manifest { return w.man }

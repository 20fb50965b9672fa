package bundle

import (
	"archive/zip"
	"bufio"
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"hash"
	"io"
	"strings"

	kflate "github.com/klauspost/compress/flate"

	"github.com/petitiondesk/petitiondesk/petition"
)

// Reader reads a plaintext bundle. Open checks the whole-file hash, the
// format version and the manifest; Verify checks every member and record;
// the iterators hand records to the importer, re-checking each member's
// hash as they go, so a file changed between Verify and the import is
// caught too.
type Reader struct {
	zr    *zip.Reader
	man   Manifest
	files map[string]*zip.File
	key   ed25519.PublicKey // the group's key, once the signature is checked
}

// Open opens a plaintext bundle of the given size (see OpenFile for
// encrypted ones).
func Open(ra io.ReaderAt, size int64) (*Reader, error) {
	t, err := checkWholeFile(ra, size)
	if err != nil {
		return nil, err
	}
	r, err := openZip(ra, size)
	if err != nil {
		return nil, err
	}
	if err := r.checkSignature(t.sum, t.sig); err != nil {
		return nil, err
	}
	return r, nil
}

// openZip reads the zip and its manifest; the fuzz test calls it directly
// to reach past the whole-file hash.
func openZip(ra io.ReaderAt, size int64) (*Reader, error) {
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		return nil, ErrDamaged
	}
	// klauspost's inflate is about twice as fast as the standard library's
	// and reads the same deflate streams; a bundle is read twice.
	zr.RegisterDecompressor(zip.Deflate, func(in io.Reader) io.ReadCloser { return kflate.NewReader(in) })
	r := &Reader{zr: zr, files: make(map[string]*zip.File, len(zr.File))}
	if len(zr.File) > maxMembers {
		return nil, &InvalidError{Member: "zip", Reason: "too many members"}
	}
	for _, f := range zr.File {
		if _, dup := r.files[f.Name]; dup {
			return nil, &InvalidError{Member: f.Name, Reason: "the member appears twice"}
		}
		r.files[f.Name] = f
	}
	if err := r.readManifest(); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *Reader) readManifest() error {
	f, ok := r.files[ManifestName]
	if !ok {
		return ErrNotBundle
	}
	rc, err := f.Open()
	if err != nil {
		return ErrDamaged
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxManifest+1))
	if err != nil {
		return ErrDamaged
	}
	if len(b) > maxManifest {
		return &InvalidError{Member: ManifestName, Reason: "the manifest is too large"}
	}
	var head struct {
		Format        string `json:"format"`
		FormatVersion int    `json:"format_version"`
	}
	if json.Unmarshal(b, &head) != nil || head.Format != FormatName {
		return ErrNotBundle
	}
	if head.FormatVersion > FormatVersion {
		return &NewerFormatError{Version: head.FormatVersion}
	}
	if head.FormatVersion < FormatVersion {
		return &OldFormatError{Version: head.FormatVersion}
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r.man); err != nil {
		return &InvalidError{Member: ManifestName, Reason: "the manifest cannot be read: " + err.Error()}
	}
	return r.checkMembers()
}

// checkMembers makes sure the manifest lists exactly the zip's members.
func (r *Reader) checkMembers() error {
	if r.man.FormatVersion != FormatVersion {
		return &InvalidError{Member: ManifestName, Reason: "unknown format version"}
	}
	listed := make(map[string]bool, len(r.man.Members))
	for _, m := range r.man.Members {
		f, ok := r.files[m.Name]
		if !ok || listed[m.Name] || m.Name == ManifestName {
			return &InvalidError{Member: m.Name, Reason: "listed in the manifest but missing or listed twice"}
		}
		if int64(f.UncompressedSize64) != m.Size || m.Size < 0 {
			return &InvalidError{Member: m.Name, Reason: "its size differs from the manifest"}
		}
		listed[m.Name] = true
	}
	for name := range r.files {
		if name != ManifestName && !listed[name] {
			return &InvalidError{Member: name, Reason: "a member the manifest does not list"}
		}
	}
	for _, name := range []string{PetitionsName, SheetsName, SignaturesName, PagesName} {
		if !listed[name] {
			return &InvalidError{Member: name, Reason: "a required member is missing"}
		}
	}
	return nil
}

// Manifest returns the bundle's manifest.
func (r *Reader) Manifest() *Manifest { return &r.man }

func (r *Reader) member(name string) Member {
	for _, m := range r.man.Members {
		if m.Name == name {
			return m
		}
	}
	return Member{}
}

// hashedMember reads one member and, at its end, compares its SHA-256 and
// size with the manifest.
type hashedMember struct {
	rc   io.ReadCloser
	h    hash.Hash
	want Member
	n    int64
}

func (r *Reader) openMember(name string) (*hashedMember, error) {
	f, ok := r.files[name]
	if !ok {
		return nil, &InvalidError{Member: name, Reason: "missing"}
	}
	rc, err := f.Open()
	if err != nil {
		return nil, ErrDamaged
	}
	return &hashedMember{rc: rc, h: sha256.New(), want: r.member(name)}, nil
}

func (m *hashedMember) Read(p []byte) (int, error) {
	n, err := m.rc.Read(p)
	m.h.Write(p[:n])
	m.n += int64(n)
	if m.n > m.want.Size {
		return n, ErrDamaged
	}
	if errors.Is(err, io.EOF) {
		if m.n != m.want.Size || hex.EncodeToString(m.h.Sum(nil)) != m.want.SHA256 {
			return n, ErrDamaged
		}
	} else if err != nil {
		return n, ErrDamaged // flate or CRC error
	}
	return n, err
}

func (m *hashedMember) Close() error { return m.rc.Close() }

// eachLine calls fn with every line of a JSON Lines member (1-based line
// numbers), then checks the member's hash.
func (r *Reader) eachLine(name string, fn func(line []byte, no int) error) error {
	m, err := r.openMember(name)
	if err != nil {
		return err
	}
	defer m.Close()
	sc := bufio.NewScanner(m)
	sc.Buffer(make([]byte, 0, 64<<10), maxLineBytes)
	no := 0
	for sc.Scan() {
		no++
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		if err := fn(sc.Bytes(), no); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return &InvalidError{Member: name, Line: no + 1, Reason: "the line is too long"}
		}
		return err
	}
	return nil
}

// decodeLine reads one record. Fields this version does not know are
// ignored (a writer adding fields raises the format version instead);
// plain Unmarshal is used as a Decoder per line costs a buffer per row.
func decodeLine(line []byte, v any, member string, no int) error {
	if err := json.Unmarshal(line, v); err != nil {
		return &InvalidError{Member: member, Line: no, Reason: "the record cannot be read: " + firstLine(err.Error())}
	}
	return nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// eachRecord calls fn with each record of member, decoded into a new T
// per line, or with reuse into one T for all (fn must not keep it past
// the call then: signatures come by the hundred thousand).
func eachRecord[T any](r *Reader, member string, reuse bool, fn func(v *T) error) error {
	v := new(T)
	return r.eachLine(member, func(line []byte, no int) error {
		if reuse {
			*v = *new(T)
		} else {
			v = new(T)
		}
		if err := decodeLine(line, v, member, no); err != nil {
			return err
		}
		return fn(v)
	})
}

// Petitions calls fn with each petition.
func (r *Reader) Petitions(fn func(p *petition.Petition) error) error {
	return eachRecord(r, PetitionsName, false, fn)
}

// Sheets calls fn with each sheet (Group and Number as at its origin).
func (r *Reader) Sheets(fn func(sh *petition.Sheet) error) error {
	return eachRecord(r, SheetsName, false, fn)
}

// Signatures calls fn with each signature (Group and Sheet as at its
// origin). fn must not keep sig past the call.
func (r *Reader) Signatures(fn func(sig *petition.Signature) error) error {
	return eachRecord(r, SignaturesName, true, fn)
}

// RawSignature is a signature whose drawn strokes stay as the JSON text
// of the bundle. Marshalled, it is the same record, for a fraction of the
// cost of decoding and re-encoding the strokes.
type RawSignature struct {
	petition.Signature
	Strokes json.RawMessage `json:"strokes,omitempty"` // shadows Signature.Strokes
	// DuplicateKey is petition.DuplicateKey(name, postcode), worked out
	// while checking (on all cores: folding names is costly); "" for a row
	// whose personal data was erased.
	DuplicateKey string `json:"-"`
}

// RawSignatures is Signatures without decoding the strokes, for an
// importer that has verified them already (Verify decodes them all).
func (r *Reader) RawSignatures(fn func(sig *RawSignature) error) error {
	return eachRecord(r, SignaturesName, true, fn)
}

// Pages calls fn with each scanned page and its image.
func (r *Reader) Pages(fn func(p Page, image []byte) error) error {
	return r.eachLine(PagesName, func(line []byte, no int) error {
		var p Page
		if err := decodeLine(line, &p, PagesName, no); err != nil {
			return err
		}
		img, err := r.readPage(p.Member)
		if err != nil {
			return err
		}
		return fn(p, img)
	})
}

func (r *Reader) readPage(name string) ([]byte, error) {
	if !strings.HasPrefix(name, pagesDir) {
		return nil, &InvalidError{Member: PagesName, Reason: "a page outside pages/"}
	}
	if r.member(name).Size > MaxPageBytes {
		return nil, &InvalidError{Member: name, Reason: "the page image is too large"}
	}
	m, err := r.openMember(name)
	if err != nil {
		return nil, err
	}
	defer m.Close()
	return io.ReadAll(m)
}

package scan

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Limits on what the scanner agrees to read. A 600-dpi A4 page is 35
// megapixels and a phone photo rarely more than 50; a header claiming
// 50,000 × 50,000 pixels is refused before any memory is taken.
const (
	MaxPixels   = 64_000_000
	MaxFileSize = 512 << 20
)

// Errors a file or page can meet, each explained in plain words.
var (
	ErrEmpty    = errors.New("the file is empty")
	ErrNotImage = errors.New("not an image this program reads (JPEG, PNG, TIFF, WebP or a PDF of scans)")
	// ErrHEIC: no maintained pure-Go HEIC decoder exists (the HEVC codec
	// inside is large and patent-encumbered), so the user is told what to do.
	ErrHEIC       = errors.New("a HEIC photo (the iPhone's own format), which this program cannot read: save it as JPEG, or set the camera to Most Compatible (Settings > Camera > Formats) and photograph the sheet again")
	ErrTooLarge   = fmt.Errorf("the image is too large (more than %d megapixels)", MaxPixels/1_000_000)
	ErrNoImages   = errors.New("the PDF holds no scanned page images")
	ErrDamaged    = errors.New("the image is damaged or truncated")
	ErrFileTooBig = fmt.Errorf("the file is larger than %d MB", MaxFileSize>>20)
)

// Source is one page image to scan: the bytes of an image file, or one
// page's image taken byte for byte out of a PDF.
type Source struct {
	File string // the file as the user named it
	Page int    // page within the file, from 1 (PDF page; 1 for an image file)
	Data []byte // the encoded image: JPEG, PNG, TIFF or WebP
	// ifd names the page's directory in a multi-page TIFF (Data is then
	// the whole file, shared by its pages); 0 for any other source.
	ifd uint32
}

// digest is the SHA-256 of the page's own bytes.
func (s Source) digest() string {
	if s.ifd != 0 {
		return tiffPageDigest(s.Data, s.ifd)
	}
	return digest(s.Data)
}

// InputError says which file (and page) could not be read, and why.
type InputError struct {
	File string
	Page int // 0 when the whole file failed
	Err  error
}

func (e *InputError) Error() string {
	name := filepath.Base(e.File)
	if e.Page > 0 {
		return fmt.Sprintf("%s page %d: %v", name, e.Page, e.Err)
	}
	return fmt.Sprintf("%s: %v", name, e.Err)
}

func (e *InputError) Unwrap() error { return e.Err }

// format is what a file's first bytes say it is.
type format string

const (
	fmtJPEG format = "jpeg"
	fmtPNG  format = "png"
	fmtTIFF format = "tiff"
	fmtPDF  format = "pdf"
	fmtWebP format = "webp"
	fmtHEIC format = "heic"
	fmtNone format = ""
)

// sniff recognises a file by its magic bytes, never by its name: a
// phone may well call a PNG "scan.jpg".
func sniff(b []byte) format {
	switch {
	case bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}):
		return fmtJPEG
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return fmtPNG
	case bytes.HasPrefix(b, []byte("II*\x00")), bytes.HasPrefix(b, []byte("MM\x00*")):
		return fmtTIFF
	case bytes.HasPrefix(b, []byte("%PDF-")):
		return fmtPDF
	case len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		return fmtWebP
	case isHEIF(b):
		return fmtHEIC
	}
	return fmtNone
}

// heifBrands are the ISO base media file brands of HEIC/HEIF images (and
// AVIF, which Android phones may write: the same container, no decoder).
var heifBrands = map[string]bool{"heic": true, "heix": true, "hevc": true, "hevx": true,
	"heim": true, "heis": true, "hevm": true, "hevs": true, "mif1": true, "msf1": true, "avif": true, "avis": true}

// isHEIF recognises the "ftyp" box an HEIC file starts with.
func isHEIF(b []byte) bool {
	return len(b) >= 12 && string(b[4:8]) == "ftyp" && heifBrands[string(b[8:12])]
}

// ReadFile reads one file from disk and splits it into page sources.
func ReadFile(path string) ([]Source, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &InputError{File: path, Err: plainOpenError(err)}
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, &InputError{File: path, Err: errors.New("is a folder, not a file")}
	} else if err == nil && st.Size() > MaxFileSize {
		return nil, &InputError{File: path, Err: ErrFileTooBig}
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, &InputError{File: path, Err: err}
	}
	return Split(path, data)
}

func plainOpenError(err error) error {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return errors.New("no such file")
	case errors.Is(err, os.ErrPermission):
		return errors.New("permission denied")
	}
	return err
}

// Split turns a file's bytes into page sources: one for an image file,
// one per page with an image for a PDF. The images are not decoded here;
// that happens in parallel, page by page.
func Split(file string, data []byte) ([]Source, error) {
	switch {
	case len(data) == 0:
		return nil, &InputError{File: file, Err: ErrEmpty}
	case len(data) > MaxFileSize:
		return nil, &InputError{File: file, Err: ErrFileTooBig}
	}
	switch sniff(data) {
	case fmtJPEG, fmtPNG, fmtWebP:
		return []Source{{File: file, Page: 1, Data: data}}, nil
	case fmtHEIC:
		return nil, &InputError{File: file, Err: ErrHEIC}
	case fmtTIFF:
		return tiffSources(file, data), nil
	case fmtPDF:
		pages, err := pdfImages(data)
		if err != nil {
			return nil, &InputError{File: file, Err: err}
		}
		for i := range pages {
			pages[i].File = file
		}
		return pages, nil
	}
	return nil, &InputError{File: file, Err: ErrNotImage}
}

// tiffSources gives one source per page of a TIFF; a single-page TIFF is
// read as it is.
func tiffSources(file string, data []byte) []Source {
	offs := tiffPages(data)
	if len(offs) <= 1 {
		return []Source{{File: file, Page: 1, Data: data}}
	}
	out := make([]Source, len(offs))
	for i, off := range offs {
		out[i] = Source{File: file, Page: i + 1, Data: data, ifd: off}
	}
	return out
}

// Extensions are the file endings (lower case) of scans: Expand picks
// them up in a folder, the window's file dialog and drop offer them. HEIC
// files are among them, though they cannot be read, so that each is
// reported with what to do rather than skipped without a word.
var Extensions = []string{".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp", ".pdf", ".heic", ".heif"}

// IsScanName reports whether path ends in one of Extensions, in any case.
func IsScanName(path string) bool {
	return slices.Contains(Extensions, strings.ToLower(filepath.Ext(path)))
}

// Expand replaces each folder among paths by the scans in it (JPEG, PNG,
// TIFF, WebP, PDF and HEIC files by their ending, in name order, not
// descending into subfolders); files are kept as given, whatever their
// ending, so a file named wrongly is still tried and reported.
func Expand(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil || !st.IsDir() {
			out = append(out, p) // a missing file is reported by the batch
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil, fmt.Errorf("reading the folder %s: %w", filepath.Base(p), err)
		}
		for _, e := range entries { // ReadDir sorts by name
			if !e.IsDir() && IsScanName(e.Name()) {
				out = append(out, filepath.Join(p, e.Name()))
			}
		}
	}
	return out, nil
}

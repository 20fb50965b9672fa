package export

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"time"

	"github.com/xuri/excelize/v2"
)

// book is the .xlsx zip being written straight to its destination. The
// big worksheets are streamed into it by hand (sheetXML); excelize builds
// the rest (Totals and its chart, styles, the workbook, its properties)
// in memory, small, and finish copies those parts in after them. The
// order of a zip's entries does not matter to Excel or LibreOffice.
type book struct {
	zw      *zip.Writer
	now     time.Time
	held    []*heldPart     // worksheets compressed in memory until finish
	written map[string]bool // worksheet paths already in the zip or held
}

func newBook(w io.Writer, now time.Time) *book {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	return &book{zw: zw, now: now, written: map[string]bool{}}
}

// direct opens path as the zip's current entry. Only one entry is open
// at a time, so only one table (Signatures) may write directly; the
// others, written between its rows, are held.
func (b *book) direct(path string) (io.Writer, error) {
	b.written[path] = true
	return b.zw.CreateHeader(&zip.FileHeader{Name: path, Method: zip.Deflate, Modified: b.now})
}

// hold compresses path into memory, for a table whose rows come between
// another's: Sheets and By week, one row per sheet or week, which at a
// million signatures is a megabyte or two compressed.
func (b *book) hold(path string) (io.Writer, error) {
	b.written[path] = true
	h := &heldPart{name: path}
	var err error
	h.fw, err = flate.NewWriter(&h.buf, flate.BestSpeed)
	b.held = append(b.held, h)
	return h, err
}

// finish writes the held worksheets, then every part of excelize's
// workbook but the empty worksheets standing in for the streamed ones,
// and closes the zip.
func (b *book) finish(f *excelize.File) error {
	for _, h := range b.held {
		if err := h.copyTo(b.zw, b.now); err != nil {
			return err
		}
	}
	var small bytes.Buffer
	f.SetZipWriter(fastZip)
	if err := f.Write(&small); err != nil {
		return fmt.Errorf("building the workbook's small parts: %w", err)
	}
	zr, err := zip.NewReader(bytes.NewReader(small.Bytes()), int64(small.Len()))
	if err != nil {
		return err
	}
	found := 0
	for _, zf := range zr.File {
		if b.written[zf.Name] {
			found++
			continue
		}
		if err := b.zw.Copy(zf); err != nil {
			return fmt.Errorf("copying %s: %w", zf.Name, err)
		}
	}
	if found != len(b.written) {
		return fmt.Errorf("%d streamed worksheets, but %d in the workbook", len(b.written), found)
	}
	return b.zw.Close()
}

// heldPart is one zip entry deflated into memory, with what its header
// needs: its checksum and sizes.
type heldPart struct {
	name string
	buf  bytes.Buffer
	fw   *flate.Writer
	crc  uint32
	size uint64
}

func (h *heldPart) Write(p []byte) (int, error) {
	h.crc = crc32.Update(h.crc, crc32.IEEETable, p)
	h.size += uint64(len(p))
	return h.fw.Write(p)
}

// copyTo adds the entry to zw as it is, already compressed.
func (h *heldPart) copyTo(zw *zip.Writer, now time.Time) error {
	if err := h.fw.Close(); err != nil {
		return err
	}
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: h.name, Method: zip.Deflate, Modified: now, CRC32: h.crc,
		CompressedSize64: uint64(h.buf.Len()), UncompressedSize64: h.size,
	})
	if err != nil {
		return err
	}
	_, err = h.buf.WriteTo(w)
	return err
}

package scan

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"io"
)

// A TIFF from a sheet feeder holds every page of the batch, one image
// file directory (IFD) per page, chained by offsets. The TIFF decoder
// reads only the first; tiffPages walks the chain so that each page is
// decoded on its own, by showing the decoder a header that points at it.

// maxTIFFPages bounds the chain: a malformed file may loop or claim
// millions of directories.
const maxTIFFPages = 1000

// tiffPages returns the offset of each page's directory, in file order.
// A chain that breaks off (an offset outside the file, a loop) ends
// there: the pages before it are still read.
func tiffPages(data []byte) []uint32 {
	var bo binary.ByteOrder = binary.LittleEndian
	if data[0] == 'M' {
		bo = binary.BigEndian
	}
	var offs []uint32
	seen := map[uint32]bool{}
	off := bo.Uint32(data[4:8])
	for off >= 8 && uint64(off)+2 <= uint64(len(data)) && !seen[off] && len(offs) < maxTIFFPages {
		seen[off] = true
		offs = append(offs, off)
		n := uint64(bo.Uint16(data[off:]))
		next := uint64(off) + 2 + 12*n
		if next+4 > uint64(len(data)) {
			break
		}
		off = bo.Uint32(data[next:])
	}
	return offs
}

// tiffPage is one page of a multi-page TIFF as a reader: the file's own
// bytes, except that the header's first-directory offset names the page.
// The file is not copied: every page of a 300 MB feeder TIFF shares it.
type tiffPage struct {
	data []byte
	head [8]byte
}

func tiffPageReader(data []byte, ifd uint32) *io.SectionReader {
	t := &tiffPage{data: data}
	copy(t.head[:], data[:8])
	if data[0] == 'M' {
		binary.BigEndian.PutUint32(t.head[4:], ifd)
	} else {
		binary.LittleEndian.PutUint32(t.head[4:], ifd)
	}
	return io.NewSectionReader(t, 0, int64(len(data)))
}

// ReadAt reads as from the file with the header replaced.
func (t *tiffPage) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 || off >= int64(len(t.data)) {
		return 0, io.EOF
	}
	n := copy(p, t.data[off:])
	if off < 8 {
		copy(p, t.head[off:])
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// tiffPageDigest is the SHA-256 of the page as a file of its own (the
// header naming it): each page of a multi-page TIFF has its own digest,
// so the same page scanned twice is still recognised.
func tiffPageDigest(data []byte, ifd uint32) string {
	h := sha256.New()
	io.Copy(h, tiffPageReader(data, ifd))
	return hex.EncodeToString(h.Sum(nil))
}

package scantest

import (
	"encoding/binary"
	"image"
	"image/color"
)

// MultiTIFF writes pages as one uncompressed 8-bit greyscale TIFF, one
// image file directory per page, as a sheet feeder does (the TIFF
// encoder of x/image writes a single page only).
func MultiTIFF(pages ...image.Image) []byte {
	le := binary.LittleEndian
	out := []byte("II*\x00\x00\x00\x00\x00")
	link := 4 // where the offset of the next directory goes
	for _, img := range pages {
		b := img.Bounds()
		w, h := b.Dx(), b.Dy()
		pixOff := len(out)
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				out = append(out, color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y)
			}
		}
		if len(out)%2 == 1 {
			out = append(out, 0)
		}
		le.PutUint32(out[link:], uint32(len(out)))
		tags := [][3]uint32{ // tag, type (3 short, 4 long), value
			{256, 4, uint32(w)}, {257, 4, uint32(h)}, {258, 3, 8}, {259, 3, 1}, {262, 3, 1},
			{273, 4, uint32(pixOff)}, {277, 3, 1}, {278, 4, uint32(h)}, {279, 4, uint32(w * h)},
		}
		out = le.AppendUint16(out, uint16(len(tags)))
		for _, t := range tags {
			out = le.AppendUint16(out, uint16(t[0]))
			out = le.AppendUint16(out, uint16(t[1]))
			out = le.AppendUint32(out, 1)
			if t[1] == 3 {
				out = le.AppendUint16(out, uint16(t[2]))
				out = le.AppendUint16(out, 0)
			} else {
				out = le.AppendUint32(out, t[2])
			}
		}
		link = len(out)
		out = le.AppendUint32(out, 0)
	}
	return out
}

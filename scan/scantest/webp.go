package scantest

import (
	"encoding/binary"
	"image"
	"image/color"
)

// WebP encodes an image's grey levels as a lossless WebP (VP8L), the
// smallest encoder that makes a real file: one transform (subtract
// green, so red and blue are always zero and cost nothing) and a flat
// 8-bit code for the grey level. The standard library and x/image only
// decode WebP; tests need a page in that format.
func WebP(img image.Image) []byte {
	b := img.Bounds()
	var w bitWriter
	w.bits(0x2f, 8)
	w.bits(uint32(b.Dx()-1), 14)
	w.bits(uint32(b.Dy()-1), 14)
	w.bits(0, 1) // no alpha
	w.bits(0, 3) // version
	w.bits(1, 1) // a transform:
	w.bits(2, 2) // subtract green
	w.bits(0, 1) // no more transforms
	w.bits(0, 1) // no colour cache
	w.bits(0, 1) // no meta prefix codes
	flatCode(&w, 256+24)
	for _, sym := range []uint32{0, 0, 255, 0} { // red, blue, alpha, distance: one symbol each
		w.bits(1, 1) // simple code
		w.bits(0, 1) // one symbol
		w.bits(1, 1) // of 8 bits
		w.bits(sym, 8)
	}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			g := color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y
			w.code(uint32(g), 8)
		}
	}
	data := w.flush()
	if len(data)%2 == 1 {
		data = append(data, 0)
	}
	out := []byte("RIFF\x00\x00\x00\x00WEBPVP8L")
	out = binary.LittleEndian.AppendUint32(out, uint32(len(data)))
	out = append(out, data...)
	binary.LittleEndian.PutUint32(out[4:], uint32(len(out)-8))
	return out
}

// flatCode writes the green prefix code: every literal 8 bits long, the
// length and cache symbols unused. The code lengths are themselves coded
// with two one-bit codes: 0 for length 0, 1 for length 8.
func flatCode(w *bitWriter, n int) {
	order := []int{17, 18, 0, 1, 2, 3, 4, 5, 16, 6, 7, 8}
	w.bits(0, 1)                    // normal code
	w.bits(uint32(len(order)-4), 4) // code length codes given
	for _, sym := range order {
		if sym == 0 || sym == 8 {
			w.bits(1, 3)
		} else {
			w.bits(0, 3)
		}
	}
	w.bits(0, 1) // every symbol's length follows
	for i := 0; i < n; i++ {
		if i < 256 {
			w.code(1, 1)
		} else {
			w.code(0, 1)
		}
	}
}

// bitWriter packs bits least significant first, as VP8L reads them.
type bitWriter struct {
	out  []byte
	acc  uint64
	nacc uint
}

func (w *bitWriter) bits(v uint32, n uint) {
	w.acc |= uint64(v) << w.nacc
	w.nacc += n
	for w.nacc >= 8 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.nacc -= 8
	}
}

// code writes a prefix code, most significant bit first.
func (w *bitWriter) code(v uint32, n uint) {
	for i := int(n) - 1; i >= 0; i-- {
		w.bits(v>>uint(i)&1, 1)
	}
}

func (w *bitWriter) flush() []byte {
	if w.nacc > 0 {
		w.out = append(w.out, byte(w.acc))
		w.acc, w.nacc = 0, 0
	}
	return w.out
}

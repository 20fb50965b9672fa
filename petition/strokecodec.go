package petition

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"math"
)

// MarshalJSON writes a stroke as one base64 string of packed points
// (float32 x, float32 y, varint time delta), losslessly. A signature has
// hundreds of points: written as JSON arrays it costs more CPU to save
// than the disk's fsync, which would make every durable save twice as
// slow; packed, it is a few microseconds.
func (s Stroke) MarshalJSON() ([]byte, error) {
	raw := make([]byte, 0, len(s)*10)
	var last uint32
	for _, p := range s {
		raw = binary.LittleEndian.AppendUint32(raw, math.Float32bits(p.X))
		raw = binary.LittleEndian.AppendUint32(raw, math.Float32bits(p.Y))
		raw = binary.AppendUvarint(raw, uint64(p.T-last))
		last = p.T
	}
	out := make([]byte, 0, base64.StdEncoding.EncodedLen(len(raw))+2)
	out = append(out, '"')
	out = base64.StdEncoding.AppendEncode(out, raw)
	return append(out, '"'), nil
}

// UnmarshalJSON reads the packed form, or the readable [[x,y,t],...]
// form that scripts write (petitiondesk sign --strokes). Either way a
// point CheckPoint refuses (NaN, infinite, far off the pad) is an error.
func (s *Stroke) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '[' {
		var pts []Point
		if err := json.Unmarshal(b, &pts); err != nil {
			return err
		}
		*s = pts
		return nil
	}
	var enc string
	if err := json.Unmarshal(b, &enc); err != nil {
		return err
	}
	raw, err := base64.StdEncoding.DecodeString(enc)
	if err != nil {
		return errors.New("a signature stroke is damaged")
	}
	return s.unpack(raw)
}

func (s *Stroke) unpack(raw []byte) error {
	pts := make(Stroke, 0, len(raw)/9)
	var t uint32
	for len(raw) > 0 {
		if len(raw) < 9 {
			return errors.New("a signature stroke is damaged")
		}
		x := math.Float32frombits(binary.LittleEndian.Uint32(raw))
		y := math.Float32frombits(binary.LittleEndian.Uint32(raw[4:]))
		dt, n := binary.Uvarint(raw[8:])
		if n <= 0 {
			return errors.New("a signature stroke is damaged")
		}
		if err := CheckPoint(x, y); err != nil {
			return err
		}
		t += uint32(dt)
		pts = append(pts, Point{X: x, Y: y, T: t})
		raw = raw[8+n:]
	}
	*s = pts
	return nil
}

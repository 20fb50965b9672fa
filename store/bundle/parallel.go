package bundle

import (
	"bytes"
	"encoding/json"
	"errors"
	"runtime"
	"sync"

	"github.com/google/uuid"

	"github.com/petitiondesk/petitiondesk/petition"
)

// Decoding and checking signatures is most of the work of reading a
// bundle, and each line can be checked on its own; only the checks that
// relate records to each other need file order. So one goroutine reads
// and inflates the member, a worker per core decodes and checks batches of
// lines, and the caller's goroutine takes the batches back in order.

// checkedSig is one line of signatures.jsonl after the checks that need
// nothing but the line.
type checkedSig struct {
	raw RawSignature
	id  uuid.UUID
	err error
}

type sigBatch struct {
	seq   int
	lines []byte // the lines, end to end
	ends  []int
	nos   []int
	out   []checkedSig
}

const sigBatchLines = 256

var errStopped = errors.New("stopped")

// eachCheckedSignature calls fn with every signature line, in file order,
// decoded and checked on its own (see checkLine).
func (r *Reader) eachCheckedSignature(fn func(c *checkedSig) error) error {
	workers := max(1, min(runtime.GOMAXPROCS(0), 4))
	work := make(chan *sigBatch, 2*workers)
	done := make(chan *sigBatch, 2*workers)
	stop := make(chan struct{})
	var readErr error
	go func() {
		defer close(work)
		b, seq := &sigBatch{}, 0
		send := func() error {
			b.seq, seq = seq, seq+1
			// the next batch starts at this one's size: growing it from
			// nothing allocated twice the bundle's bytes
			size := len(b.lines) + len(b.lines)/4
			select {
			case work <- b:
				b = &sigBatch{lines: make([]byte, 0, size)}
				return nil
			case <-stop:
				return errStopped
			}
		}
		readErr = r.eachLine(SignaturesName, func(line []byte, no int) error {
			b.lines = append(b.lines, line...)
			b.ends, b.nos = append(b.ends, len(b.lines)), append(b.nos, no)
			if len(b.ends) == sigBatchLines {
				return send()
			}
			return nil
		})
		if readErr == nil && len(b.ends) > 0 {
			send()
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte
			for b := range work {
				b.out = make([]checkedSig, len(b.ends))
				start := 0
				for i, end := range b.ends {
					buf = checkLine(b.lines[start:end], b.nos[i], &b.out[i], buf)
					start = end
				}
				b.lines = nil
				select {
				case done <- b:
				case <-stop:
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()
	err := inOrder(done, fn)
	if err != nil {
		close(stop)
		for range done { // let the workers finish
		}
		return err
	}
	if readErr != nil && !errors.Is(readErr, errStopped) {
		return readErr
	}
	return nil
}

// inOrder hands the batches' records to fn in batch order.
func inOrder(done <-chan *sigBatch, fn func(c *checkedSig) error) error {
	pending := map[int]*sigBatch{}
	next := 0
	for b := range done {
		pending[b.seq] = b
		for p := pending[next]; p != nil; p = pending[next] {
			delete(pending, next)
			next++
			for i := range p.out {
				if err := fn(&p.out[i]); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// checkLine decodes one signature and applies every check that needs
// only the line itself.
func checkLine(line []byte, no int, c *checkedSig, buf []byte) []byte {
	raw := &c.raw
	if !decodeCut(line, raw) {
		*raw = RawSignature{}
		if c.err = decodeLine(line, raw, SignaturesName, no); c.err != nil {
			return buf
		}
	}
	sig := &raw.Signature
	strokes, points := 0, 0
	if len(raw.Strokes) > 0 && string(raw.Strokes) != "null" {
		var err error
		if strokes, points, buf, err = checkStrokes(raw.Strokes, buf); err != nil {
			c.err = bad(SignaturesName, no, "signature %s: the drawn signature cannot be read", sig.ID)
			return buf
		}
	}
	id, err := uuid.Parse(sig.ID)
	switch {
	case err != nil || len(sig.ID) != 36:
		c.err = bad(SignaturesName, no, "the signature id is not a UUID")
	case strokes > petition.MaxStrokes || points > petition.MaxStrokePoints:
		c.err = bad(SignaturesName, no, "signature %s: the drawn signature is too large", sig.ID)
	case sig.ErasedPerson && strokes > 0:
		c.err = bad(SignaturesName, no, "signature %s: an erased row still holds a drawn signature", sig.ID)
	default:
		if err := ValidateSignature(sig); err != nil {
			c.err = bad(SignaturesName, no, "signature %s: %v", sig.ID, err)
		}
	}
	c.id = id
	if c.err == nil && !sig.ErasedPerson {
		raw.DuplicateKey = petition.DuplicateKey(sig.Name, sig.Address.Postcode)
	}
	return buf
}

// decodeCut decodes a line without scanning its strokes (see
// cutStrokes); false when the whole line must be decoded instead.
func decodeCut(line []byte, raw *RawSignature) bool {
	rest, strokes, ok := cutStrokes(line)
	if !ok || json.Unmarshal(rest, raw) != nil || raw.Strokes != nil {
		return false
	}
	// The strokes keep line's memory (no copy of two thirds of the
	// bundle): each batch of lines is its own allocation, never reused.
	raw.Strokes = strokes[:len(strokes):len(strokes)]
	return true
}

// strokesKey is how the writer (encoding/json) writes the strokes member.
var strokesKey = []byte(`,"strokes":[`)

// cutStrokes splits a signature line into the line without its top-level
// "strokes" member and that member's text: the strokes are two thirds of
// a line and are checked on their own, so the JSON decoder need not scan
// them. ok is false for a line not shaped as the writer writes it; the
// caller then decodes the whole line.
func cutStrokes(line []byte) (rest, strokes []byte, ok bool) {
	i := bytes.Index(line, strokesKey)
	if i < 0 || bytes.Contains(line[i+1:], strokesKey) {
		return nil, nil, false
	}
	if prev := bytes.TrimRight(line[:i], " \t\r\n"); len(prev) == 0 || bytes.IndexByte([]byte("{[,:"), prev[len(prev)-1]) >= 0 {
		return nil, nil, false // the comma must follow a member's value
	}
	start := i + len(strokesKey) - 1
	end, depth := scanJSON(line, start)
	if depth != 1 || end < 0 {
		return nil, nil, false
	}
	rest = make([]byte, 0, len(line)-(end-i))
	rest = append(append(rest, line[:i]...), line[end:]...)
	return rest, line[start:end], true
}

// scanJSON returns the nesting depth (objects and arrays) at index at of
// line, -1 if at is inside a string, and the index just past the array
// that opens at at (-1 if there is none). Strings are skipped with
// bytes.IndexByte: most of a line is string content (names, strokes).
func scanJSON(line []byte, at int) (end, depth int) {
	if at >= len(line) || line[at] != '[' {
		return -1, -1
	}
	depth, level := -1, 0
	for i := 0; i < len(line); i++ {
		if i == at {
			depth = level
		}
		switch line[i] {
		case '"':
			e := stringEnd(line, i+1)
			if i < at && (e < 0 || e > at) {
				return -1, -1 // at is inside a string
			}
			if e < 0 {
				return -1, depth
			}
			i = e - 1
		case '{', '[':
			level++
		case '}', ']':
			level--
			if i > at && level == depth {
				return i + 1, depth
			}
		}
	}
	return -1, depth
}

// stringEnd returns the index just past the quote that closes the string
// whose text starts at start (-1 if it is not closed). A quote is escaped
// when an odd run of backslashes precedes it.
func stringEnd(line []byte, start int) int {
	for i := start; ; {
		j := bytes.IndexByte(line[i:], '"')
		if j < 0 {
			return -1
		}
		q, bs := i+j, 0
		for k := q - 1; k >= start && line[k] == '\\'; k-- {
			bs++
		}
		if bs%2 == 0 {
			return q + 1
		}
		i = q + 1
	}
}

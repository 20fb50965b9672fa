package ui

import (
	"bytes"
	"io"
	"sync"
)

// quietLog is the standard logger's output in the window: it passes every
// line on except two reports of Fyne's that say nothing is wrong, which
// volunteers starting the app from a terminal took for failures.
//
//   - "Getting favorite locations": each file dialog asks xdg-user-dir for
//     Documents, Music, Videos… and reports the folders a computer does
//     not define ("this computer does not define a VIDEOS folder"); the
//     dialog works all the same, with Home and the folders that exist.
//   - "Preferences load error:" caused by EOF: Fyne re-reads its
//     preferences file whenever its folder changes, and a read that races
//     the app's own write (at the first start, at a clean shutdown) finds
//     it empty; the write finishes and nothing is lost.
//
// fyne.LogError writes a report as three lines ("Fyne error: reason",
// "  Cause: …", "  At: file:line"), each its own Write: a report with a
// noisy reason is held until its cause shows whether it is noise.
type quietLog struct {
	mu      sync.Mutex
	out     io.Writer
	held    []byte // a report's first line, waiting for its cause
	heldWhy string // which noisy reason it is
	drop    bool   // dropping the rest of a noisy report (its "At:" line)
}

func newQuietLog(out io.Writer) *quietLog { return &quietLog{out: out} }

// noise says, for a report's reason, which causes make it noise.
var noise = map[string]func(cause []byte) bool{
	"Getting favorite locations": func([]byte) bool { return true },
	"Preferences load error:":    func(c []byte) bool { return bytes.HasSuffix(bytes.TrimSpace(c), []byte("EOF")) },
}

func (q *quietLog) Write(p []byte) (int, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	switch {
	case q.held != nil && bytes.Contains(p, []byte("  Cause: ")):
		held, why := q.held, q.heldWhy
		q.held = nil
		if q.drop = noise[why](p); !q.drop {
			q.pass(held)
			return q.pass(p)
		}
		return len(p), nil
	case q.drop && bytes.Contains(p, []byte("  At: ")):
		q.drop = false
		return len(p), nil
	}
	q.flush()
	q.drop = false
	if why := noisyReason(p); why != "" {
		q.held, q.heldWhy = append([]byte(nil), p...), why
		return len(p), nil
	}
	return q.pass(p)
}

// flush passes on a held line whose cause never came.
func (q *quietLog) flush() {
	if q.held != nil {
		q.pass(q.held)
		q.held = nil
	}
}

func (q *quietLog) pass(p []byte) (int, error) { return q.out.Write(p) }

func noisyReason(line []byte) string {
	i := bytes.Index(line, []byte("Fyne error:  "))
	if i < 0 {
		return ""
	}
	reason := string(bytes.TrimSpace(line[i+len("Fyne error:  "):]))
	if _, ok := noise[reason]; ok {
		return reason
	}
	return ""
}

package export

import (
	"fmt"
	"io"

	"github.com/signintech/gopdf"
)

// DefaultPartPages is how many pages one file of a split pack holds at
// most. gopdf keeps every page of a document until it is written, so a
// file of 2,000 pages bounds the memory whatever the number of signatures.
const DefaultPartPages = 2000

// MinPartPages is the smallest PackOptions.PartPages: a continuation page
// and a few pages must fit in one file (and the cover letter in the first,
// which PackFiles checks).
const MinPartPages = 4

// PackOut creates the files of a pack. A pack that fits the page limit is
// one file, suffix ""; a larger one is one or more files per target, with
// suffixes such as "-part-03-of-12" or "-target-2-part-03-of-27" (see
// partSuffix), to be put between the chosen name and its extension.
type PackOut interface {
	Create(suffix string) (io.WriteCloser, error)
}

// writerOut is the PackOut of Pack: one file, never split.
type writerOut struct{ w io.Writer }

func (o writerOut) Create(suffix string) (io.WriteCloser, error) {
	if suffix != "" {
		return nil, fmt.Errorf("the pack needs several files (%s) but only one was given", suffix)
	}
	return nopCloser{o.w}, nil
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// partSuffix names file i of n of a target's part; target is the
// target's number (1, 2, …) when the pack has several targets, else 0.
// The numbers are zero-padded so the files sort in order.
func partSuffix(target, i, n int) string {
	s := ""
	if target > 0 {
		s = fmt.Sprintf("-target-%d", target)
	}
	if n > 1 {
		w := len(fmt.Sprint(n))
		s += fmt.Sprintf("-part-%0*d-of-%0*d", max(w, 2), i, max(w, 2), n)
	}
	return s
}

// partFiles is how many files a target's part of numbered pages takes
// at limit pages a file: every file after the first starts with a
// continuation page, and the last ends with the envelope.
func partFiles(numbered, limit int) int {
	return (numbered + limit - 2) / (limit - 1)
}

// fileState is the file being written: its document, its signatures and
// what the continuation page of the next file says about it.
type fileState struct {
	suffix     string
	index, of  int    // "part index of of"; of is 0 for an unsplit pack
	target     int    // the target's number in the names, 0 if only one
	pages      int    // pages in this file so far, continuation included
	first      int    // first numbered page, 0 until one is drawn
	last       int    // last numbered page
	firstLabel string // the first page's footer label ("Sheet 12")
	lastLabel  string
}

// openFile starts a new document for the next file.
func (pw *packWriter) openFile(fs fileState) error {
	d, err := newDoc(pw.paper, pw.info)
	if err != nil {
		return err
	}
	pw.d, pw.sigs, pw.file = d, newSigLayer(d.w, d.h), fs
	if fs.of > 1 {
		d.partLabel = fmt.Sprintf(pw.words().partOf, fs.index, fs.of)
	}
	return nil
}

// closeFile adds the signatures to the document and writes it out, so
// its pages leave memory before the next file begins.
func (pw *packWriter) closeFile() error {
	pw.sigs.finish(pw.d.pdf)
	if pw.d.err != nil {
		return pw.d.err
	}
	f, err := pw.out.Create(pw.file.suffix)
	if err != nil {
		return err
	}
	err = pw.d.writeTo(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing the pack file %q: %w", pw.file.suffix, err)
	}
	pw.files = append(pw.files, pw.file.suffix)
	pw.pages += pw.d.pdf.GetNumberOfPages()
	pw.d, pw.sigs = nil, nil
	return nil
}

// beforePage is called before each page of a part is added: when the file
// is full it is written and the next one begins with a continuation page.
// label is the page's footer label, page its number (0: the envelope).
func (pw *packWriter) beforePage(label string, page int) error {
	if pw.limit > 0 && pw.file.pages >= pw.limit {
		if err := pw.nextFile(); err != nil {
			return err
		}
	}
	pw.file.pages++
	if page > 0 {
		if pw.file.first == 0 {
			pw.file.first = page
		}
		if pw.file.firstLabel == "" {
			pw.file.firstLabel = label
		}
		pw.file.last, pw.file.lastLabel = page, label
	}
	return nil
}

// nextFile writes the full file and opens the next, which starts with a
// page saying what came before.
func (pw *packWriter) nextFile() error {
	prev := pw.file
	if err := pw.closeFile(); err != nil {
		return err
	}
	next := fileState{index: prev.index + 1, of: prev.of, target: prev.target}
	next.suffix = partSuffix(next.target, next.index, next.of)
	if err := pw.openFile(next); err != nil {
		return err
	}
	pw.continuation(prev)
	pw.file.pages = 1
	return pw.d.err
}

// continuation draws the first page of a file after the first: which
// part this is and which pages and sheets the one before held, so a
// reader who opens it alone knows where it belongs.
func (pw *packWriter) continuation(prev fileState) {
	d, w := pw.d, pw.words()
	d.addPage()
	x, width := 54.0, d.w-108
	d.fitText(x, 72, width, pw.p.Title, fontBold, 16, 9, gopdf.Left)
	d.fitText(x, 96, width, w.petitionTo+" "+targetName(pw.cur.t), fontRegular, 11, 7, gopdf.Left)
	d.setFont(fontBold, 22)
	d.text(x, 150, width, fmt.Sprintf(w.partOf, pw.file.index, pw.file.of), gopdf.Left)
	y := 190.0
	text := fmt.Sprintf(w.continued, prev.index, prev.first, prev.last, prev.firstLabel, prev.lastLabel, prev.last+1)
	for _, line := range d.wrap(text, fontRegular, 12, width) {
		d.setFont(fontRegular, 12)
		d.text(x, y, width, line, gopdf.Left)
		y += 17
	}
}

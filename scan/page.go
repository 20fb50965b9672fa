package scan

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"math"

	"github.com/petitiondesk/petitiondesk/petition/layout"
)

// Result is what the scanner made of one page.
type Result struct {
	File string `json:"file"`
	Page int    `json:"page"` // page within the file, from 1

	// Problem is one plain line when the page could not be counted (an
	// unreadable file, no QR code, a sheet this database never printed);
	// empty when it was. A page with a problem has no count.
	Problem string `json:"problem,omitempty"`
	Err     error  `json:"-"` // the underlying error for unreadable input

	// Filled in once the QR code was read and the sheet identified.
	PetitionID string         `json:"petition_id,omitempty"`
	Reference  string         `json:"reference,omitempty"`
	Sheet      int            `json:"sheet,omitempty"`
	SheetPage  int            `json:"sheet_page,omitempty"` // page of the sheet, from the QR code
	Payload    layout.Payload `json:"-"`
	// NoQR is true when the page image was read but carries no QR code:
	// a sheet printed elsewhere, to attach by hand.
	NoQR bool `json:"no_qr,omitempty"`

	Rows       []Row   `json:"rows,omitempty"`
	Count      int     `json:"count"`      // rows written and not crossed out
	Struck     int     `json:"struck"`     // rows crossed out
	Confidence float64 `json:"confidence"` // 0..1: the least certain row's confidence
	UpsideDown bool    `json:"upside_down,omitempty"`
	// Turned is how the page lay in the image, clockwise: 0, 90, 180 or
	// 270 degrees (a phone photo taken sideways). The stored image is
	// turned upright.
	Turned int `json:"turned,omitempty"`

	// Image is the page as it should be stored: the scanner's own JPEG
	// when it is of a sensible size, else re-encoded; upright.
	Image  []byte `json:"-"`
	ImageW int    `json:"image_width,omitempty"`
	ImageH int    `json:"image_height,omitempty"`
	Digest string `json:"digest,omitempty"` // SHA-256 of the source image bytes
}

func digest(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// OK reports whether the page was identified and counted.
func (r *Result) OK() bool { return r.Problem == "" }

// ReviewBelow is the confidence under which a row's verdict is left to a
// person: such a row is "to review", counted only once confirmed.
const ReviewBelow = 0.5

// Unsure lists the numbers of the rows to review.
func (r *Result) Unsure() []int {
	var out []int
	for _, row := range r.Rows {
		if row.Confidence < ReviewBelow {
			out = append(out, row.Number)
		}
	}
	return out
}

// SureCount is Count without the rows to review: what a page counts for
// until a person has looked at them.
func (r *Result) SureCount() int {
	n := 0
	for _, row := range r.Rows {
		if row.Written && row.Confidence >= ReviewBelow {
			n++
		}
	}
	return n
}

// decodeFor decodes src for res, which gets the file's digest; when the
// image cannot be read it gets the problem instead and nil is returned.
func decodeFor(src Source, res *Result) *decoded {
	res.Digest = src.digest()
	d, err := decode(src)
	if err != nil {
		res.Err = &InputError{File: src.File, Page: pageIfPDF(src), Err: err}
		res.Problem = err.Error()
		return nil
	}
	return d
}

// analyse reads one page source end to end.
func analyse(src Source, cat *catalog) Result { return analyseHinted(src, cat, nil) }

// analyseHinted reads one page source end to end; a page with no
// readable code is taken as a page of the hinted sheet, if any.
func analyseHinted(src Source, cat *catalog, hint *SheetHint) Result {
	res := Result{File: src.File, Page: src.Page}
	d := decodeFor(src, &res)
	if d == nil {
		return res
	}
	t, ok := identify(&res, d, cat)
	if !ok && res.NoQR && hint != nil {
		t, ok = identifyByHint(&res, d, cat, hint)
	}
	if ok {
		count(&res, d, &t.transform, t.steady())
	}
	return res
}

func pageIfPDF(src Source) int {
	if sniff(src.Data) == fmtJPEG && src.Page == 1 {
		return 0
	}
	return src.Page
}

// identify reads the QR code, finds the sheet it names and fits the page
// geometry onto the image.
func identify(res *Result, d *decoded, cat *catalog) (fit, bool) {
	q, err := findQR(&d.y)
	if err != nil {
		res.NoQR, res.Problem = true, ProblemNoQR // a sheet printed elsewhere, black and white or not
		return fit{}, false
	}
	pl, err := layout.ParsePayload(q.text)
	if err != nil {
		res.Problem = ProblemForeignQR
		return fit{}, false
	}
	res.Payload, res.Sheet, res.SheetPage = pl, pl.Sheet, pl.Page
	p, sh, problem, err := cat.identify(pl)
	if err != nil {
		res.Problem, res.Err = "the database could not be read: "+err.Error(), err
		return fit{}, false
	}
	if p != nil {
		res.PetitionID, res.Reference = p.ID, p.Reference
	}
	if problem != "" || sh == nil {
		res.Problem = problem
		return fit{}, false
	}
	t, err := fitPage(&d.y, q, pl.Paper)
	if err != nil { // the spare code taken for the main one, or the other way
		q.spare = !q.spare
		t, err = fitPage(&d.y, q, pl.Paper)
	}
	if err != nil {
		res.Problem = ProblemNoMarks
		if d.bilevel {
			res.Problem = ProblemBlackWhite
		}
		return fit{}, false
	}
	return t, true
}

// fit is the page geometry fitted onto the image, and how many corner
// marks it went through.
type fit struct {
	transform
	marks int
	codes int // QR codes the fit went through (the spare one steadies it)
}

// steady reports a fit that places the rows without the printed grid (a
// black-and-white copy lost it): through the four marks, or through two
// or three and both codes, far apart on the page, of a flat scan.
func (f fit) steady() bool { return f.marks == 4 || f.marks >= 2 && f.codes == 2 }

var errMarks = errors.New("alignment marks not found")

// predictor is the best guess of the page geometry from the marks found
// so far and the QR code: with three marks, a perspective through them
// and the QR code's first finder centre (an affine fit cannot follow a
// photo's keystone to the fourth corner); with fewer, an affine fit.
func predictor(src, dst []pt, q *qrFound, paper layout.Paper) (transform, error) {
	qsrc, qdst := qrPoints(q, paper)
	// The main code sits by the bottom-right mark, which the three
	// others and the code then pin down in perspective; the spare code
	// sits by the bottom-left mark and adds nothing there.
	if len(src) == 3 && !q.spare {
		if t, err := homography4([4]pt{src[0], src[1], src[2], qsrc[0]}, [4]pt{dst[0], dst[1], dst[2], qdst[0]}); err == nil {
			return t, nil
		}
	}
	return affineFit(append(src, qsrc[:]...), append(dst, qdst[:]...))
}

// fitPage maps the page geometry onto the image: a coarse transform from
// the QR code's finder patterns, then the alignment marks found near
// where it predicts them, then a projective fit through all four (or an
// affine one through three). The fit must agree with the QR code.
func fitPage(p *plane, q *qrFound, paper layout.Paper) (fit, error) {
	coarse, err := qrTransform(q, paper)
	if err != nil {
		return fit{}, errMarks
	}
	found, ok := findMarks(p, coarse, paper)
	marks := layout.Marks(paper)
	pairs := func() (src, dst []pt) {
		for i, m := range marks {
			if ok[i] {
				src, dst = append(src, pt{m.CenterX(), m.CenterY()}), append(dst, found[i])
			}
		}
		return
	}
	src, dst := pairs()
	for again := 0; again < 2 && len(src) >= 2 && len(src) < 4; again++ {
		// The QR code is small, so its transform extrapolates poorly to the
		// far corners (more so in a photo taken at an angle). Predict the
		// missing marks again from the marks found, look wider, and once
		// more if that found one (a third mark improves the guess).
		better, err := predictor(src, dst, q, paper)
		if err != nil {
			break
		}
		for i, m := range marks {
			if !ok[i] {
				c := pt{m.CenterX(), m.CenterY()}
				found[i], ok[i] = findMark(p, better.apply(c), better.pxPerPt(c), markRadiusAgain)
				ok[i] = ok[i] && !inCodes(&better, paper, found[i])
			}
		}
		n := len(src)
		if src, dst = pairs(); len(src) == n {
			break
		}
	}
	var t transform
	codes := 1
	switch {
	case len(src) == 4:
		t, err = homography4([4]pt(src), [4]pt(dst))
	case len(src) >= 2:
		// A corner or two cut off by a tilted page on an A4-sized scan:
		// the marks left and the QR code's finder centres still fix an
		// affine transform (no perspective, which a scanner has none of).
		// The other code, far across the page, steadies the fit.
		qsrc, qdst := qrPoints(q, paper)
		asrc := append(append([]pt{}, src...), qsrc[:]...)
		adst := append(append([]pt{}, dst...), qdst[:]...)
		if t0, err := affineFit(asrc, adst); err == nil {
			osrc, odst := otherCodePoints(p, q, &t0, paper)
			asrc, adst = append(asrc, osrc...), append(adst, odst...)
			if len(osrc) > 0 {
				codes = 2
			}
		}
		t, err = affineFit(asrc, adst)
	default:
		return fit{}, errMarks
	}
	if err != nil {
		return fit{}, errMarks
	}
	// The code's corners, mapped through the fit, must land within about
	// 6.5 points (three modules of the main code) of where the code's
	// own finder patterns put them.
	c, _ := qrTransform(q, paper)
	box := q.box(paper)
	tol := 3*q.module*(layout.QRSize/33.0)/(box.W/float64(q.modules+8)) + 2
	for _, pp := range []pt{{box.X, box.Y}, {box.X1(), box.Y}, {box.X, box.Y1()}} {
		if t.apply(pp).dist(c.apply(pp)) > tol {
			return fit{}, errMarks
		}
	}
	if s := t.pxPerPt(pt{box.X, box.Y}); math.IsNaN(s) || s < 0.5 {
		return fit{}, errMarks
	}
	return fit{t, len(src), codes}, nil
}

package scan

import (
	"math"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/petition/layout"
)

// SheetHint names the sheet of pages whose QR codes cannot be read (a pen
// line across both, a torn and scribbled page): a person read the sheet
// number printed in large digits at the bottom of the page.
type SheetHint struct {
	PetitionID string
	Sheet      int
	// Page is the page of the sheet; 0 finds it from the printed table
	// (pages of one sheet differ in their rows).
	Page int
}

// ProblemNoCode is the problem of a page with no readable code when a
// sheet number given for it did not fit either.
const ProblemNoCode = "no QR code could be read and the page does not fit the sheet's layout: scan the whole page, flat"

// AnalyseSheet reads one page source whose QR codes may be unreadable, as
// the page of the hinted sheet. A code that does read still wins.
func AnalyseSheet(src Source, cat Catalog, hint SheetHint) Result {
	return analyseHinted(src, newCatalog(cat), &hint)
}

// identifyByHint identifies a page without a readable code by the sheet
// number a person gave: it fits the page by its four corner marks alone
// (upright or upside down), and takes the sheet's page layout, among
// those the blank sheets can have, whose printed grid lines up.
func identifyByHint(res *Result, d *decoded, cat *catalog, hint *SheetHint) (fit, bool) {
	p := cat.petition(hint.PetitionID)
	if p == nil {
		res.Problem = ProblemOtherDB
		return fit{}, false
	}
	for _, paper := range papersByShape(&d.y) {
		fits := markFits(&d.y, paper)
		cands := sheetPages(p, paper, hint.Page)
		for _, t := range fits {
			if c, ok := alignedPage(&d.y, &t.transform, paper, cands); ok {
				return t, takeHinted(res, cat, p, hint, paper, c)
			}
		}
		// A letter page without rows: no table anywhere on the page.
		for _, c := range cands {
			if c.N == 0 && len(fits) > 0 && !d.bilevel && noTable(&d.y, fits, paper) {
				return fits[0], takeHinted(res, cat, p, hint, paper, c)
			}
		}
	}
	res.Problem = ProblemNoCode
	if d.bilevel { // its grid is gone: nothing tells its pages apart
		res.Problem = ProblemBlackWhite
	}
	return fit{}, false
}

// takeHinted identifies the page as the hinted sheet's page c, if the
// database printed that sheet.
func takeHinted(res *Result, cat *catalog, p *petition.Petition, hint *SheetHint, paper layout.Paper, c pageCand) bool {
	pl := layout.Payload{Petition: layout.ShortID(p.ID), Sheet: hint.Sheet, Page: c.page, Paper: paper, Kind: c.Kind, First: c.First, N: c.N}
	res.NoQR, res.Problem = false, ""
	res.Payload, res.Sheet, res.SheetPage = pl, pl.Sheet, pl.Page
	res.PetitionID, res.Reference = p.ID, p.Reference
	_, sh, problem, err := cat.identify(pl)
	switch {
	case err != nil:
		res.Problem, res.Err = "the database could not be read: "+err.Error(), err
	case problem != "" || sh == nil:
		res.Problem = problem
	}
	return res.Problem == ""
}

// noTable reports that no fit finds a grid line where every table ends
// (layout.TableBottom): a page with rows is never taken for one without.
func noTable(p *plane, fits []fit, paper layout.Paper) bool {
	tb, err := layout.Rows(paper, layout.KindRows, 1, 1)
	if err != nil {
		return false
	}
	var vals []byte
	for _, f := range fits {
		y := layout.TableBottom(paper)
		for _, x := range [][2]float64{{tb.Name.X0 + 4, tb.Address.X0}, {tb.Address.X1, tb.Signature.X1 - 4}} {
			if _, ok := findLine(p, &f.transform, x[0], x[1], y, &vals); ok {
				return false
			}
		}
	}
	return true
}

// papersByShape lists the paper sizes, the one closest to the image's
// proportions first.
func papersByShape(p *plane) []layout.Paper {
	ratio := float64(max(p.w, p.h)) / float64(max(1, min(p.w, p.h)))
	aw, ah := layout.A4.Size()
	lw, lh := layout.Letter.Size()
	if math.Abs(ratio-lh/lw) < math.Abs(ratio-ah/aw) {
		return []layout.Paper{layout.Letter, layout.A4}
	}
	return []layout.Paper{layout.A4, layout.Letter}
}

// markFits fits the page onto the image by its corner marks alone,
// assuming the page fills the image, upright; then the same marks taken
// upside down (the four marks look alike). At least three marks are
// needed.
func markFits(p *plane, paper layout.Paper) []fit {
	w, h := paper.Size()
	s := min(float64(p.w)/w, float64(p.h)/h)
	ox, oy := (float64(p.w)-w*s)/2, (float64(p.h)-h*s)/2
	coarse := transform{s, 0, ox, 0, s, oy, 0, 0, 1}
	marks := layout.Marks(paper)
	var found [4]pt
	var ok [4]bool
	for i, m := range marks {
		found[i], ok[i] = findMark(p, coarse.apply(pt{m.CenterX(), m.CenterY()}), s, markRadiusAgain)
	}
	var out []fit
	for _, flip := range []bool{false, true} {
		var src, dst []pt
		for i, m := range marks {
			j := i
			if flip {
				j = 3 - i // top-left seen where the bottom-right was, and so on
			}
			if ok[j] {
				src, dst = append(src, pt{m.CenterX(), m.CenterY()}), append(dst, found[j])
			}
		}
		var t transform
		var err error
		switch len(src) {
		case 4:
			t, err = homography4([4]pt(src), [4]pt(dst))
		case 3:
			t, err = affineFit(src, dst)
		default:
			return nil
		}
		if err == nil {
			out = append(out, fit{t, len(src), 0})
		}
	}
	return out
}

// pageCand is a layout a page of a blank sheet can have.
type pageCand struct {
	layout.PageRows
	page int
}

// sheetPages lists the layouts page `page` (0: any page) of a blank
// sheet of p can have: the letter may have fitted above the rows under it
// or not, and may have taken one to three pages (export's planSheet);
// largest tables first, and for one layout the earliest page.
func sheetPages(p *petition.Petition, paper layout.Paper, page int) []pageCand {
	per := max(p.RowsPerSheet, 1)
	var out []pageCand
	seen := map[layout.PageRows]bool{}
	for letter := 1; letter <= 3; letter++ {
		for _, under := range []int{min(p.RowsFirstPage, per), 0} {
			for i, pr := range layout.SplitSheet(paper, letter, under, per) {
				if (page == 0 || page == i+1) && !seen[pr] {
					seen[pr] = true
					out = append(out, pageCand{pr, i + 1})
				}
			}
		}
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && (out[j].N > out[j-1].N || out[j].N == out[j-1].N && out[j].page < out[j-1].page); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// alignedPage returns the first layout with rows whose printed grid
// lines up under t: its row lines and the label row's top line are where
// t puts them.
func alignedPage(p *plane, t *transform, paper layout.Paper, cands []pageCand) (pageCand, bool) {
	var vals []byte
	for _, c := range cands {
		tb, err := layout.Rows(paper, c.Kind, c.First, c.N)
		if err != nil {
			continue
		}
		if c.N == 0 {
			continue // see noTable
		}
		mid := tb.Address.X0 + tb.Address.W()/2
		_, left := findLine(p, t, tb.Name.X0+4, mid, tb.Label.Y, &vals)
		_, right := findLine(p, t, mid, tb.Signature.X1-4, tb.Label.Y, &vals)
		if _, ok := gridEdges(p, t, tb); ok && left && right {
			return c, true
		}
	}
	return pageCand{}, false
}

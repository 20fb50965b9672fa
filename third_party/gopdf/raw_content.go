package gopdf

import "io"

// This file is Petition Desk's addition to gopdf v0.33.0 (see PATCHES.md).

// cacheContentRaw is content-stream text written as it was given.
type cacheContentRaw struct{ ops []byte }

func (c *cacheContentRaw) write(w io.Writer, _ *PDFProtection) error {
	_, err := w.Write(c.ops)
	return err
}

// RawContent appends PDF content-stream operators to the current page as
// they are, for drawing that gopdf has no call for (or that would cost an
// object per operator), such as painting a Form XObject added with
// ImportObjects and named with ImportTemplates: "/Name Do\n". The caller
// answers for the operators' syntax, for leaving the graphics state as it
// found it, and for the resources they name. Coordinates are PDF's own
// (points, origin at the bottom left), not the document's units. The
// operators become part of the page's content stream, which SetProtection
// encrypts with the rest of it; objects added with ImportObjects are
// written as given.
func (gp *GoPdf) RawContent(ops []byte) {
	gp.getContent().listCache.append(&cacheContentRaw{ops: ops})
}

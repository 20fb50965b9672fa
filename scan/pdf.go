package scan

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// pdfcpu keeps a configuration directory unless told not to; the scanner
// needs none, and must not write to the user's config folder.
var pdfOnce sync.Once

// pdfImages returns, for each page of a PDF of scans, the largest image on
// that page, byte for byte as the scanner stored it (a JPEG stays the same
// JPEG). Images larger than MaxPixels are refused before pdfcpu decodes
// them. pdfcpu may panic on a malformed file; that becomes an error.
func pdfImages(data []byte) (pages []Source, err error) {
	pdfOnce.Do(api.DisableConfigDir)
	defer func() {
		if r := recover(); r != nil {
			pages, err = nil, fmt.Errorf("the PDF is damaged (%v)", r)
		}
	}()
	conf := model.NewDefaultConfiguration()
	conf.Cmd = model.EXTRACTIMAGES
	conf.Offline = true // never follow a link in a PDF (the app makes no network connection)
	ctx, err := api.ReadValidateAndOptimize(bytes.NewReader(data), conf)
	if err != nil {
		return nil, errors.New("the PDF is damaged or encrypted")
	}
	var tooLarge bool
	for pageNr := 1; pageNr <= ctx.PageCount; pageNr++ {
		img, big := largestImage(ctx, pageNr)
		tooLarge = tooLarge || big
		if img != nil {
			pages = append(pages, Source{Page: pageNr, Data: img})
		}
	}
	switch {
	case len(pages) == 0 && tooLarge:
		return nil, ErrTooLarge
	case len(pages) == 0:
		return nil, ErrNoImages
	}
	return pages, nil
}

// largestImage extracts the page's largest image that is within the pixel
// cap; big reports an image skipped for its size.
func largestImage(ctx *model.Context, pageNr int) (best []byte, big bool) {
	bestPx := 0
	for _, objNr := range pdfcpu.ImageObjNrs(ctx, pageNr) {
		obj := ctx.Optimize.ImageObjects[objNr]
		if obj == nil || obj.ImageDict == nil {
			continue
		}
		w, h := obj.ImageDict.IntEntry("Width"), obj.ImageDict.IntEntry("Height")
		if w == nil || h == nil || *w <= 0 || *h <= 0 {
			continue
		}
		px := *w * *h
		if *w > MaxPixels || *h > MaxPixels || px > MaxPixels {
			big = true
			continue
		}
		if px <= bestPx {
			continue
		}
		name := obj.ResourceNames[pageNr-1]
		img, err := pdfcpu.ExtractImage(ctx, obj.ImageDict, false, name, objNr, false)
		if err != nil || img == nil || img.Reader == nil {
			continue
		}
		b, err := io.ReadAll(io.LimitReader(img.Reader, MaxFileSize))
		if err != nil || sniff(b) == fmtNone {
			continue
		}
		best, bestPx = b, px
	}
	return best, big
}

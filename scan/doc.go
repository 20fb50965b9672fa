// Package scan reads scanned paper signature sheets back: it takes image
// files (JPEG, PNG, TIFF) and PDFs of scans, finds the QR code that names
// the petition, sheet and page, locates the four alignment marks, maps the
// sheet geometry of petition/layout onto the image and decides for each
// printed row whether someone wrote in it. No OCR: a row counts when its
// name or signature cell holds ink.
//
// The package stores nothing. Batch returns a Result per page (with the
// page image to keep, re-encoded at a sensible size, and a crop per row
// for review); the caller (the command line or the Scan screen) decides
// what to store. Bad input never stops a batch: each file or page that
// cannot be read becomes a Result with a Problem.
//
// Speed comes from touching few pixels: the QR code is decoded from a
// crop of the JPEG's own luminance plane, and only the row cells are
// sampled through the fitted transform; the page is never warped.
package scan

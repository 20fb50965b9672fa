// Package export writes what leaves Petition Desk: the PDF pack, blank
// sheets, the Excel summary and CSV totals. It reads its data through small
// interfaces rather than the store itself, streams signatures rather than
// loading them, and never imports the UI.
package export

// Package export writes what leaves Petition Desk: the PDF pack, blank
// sheets, the Excel summary and CSV totals. Each writer writes to an
// io.Writer; the desk package puts the result into a file (atomically,
// audited). It reads its data through small interfaces rather than the
// store itself, streams signatures rather than loading them, and never
// imports the UI.
package export

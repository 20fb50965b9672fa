// Package layout is the one place that fixes the geometry of the printed
// signature sheets: paper sizes, the four alignment marks, the QR code box
// and its payload format, and the table of numbered rows with its name,
// address and signature cells.
//
// The PDF export draws the sheets from these numbers and the scanner reads
// them back with the same numbers, so a change here changes both at once.
// Every function is pure: the scanner can compute the whole row table of a
// page from the QR payload alone (paper, page kind, first row and row
// count travel in the payload), without knowing the letter text.
//
// All lengths are PDF points (1/72 inch), measured from the top-left
// corner of the page, x to the right and y downwards, as a scanner sees an
// upright page image. Multiply by dpi/72 to get pixels.
//
// A sheet page looks like this (not to scale):
//
//	■                                          ■   alignment marks
//	  title / letter text (kind L: the letter;
//	  kind R: title and demands in a header box)
//	  ┌──┬──────────┬───────────┬───────────┐
//	  │No│ Name     │ Address   │ Signature │   label row
//	  ├──┼──────────┼───────────┼───────────┤
//	  │ 1│          │           │           │   rows, anchored at the
//	  │ 2│          │           │           │   bottom (TableBottom)
//	  └──┴──────────┴───────────┴───────────┘
//	  deadline, return address,         ┌──┐
//	  privacy notice (footer box)       │QR│
//	■                                   └──┘   ■
//
// Pure Go: no PDF, image or UI packages.
package layout

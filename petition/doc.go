// Package petition holds Petition Desk's domain: petitions (cases), their
// sheets and signatures, validation, deadline arithmetic and duplicate
// detection. It is pure Go on purpose: it knows nothing of storage or of the
// window, so the store, the exports, the scanner and the UI all share one
// set of rules.
package petition

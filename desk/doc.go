// Package desk holds each user action that leaves files or changes data,
// once: it writes atomically, encrypts when asked and audits. The window
// (ui) and the command line (cmd/petitiondesk) are thin callers: they
// parse flags or build widgets, call one function here and word its
// result.
//
// Each file is named after the action it runs: export_xlsx.go writes the
// Excel summary, export_csv.go the CSV totals, export_pdf.go the
// petition pack, export_blank.go blank sheets, export_bundle.go the
// bundle for the coordinator, import_bundle.go imports one, folder.go
// and folder_watch.go collect a shared folder of bundles,
// share_folder.go writes a group's daily bundle into one, campaign.go
// sends and reads signed campaign files, backup.go the backup, person.go
// one signer's data, scan.go a scanned page with its count. files.go is the
// one atomic writer, audit.go the one rule that every export is
// recorded.
//
// Layering: ui and cmd → desk → {store, scan, export} → petition. desk
// never imports Fyne.
package desk

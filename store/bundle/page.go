package bundle

import "time"

// Page is one scanned page image of a paper sheet. Its bytes are the zip
// member named Member (pages/<n>.<ext>), listed in pages.jsonl.
type Page struct {
	PetitionID  string `json:"petition_id"`
	Group       string `json:"group"`
	Sheet       int    `json:"sheet"` // the sheet's number in its group of origin
	Page        int    `json:"page"`  // 1-based page of the sheet
	ContentType string `json:"content_type"`
	Member      string `json:"member"`

	// What the scanner read from the page, as the group's database keeps it.
	Count      int       `json:"count"`
	Confidence float64   `json:"confidence"`
	Manual     bool      `json:"manual,omitempty"`
	Digest     string    `json:"digest,omitempty"` // SHA-256 of the file that was scanned
	Width      int       `json:"width,omitempty"`
	Height     int       `json:"height,omitempty"`
	Scanned    time.Time `json:"scanned"`
}

// contentTypes maps the image types a bundle may carry to a file extension.
var contentTypes = map[string]string{"image/jpeg": ".jpg", "image/png": ".png"}

package bundle

// Page is one scanned page image of a paper sheet. Its bytes are the zip
// member named Member (pages/<n>.<ext>), listed in pages.jsonl.
type Page struct {
	PetitionID  string `json:"petition_id"`
	Group       string `json:"group"`
	Sheet       int    `json:"sheet"` // the sheet's number in its group of origin
	Page        int    `json:"page"`  // 1-based page of the sheet
	ContentType string `json:"content_type"`
	Member      string `json:"member"`
}

// contentTypes maps the image types a bundle may carry to a file extension.
var contentTypes = map[string]string{"image/jpeg": ".jpg", "image/png": ".png"}

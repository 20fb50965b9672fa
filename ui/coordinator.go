package ui

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

// The Coordinator screen: the coordinator merges the bundles local groups
// send (on a USB stick, by email) and sees the totals split by group.
// Importing and making a key live in coordinator_import.go and
// coordinator_key.go; the list of possible duplicates, which shows names
// and addresses, in coordinator_dups.go, opened only on demand.

func init() {
	addScreen(screen{order: 60, key: "coordinator", title: "Coordinator", icon: theme.IconNameDownload,
		build: func(st *appState) fyne.CanvasObject { return newCoordinatorScreen(st).content }})
}

// coordinatorData is what the screen shows, read in one background pass.
type coordinatorData struct {
	own      *petition.GroupInfo // nil until the group is named or first exports
	groups   []petition.GroupInfo
	receipts map[string]store.BundleReceipt // by bundle id
	byGroup  []petition.GroupTotals         // the current petition's
	total    petition.Totals                // the store's own totals: the total line
	key      coordinatorKey                 // the key file used last, if any
	share    store.SharedFolder             // where this group's bundle goes daily, if anywhere
}

// coordinatorScreen is the screen's widgets and data.
type coordinatorScreen struct {
	st       *appState
	p        *petition.Petition
	content  *fyne.Container // the overview or the duplicates list
	overview *fyne.Container // the overview's boxes, laid out again when data comes
	data     coordinatorData

	name               *widget.Entry
	saveName           *widget.Button
	importBtn, keyBtn  *widget.Button
	collectBtn         *widget.Button  // Collect bundles from folder… (coordinator_folder.go)
	sendBtn            *widget.Button  // Send campaign to groups…
	shareBox           *fyne.Container // the shared folder setting (share_folder.go)
	shareBtn           *widget.Button  // choose (or change) the shared folder
	shareStop          *widget.Button  // stop writing there
	shareDialog        *dialog.ConfirmDialog
	shareKey           *widget.Entry // the coordinator's key in that dialog
	folder             *folderRun    // the folder collection under way, if any
	keyBox             *fyne.Container
	groupsBox          *fyne.Container
	totalsBox          *fyne.Container
	dupText            *widget.Label
	showDups           *widget.Button
	ownKeyBox          *fyne.Container       // this group's key fingerprint
	forgetBox          *fyne.Container       // "Forget a group's key…", when a key is pinned
	forgetBtn          *widget.Button        // tests press it
	forgetDialog       *dialog.ConfirmDialog // tests confirm it
	dups               *duplicatesView       // open list of possible duplicates, if any
	imp                *bundleImport         // the import under way, if any
	keyFile            string                // the key file that opened the bundle being imported
	progressSeen       func(done, total int) // tests: told after each progress step
	lastReport, failed string                // the last import's words, for tests
}

func (c *coordinatorScreen) screenContent() fyne.CanvasObject { return c.content }

func newCoordinatorScreen(st *appState) *coordinatorScreen {
	c := &coordinatorScreen{st: st, p: st.petition(), content: container.NewStack()}
	st.shown = c
	c.name = widget.NewEntry()
	c.name.SetPlaceHolder(T("e.g. Amnesty group Thun"))
	c.name.OnSubmitted = func(string) { c.onSaveName() }
	c.saveName = widget.NewButtonWithIcon(T("Save name"), theme.DocumentSaveIcon(), c.onSaveName)
	c.importBtn = widget.NewButtonWithIcon(T("Import bundle…"), theme.DownloadIcon(), c.onImport)
	c.importBtn.Importance = widget.HighImportance
	c.keyBtn = widget.NewButtonWithIcon(T("Create a coordinator key…"), theme.LoginIcon(), c.onCreateKey)
	c.folderButtons()
	c.shareBox = container.NewVBox()
	c.keyBox, c.groupsBox, c.totalsBox = container.NewVBox(), container.NewVBox(), container.NewVBox()
	c.ownKeyBox, c.forgetBox = container.NewVBox(), container.NewVBox()
	c.dupText = widget.NewLabel("")
	c.dupText.Wrapping = fyne.TextWrapWord
	c.showDups = widget.NewButtonWithIcon(T("Show possible duplicates"), theme.VisibilityIcon(), c.onShowDuplicates)
	c.showDups.Disable()
	st.mark("coordinator.import", c.importBtn)
	c.showOverview()
	c.load()
	return c
}

// showOverview puts the overview (back) in place of the duplicates list.
func (c *coordinatorScreen) showOverview() {
	c.dups = nil
	own := widget.NewLabelWithStyle(T("This database's group:"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	nameRow := container.NewBorder(nil, nil, own, c.saveName, c.name)
	intro := wrapLabel(T("Bundles you export carry this group's name. Groups send you their collection as a bundle file; importing one is safe to repeat: the same bundle twice changes nothing, and a person who signed with two groups is flagged, never dropped."))
	campaign := wrapLabel(T("Send the groups the current petition as a campaign file, signed with this database's key: they open it with Open campaign file… on their Petitions screen. A later file updates their petition (deadline, targets, letter) and never touches their signatures."))
	top := container.NewVBox(nameRow, c.ownKeyBox, intro, container.NewHBox(c.importBtn, c.collectBtn), container.NewHBox(c.keyBtn), c.keyBox,
		widget.NewCard(T("Groups and their last bundle"), "", container.NewVBox(c.groupsBox, c.forgetBox)),
		widget.NewCard(c.totalsTitle(), "", container.NewVBox(c.totalsBox, c.dupText, container.NewHBox(c.showDups))),
		widget.NewCard(T("Campaigns and shared folders"), "", container.NewVBox(campaign, container.NewHBox(c.sendBtn), c.shareBox)),
	)
	c.overview = top
	c.content.Objects = []fyne.CanvasObject{container.NewVScroll(container.NewPadded(top))}
	c.content.Refresh()
}

func (c *coordinatorScreen) totalsTitle() string {
	if c.p == nil {
		return T("Totals by group")
	}
	return T("Totals of %s by group", c.p.Reference)
}

// load reads groups, bundles and the current petition's totals in the
// background, then redraws the overview.
func (c *coordinatorScreen) load() {
	st, p := c.st, c.p
	inBackground(st, func() (coordinatorData, error) { return readCoordinatorData(st, p) }, func(d coordinatorData) {
		c.data = d
		c.refresh()
	})
}

func readCoordinatorData(st *appState, p *petition.Petition) (coordinatorData, error) {
	d := coordinatorData{receipts: map[string]store.BundleReceipt{}}
	var err error
	if d.groups, err = st.store.Groups(); err != nil {
		return d, err
	}
	for i := range d.groups {
		if d.groups[i].Own {
			d.own = &d.groups[i]
		}
	}
	receipts, err := st.store.Receipts()
	if err != nil {
		return d, err
	}
	for _, r := range receipts {
		d.receipts[r.ID] = r
	}
	d.key = readCoordinatorKey(st.app.Preferences().String(prefCoordinatorKey))
	if d.share, err = st.store.SharedFolder(); err != nil {
		return d, err
	}
	if p == nil {
		return d, nil
	}
	if d.byGroup, err = st.store.TotalsByGroup(p.ID); err != nil {
		return d, err
	}
	d.total, err = st.store.Totals(p.ID)
	return d, err
}

// refresh redraws the overview from c.data.
func (c *coordinatorScreen) refresh() {
	if c.data.own != nil && c.name.Text == "" {
		c.name.SetText(c.data.own.Name)
	}
	c.keyBox.Objects = c.keyLines()
	c.keyBox.Refresh()
	c.groupsBox.Objects = []fyne.CanvasObject{c.groupsTable()}
	c.groupsBox.Refresh()
	c.ownKeyBox.Objects = []fyne.CanvasObject{c.ownKeyLine()}
	c.ownKeyBox.Refresh()
	c.shareBox.Objects = []fyne.CanvasObject{c.shareLine()}
	c.shareBox.Refresh()
	c.forgetBox.Objects = []fyne.CanvasObject{c.forgetButton()}
	c.forgetBox.Refresh()
	c.totalsBox.Objects = []fyne.CanvasObject{c.totalsTable()}
	c.totalsBox.Refresh()
	switch n := c.data.total.Duplicates; {
	case c.p == nil:
		c.dupText.SetText("")
		c.showDups.Disable()
	case n == 0:
		c.dupText.SetText(T("No rows of this petition are flagged as possible duplicates."))
		c.showDups.Disable()
	default:
		c.dupText.SetText(TN(n, "%d row is flagged as a possible duplicate (the same name and postcode as another). It counts until someone strikes it out. The list shows names and addresses.",
			"%d rows are flagged as possible duplicates (the same name and postcode). They all count until someone strikes one out. The list shows names and addresses.", n))
		c.showDups.Enable()
	}
	// The boxes changed size: lay the overview and its scroller out again.
	c.overview.Refresh()
	c.content.Refresh()
}

// groupsTable lists the groups bundles came from, with their last bundle.
func (c *coordinatorScreen) groupsTable() fyne.CanvasObject {
	var rows [][]string
	for _, g := range c.data.groups {
		if g.Own {
			continue
		}
		made, held := "—", "—"
		if r, ok := c.data.receipts[g.LastBundle]; ok {
			made, held = fmtMoment(r.Created), bundleContents(r)
		}
		rows = append(rows, []string{groupLabel(g.Name, g.ID), fingerprintCell(g), strconv.Itoa(g.Bundles), made, fmtMoment(g.LastImport), held})
	}
	if len(rows) == 0 {
		return wrapLabel(T("No bundle imported yet. When a group sends you a bundle file, import it with Import bundle…"))
	}
	return gridTable([]string{T("Group"), T("Key fingerprint"), T("Bundles"), T("Last bundle made"), T("Imported"), T("It held")}, rows, false, false)
}

// totalsTable splits the current petition's totals by group, with the
// store's totals as the last line.
func (c *coordinatorScreen) totalsTable() fyne.CanvasObject {
	if c.p == nil {
		return wrapLabel(T("Choose a petition (at the top) to see its totals by group."))
	}
	var rows [][]string
	sheets := 0
	for _, g := range c.data.byGroup {
		name := groupLabel(g.GroupName, g.GroupID)
		if g.Own {
			name = T("%s (this database)", groupLabel(ownName(g.GroupName), g.GroupID))
		}
		rows = append(rows, countCells(name, g.Sheets, g.Totals))
		sheets += g.Sheets
	}
	t := c.data.total
	rows = append(rows, countCells(T("Total"), sheets, t))
	return gridTable([]string{T("Group"), T("Sheets"), T("In person"), T("On paper"), T("Struck"), T("Possible duplicates"), T("Valid")}, rows, true, true)
}

func countCells(name string, sheets int, t petition.Totals) []string {
	return []string{name, strconv.Itoa(sheets), strconv.Itoa(t.Digital), strconv.Itoa(t.Paper),
		strconv.Itoa(t.Struck), strconv.Itoa(t.Duplicates), strconv.Itoa(t.Valid())}
}

// ownName translates the store's stand-in for an own group never named.
func ownName(name string) string {
	if name == "this database" {
		return T("this database")
	}
	return name
}

// groupLabel is a group's name, or the end of its id if it has none.
func groupLabel(name, id string) string {
	if name != "" {
		return name
	}
	if len(id) > 6 {
		return "…" + id[len(id)-6:]
	}
	return id
}

// bundleContents says in a few words what a bundle held.
func bundleContents(r store.BundleReceipt) string {
	if r.CountsOnly {
		return T("%s, counts only", TN(r.Counts.Sheets, "%d sheet", "%d sheets", r.Counts.Sheets))
	}
	text := TN(r.Counts.Sheets, "%d sheet", "%d sheets", r.Counts.Sheets) + ", " +
		TN(r.Counts.Signatures, "%d signature", "%d signatures", r.Counts.Signatures)
	if r.Counts.Pages > 0 {
		text += ", " + TN(r.Counts.Pages, "%d scan", "%d scans", r.Counts.Pages)
	}
	return text
}

// fmtMoment writes a date and time in the window's language.
func fmtMoment(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	t = t.Local()
	return fmt.Sprintf("%s %s", fmtDate(petition.DateOf(t)), t.Format("15:04"))
}

func wrapLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// gridTable lays out a small table of labels: a bold header, then the
// rows, the first column wide (names), the others equal. With numbers the
// other columns align right; boldLast makes the last row a total line.
func gridTable(headers []string, rows [][]string, numbers, boldLast bool) fyne.CanvasObject {
	align := fyne.TextAlignLeading
	if numbers {
		align = fyne.TextAlignTrailing
	}
	// Headers and words wrap (a long column title takes two lines);
	// numbers are cut with an ellipsis rather than widen the window.
	line := func(cells []string, bold, header bool) fyne.CanvasObject {
		style := fyne.TextStyle{Bold: bold}
		name := widget.NewLabelWithStyle(cells[0], fyne.TextAlignLeading, style)
		name.Truncation = fyne.TextTruncateEllipsis
		rest := make([]fyne.CanvasObject, len(cells)-1)
		for i, v := range cells[1:] {
			l := widget.NewLabelWithStyle(v, align, style)
			if header || !numbers {
				l.Wrapping = fyne.TextWrapWord
			} else {
				l.Truncation = fyne.TextTruncateEllipsis
			}
			rest[i] = l
		}
		left := container.NewGridWrap(fyne.NewSize(280, name.MinSize().Height), name)
		return container.NewBorder(nil, nil, left, nil, container.NewGridWithColumns(len(rest), rest...))
	}
	box := container.NewVBox(line(headers, true, true), widget.NewSeparator())
	for i, r := range rows {
		if boldLast && i == len(rows)-1 {
			box.Add(widget.NewSeparator())
		}
		box.Add(line(r, boldLast && i == len(rows)-1, false))
	}
	return box
}

// onSaveName names this database's group, as its bundles will show it.
func (c *coordinatorScreen) onSaveName() {
	st, name := c.st, c.name.Text
	st.background(func() {
		_, err := st.store.SetGroupName(name)
		fyne.Do(func() {
			switch {
			case errors.Is(err, store.ErrGroupName):
				dialog.ShowInformation(T("Please check"), T("A group name is 2 to 120 characters of plain text."), st.win)
			case err != nil:
				st.fail(err)
			default:
				c.load()
			}
		})
	})
}

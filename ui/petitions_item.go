package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/petition"
)

// petitionItem is one petition in the list, on two lines: the reference
// and the title have the whole width of the first (a long title is cut
// only when the window is too narrow for it); the second holds the
// deadline state, days left, the post-by date and the count against the
// goal.
type petitionItem struct {
	widget.BaseWidget
	ref, title, days, postBy, count *widget.Label
	badge                           *canvas.Rectangle
	state                           *canvas.Text
	bar                             *goalBar
}

func newPetitionItem() fyne.CanvasObject {
	it := &petitionItem{
		ref:    widget.NewLabelWithStyle("UA 000/00", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		title:  widget.NewLabel("A petition title"),
		days:   widget.NewLabel("56 days left"),
		postBy: widget.NewLabel("post by 13 Jan 2027"),
		count:  widget.NewLabel("0 of 500"),
		badge:  canvas.NewRectangle(color.Transparent),
		state:  canvas.NewText("due soon", color.White),
		bar:    newGoalBar(),
	}
	it.title.Truncation = fyne.TextTruncateEllipsis
	it.badge.CornerRadius = 4
	it.state.TextStyle.Bold, it.state.Alignment = true, fyne.TextAlignCenter
	it.ExtendBaseWidget(it)
	return it
}

// CreateRenderer lays the two lines out.
func (it *petitionItem) CreateRenderer() fyne.WidgetRenderer {
	// Every badge is as wide as the longest state in this language, so the
	// rest of the line starts at the same place in every row.
	badge := container.NewGridWrap(fyne.NewSize(badgeWidth(), 28), container.NewStack(it.badge, it.state))
	top := container.NewBorder(nil, nil, it.ref, nil, it.title)
	bottom := container.NewHBox(container.NewCenter(badge), it.days, it.postBy,
		container.NewCenter(container.NewGridWrap(fyne.NewSize(160, 14), it.bar)), it.count, layout.NewSpacer())
	inset := container.New(layout.NewCustomPaddedLayout(0, 0, theme.InnerPadding(), 0), bottom) // under the reference
	return widget.NewSimpleRenderer(container.New(layout.NewCustomPaddedVBoxLayout(0), top, inset))
}

// badgeWidth fits the longest deadline state word of the language.
func badgeWidth() float32 {
	var w float32
	for _, s := range []string{T("on track"), T("due soon"), T("post by date passed"), T("deadline passed"), T("delivered")} {
		w = max(w, fyne.MeasureText(s, theme.TextSize(), fyne.TextStyle{Bold: true}).Width)
	}
	return w + 4*theme.Padding()
}

// show puts a row's petition into the item.
func (it *petitionItem) show(r petitionRow) {
	it.ref.SetText(r.p.Reference)
	t := r.p.Title
	if r.p.Archived {
		t += " (" + T("archived") + ")"
	}
	it.title.SetText(t)
	it.badge.FillColor = stateColor(r.info.State)
	it.badge.Refresh()
	it.state.Text = deadlineWords(r.info)
	it.state.Refresh()
	if r.info.State == petition.Delivered {
		it.days.SetText(T("delivered on %s", fmtDate(r.p.DeliveredOn)))
		it.postBy.SetText("")
	} else {
		it.days.SetText(daysLeftWords(r.info.DaysLeft))
		it.postBy.SetText(T("post by %s", fmtDate(r.info.PostBy)))
	}
	it.bar.set(r.totals.Valid(), r.p.Goal)
	words := goalWords(r.totals.Valid(), r.p.Goal)
	if r.totals.ToReview > 0 { // scanned rows not counted until a person confirms them
		words += " · " + T("%d to review", r.totals.ToReview)
	}
	it.count.SetText(words)
	it.Refresh()
}

// goalBar draws how far a petition is towards its goal: an outlined empty
// track with the done part filled. Fyne's progress bar fills its whole
// track in a pale tint of the same colour, so at 0 % it read as full.
type goalBar struct {
	widget.BaseWidget
	ratio float32
}

func newGoalBar() *goalBar {
	b := &goalBar{}
	b.ExtendBaseWidget(b)
	return b
}

// set shows valid of goal (nothing without a goal; full at the goal).
func (b *goalBar) set(valid, goal int) {
	b.ratio = 0
	if goal > 0 {
		b.ratio = min(float32(valid)/float32(goal), 1)
	}
	b.Refresh()
}

// CreateRenderer draws the track and the filled part.
func (b *goalBar) CreateRenderer() fyne.WidgetRenderer {
	r := &goalBarRenderer{b: b, track: canvas.NewRectangle(color.Transparent), fill: canvas.NewRectangle(color.Transparent)}
	r.track.StrokeWidth, r.track.CornerRadius, r.fill.CornerRadius = 1, 3, 3
	r.Refresh()
	return r
}

type goalBarRenderer struct {
	b           *goalBar
	track, fill *canvas.Rectangle
}

func (r *goalBarRenderer) Layout(size fyne.Size) {
	r.track.Resize(size)
	r.fill.Resize(fyne.NewSize(size.Width*r.b.ratio, size.Height))
	r.fill.Hidden = r.b.ratio <= 0
}

func (r *goalBarRenderer) MinSize() fyne.Size { return fyne.NewSize(40, 8) }

func (r *goalBarRenderer) Refresh() {
	r.track.FillColor = theme.Color(theme.ColorNameInputBackground)
	r.track.StrokeColor = theme.Color(theme.ColorNamePlaceHolder)
	r.fill.FillColor = theme.Color(theme.ColorNamePrimary)
	r.Layout(r.b.Size())
	r.track.Refresh()
	r.fill.Refresh()
}

func (r *goalBarRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.track, r.fill} }
func (r *goalBarRenderer) Destroy()                     {}

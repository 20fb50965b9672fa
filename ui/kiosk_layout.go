package ui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/petition"
)

// kioskText is signing mode's body text size (kioskTheme): messages to the
// signer are never smaller.
const kioskText = 18

// The signing form must fit a 1280×720 screen without scrolling (the
// laptops and tablets volunteers have): three columns side by side — what
// is signed and to whom, the signer's details, the signature — under one
// header row. Field labels sit beside their entries, each message has a
// line reserved under its entry (a message appearing moves nothing), and
// the signature box takes whatever height is left.
var kioskColumns = []float32{0.25, 0.43, 0.32}

// build lays the form out in reading (and tab) order.
func (k *kiosk) build() {
	k.st.clearMarks()
	k.form = container.New(&columns{weights: kioskColumns}, k.petitionColumn(), k.fieldsColumn(), k.signColumn())
	k.thanksView = container.NewCenter(container.NewVBox(
		container.NewCenter(container.NewGridWrap(fyne.NewSize(96, 96), widget.NewIcon(theme.ConfirmIcon()))), k.thanks,
		container.NewCenter(container.NewHBox(k.correct, k.done))))
	k.body = container.NewStack(k.form)
	// The scroll is a safety net for screens smaller than 1280×720; at
	// that size and larger the body fits and no scroll bar shows.
	page := container.NewBorder(k.header(), nil, nil, nil, container.NewVScroll(k.body))
	k.content = container.NewThemeOverride(container.NewPadded(page), kioskTheme{})
	k.markForm()
}

// header is the title with the running count and "Finish signing mode";
// the idle warning covers it while it shows, so nothing below moves.
func (k *kiosk) header() fyne.CanvasObject {
	title := widget.NewLabelWithStyle(k.p.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping, title.SizeName = fyne.TextWrapWord, theme.SizeNameSubHeadingText
	countBox := container.NewVBox(k.count, container.NewGridWrap(fyne.NewSize(240, 16), k.progress))
	row := container.NewBorder(nil, nil, nil, container.NewHBox(countBox, k.finish), title)
	k.st.mark("kiosk.title", title)
	k.st.mark("kiosk.count", countBox)
	return container.NewVBox(container.NewStack(row, k.idle.box), widget.NewSeparator())
}

// petitionColumn names who the petition goes to and lists every demand;
// the whole letter is one tap away.
func (k *kiosk) petitionColumn() fyne.CanvasObject {
	to := widget.NewLabelWithStyle(T("To: %s", targetsLine(k.p.Targets)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	to.Wrapping = fyne.TextWrapWord
	items := container.NewVBox(to)
	for _, d := range k.p.Demands {
		l := widget.NewLabel("• " + d)
		l.Wrapping = fyne.TextWrapWord
		items.Add(l)
	}
	if len(k.p.Demands) == 0 {
		l := widget.NewLabel(k.p.Letter)
		l.Wrapping, l.Truncation = fyne.TextWrapWord, fyne.TextTruncateEllipsis
		items.Add(l)
	}
	letter := widget.NewButtonWithIcon(T("Read the whole letter"), theme.DocumentIcon(), k.showLetter)
	k.st.mark("kiosk.to", to)
	k.st.mark("kiosk.letter", letter)
	return container.NewBorder(nil, letter, nil, nil, container.NewVScroll(items))
}

// targetsLine names the targets, "Name, Title" each, one to a line.
func targetsLine(targets []petition.Target) string {
	var lines []string
	for _, t := range targets {
		s := t.Name
		if t.Title != "" {
			s += ", " + t.Title
		}
		lines = append(lines, s)
	}
	if len(lines) == 0 {
		return T("The recipient")
	}
	return strings.Join(lines, "\n")
}

// showLetter shows the letter as it is posted: every target, the letter
// and its demands, in signing mode's large text.
func (k *kiosk) showLetter() {
	text := T("To: %s", targetsLine(k.p.Targets)) + "\n\n" + k.p.Letter
	for _, d := range k.p.Demands {
		text += "\n• " + d
	}
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	body := container.NewThemeOverride(container.NewVScroll(l), kioskTheme{})
	d := dialog.NewCustom(k.p.Title, T("Close"), body, k.st.win)
	size := k.st.win.Canvas().Size()
	d.Resize(fyne.NewSize(min(900, size.Width*0.9), size.Height*0.85))
	d.Show()
	k.touched()
}

// fieldsColumn is the signer's details: labels beside the entries.
func (k *kiosk) fieldsColumn() fyne.CanvasObject {
	var cells []fyne.CanvasObject
	for _, f := range []*field{k.name, k.street, k.postcode, k.city, k.country} {
		cells = append(cells, labelCell(f), fieldCell(f))
	}
	k.fullNameRow = []fyne.CanvasObject{layout.NewSpacer(), tickRow(k.fullName, T("Print my full name for the recipient"))}
	if !k.fullName.Visible() {
		for _, o := range k.fullNameRow {
			o.Hide()
		}
	}
	cells = append(cells, k.fullNameRow...)
	cells = append(cells, layout.NewSpacer(), tickRow(k.consent, T("I agree to be contacted about this campaign")),
		labelCell(k.email), fieldCell(k.email))
	return container.New(layout.NewFormLayout(), cells...)
}

// labelCell is a field's label beside its entry, with the line for the
// field's message under it. The message starts under the label and runs
// on under the entry: the entries' column alone was too narrow for the
// German messages ("Bitte geben Sie Ihren Vor- und Nachnamen ein."),
// which ran under the signature box.
func labelCell(f *field) fyne.CanvasObject {
	f.msg.TextSize = kioskText
	inset := theme.InnerPadding() // where the label's text starts
	return container.NewBorder(nil, container.New(layout.NewCustomPaddedLayout(0, 0, inset, 0), messageSlot(f.msg)), nil, nil,
		container.NewVBox(layout.NewSpacer(), f.label, layout.NewSpacer()))
}

// fieldCell is an entry with its message's line kept free under it.
func fieldCell(f *field) fyne.CanvasObject {
	room := canvas.NewRectangle(color.Transparent)
	room.SetMinSize(fyne.NewSize(1, kioskText*1.4))
	return container.New(layout.NewCustomPaddedVBoxLayout(0), f.entry, room)
}

// messageSlot keeps a line's height for a message whether it shows or not.
// It asks for little width (narrowLayout): a long message must not widen
// the full-screen window past the screen.
func messageSlot(msg *canvas.Text) fyne.CanvasObject {
	room := canvas.NewRectangle(color.Transparent)
	room.SetMinSize(fyne.NewSize(1, kioskText*1.4))
	return container.New(narrowLayout{}, room, msg)
}

// signColumn is the signature box, which takes the height left, with
// its tools, Sign, the form's message and the privacy notice under it.
func (k *kiosk) signColumn() fyne.CanvasObject {
	k.padMsg.TextSize = kioskText
	heading := widget.NewLabelWithStyle(T("Your signature"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	signRoom := canvas.NewRectangle(color.Transparent)
	signRoom.SetMinSize(fyne.NewSize(160, 60))
	signRow := container.NewBorder(nil, nil, nil, container.NewHBox(k.startOver, k.cancelFix), container.NewStack(signRoom, k.sign))
	bottom := container.NewVBox(messageSlot(k.padMsg), container.NewHBox(k.clearPad, k.undo), signRow,
		container.NewHBox(k.withdraw, k.fixPIN), narrow(k.msg), narrow(k.willSee))
	if k.p.PrivacyNotice != "" {
		privacy := widget.NewLabel(k.p.PrivacyNotice)
		privacy.Wrapping, privacy.SizeName = fyne.TextWrapWord, theme.SizeNameCaptionText
		bottom.Add(privacy)
		k.st.mark("kiosk.privacy", privacy)
	}
	return container.NewBorder(heading, bottom, nil, nil, k.pad)
}

// markForm names the form's widgets for the layout log (.ci/window-check
// checks they are all on the screen and none overlaps another).
func (k *kiosk) markForm() {
	for name, o := range map[string]fyne.CanvasObject{"kiosk.name": k.name.entry, "kiosk.street": k.street.entry,
		"kiosk.postcode": k.postcode.entry, "kiosk.city": k.city.entry, "kiosk.country": k.country.entry,
		"kiosk.consent": k.consent, "kiosk.email": k.email.entry, "kiosk.pad": k.pad, "kiosk.sign": k.sign,
		"kiosk.finish": k.finish, "kiosk.startOver": k.startOver, "kiosk.fullName": k.fullName,
		"kiosk.clear": k.clearPad, "kiosk.undo": k.undo, "kiosk.msg": k.msg, "kiosk.willSee": k.willSee,
		"kiosk.fixPIN": k.fixPIN, "kiosk.nameMsg": k.name.msg, "kiosk.emailMsg": k.email.msg,
		"kiosk.countryMsg": k.country.msg, "kiosk.padMsg": k.padMsg} {
		k.st.mark(name, o)
	}
}

// narrow holds a wrapping label whose text changes. While a label takes
// its new text it briefly asks for the whole text's width on one line,
// and the full-screen window grows to that and never shrinks back (typing
// a country widened the form past the screen): the holder asks for little
// width, the label wraps in whatever it gets.
func narrow(l fyne.CanvasObject) fyne.CanvasObject { return container.New(narrowLayout{}, l) }

type narrowLayout struct{}

func (narrowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (narrowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		if o.Visible() {
			m := o.MinSize()
			s = s.Max(fyne.NewSize(min(m.Width, 120), m.Height))
		}
	}
	return s
}

// tickRow is a tick box with its text beside it, wrapping; tapping the
// text ticks the box too, so the whole row is the touch target.
func tickRow(c *widget.Check, text string) fyne.CanvasObject {
	c.Text = ""
	c.Refresh() // its size was measured with the text
	l := newTapLabel(text, func() { c.SetChecked(!c.Checked) })
	// The box stays its own height at the top: Check ignores taps above
	// or below its middle when stretched to a wrapped text's height.
	return container.NewBorder(nil, nil, container.NewVBox(c), nil, l)
}

// tapLabel is a wrapping label that calls onTap when tapped.
type tapLabel struct {
	widget.BaseWidget
	label *widget.Label
	onTap func()
}

func newTapLabel(text string, onTap func()) *tapLabel {
	l := &tapLabel{label: widget.NewLabel(text), onTap: onTap}
	l.label.Wrapping = fyne.TextWrapWord
	l.ExtendBaseWidget(l)
	return l
}

// Tapped calls onTap.
func (l *tapLabel) Tapped(*fyne.PointEvent) { l.onTap() }

// CreateRenderer draws the label.
func (l *tapLabel) CreateRenderer() fyne.WidgetRenderer {
	return &tapLabelRenderer{WidgetRenderer: widget.NewSimpleRenderer(l.label), label: l.label}
}

// tapLabelRenderer asks for little width: a wrapping label that was
// hidden until now (the full-name tick) has never been laid out, asks
// for its whole text on one line, and would widen the full-screen window
// past the screen when it appears.
type tapLabelRenderer struct {
	fyne.WidgetRenderer
	label *widget.Label
}

func (r *tapLabelRenderer) MinSize() fyne.Size {
	m := r.label.MinSize()
	return fyne.NewSize(min(m.Width, 120), m.Height)
}

// columns lays objects side by side, each as wide as its weight's share
// of the width and as high as the container.
type columns struct{ weights []float32 }

func (c *columns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	free := size.Width - pad*float32(len(objs)-1)
	x := float32(0)
	for i, o := range objs {
		w := free * c.weights[i]
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
}

// MinSize is the tallest column's height, and widths by the weights.
func (c *columns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for i, o := range objs {
		m := o.MinSize()
		w = max(w, m.Width/c.weights[i])
		h = max(h, m.Height)
	}
	return fyne.NewSize(w+theme.Padding()*float32(len(objs)-1), h)
}

//go:build screenshots

package ui

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/petitiondesk/petitiondesk/store"
)

// The screenshot tooling is built only with the "screenshots" tag (make
// screenshots; make test sets it too): it links Fyne's test driver and
// scan/scantest, which the program people install must not carry.

// Screenshots renders each main screen on the data in s to PNG files in
// dir, with Fyne's software renderer: no display and no OpenGL needed,
// so `make screenshots` works on a server and in CI. It returns
// the files written. The store should hold the demo petition.
func Screenshots(s *store.Store, dir string, now time.Time) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	// fyne.Do refuses the process's main goroutine outside a running
	// app, so the whole rendering runs on its own goroutine.
	type result struct {
		files []string
		err   error
	}
	done := make(chan result, 1)
	go func() {
		files, err := renderScreens(s, dir, now)
		done <- result{files, err}
	}()
	r := <-done
	return r.files, r.err
}

// shot is one picture: a name and how to bring the window there.
type shot struct {
	name string
	size fyne.Size
	show func(st *appState, m *mainWindow)
}

// shotSize is the screen most volunteers' laptops have: every screen is
// shown as it looks there.
var shotSize = fyne.NewSize(1280, 720)

var shots = []shot{
	{"petitions", shotSize, func(st *appState, m *mainWindow) { m.showKey("petitions") }},
	{"editor", shotSize, func(st *appState, m *mainWindow) {
		m.showKey("petitions")
		st.shown.(*petitionsScreen).onEdit()
	}},
	{"sheets", shotSize, func(st *appState, m *mainWindow) { m.showKey("sheets") }},
	{"sheet", shotSize, func(st *appState, m *mainWindow) {
		m.showKey("sheets")
		s := st.shown.(*sheetsScreen)
		s.openSheet(s.sheets[0])
	}},
	{"signing-start", shotSize, func(st *appState, m *mainWindow) { m.showKey("signing") }},
	{"signing", shotSize, func(st *appState, m *mainWindow) {
		k := startDemoKiosk(st, m)
		k.name.entry.SetText("Jana Beispiel")
		k.street.entry.SetText("Kramgasse 12")
		k.postcode.entry.SetText("3011")
		k.pad.setStrokes(store.DemoStrokes("Jana Beispiel", 2))
	}},
	{"signing-thanks", shotSize, func(st *appState, m *mainWindow) {
		startDemoKiosk(st, m).showThanks(T("Thank you for signing! Your signature is saved."))
	}},
	{"settings", shotSize, func(st *appState, m *mainWindow) { m.showKey("settings") }},
	{"privacy", shotSize, func(st *appState, m *mainWindow) { m.showKey("privacy") }},
	{"signer-rights", shotSize, func(st *appState, m *mainWindow) {
		m.showKey("signers")
		v := st.shown.(*signersScreen)
		v.query.SetText("müller-lüdenscheidt") // a demo signer: no real person's name in a picture
		v.search()
		v.tickAll(true)
	}},
	{"audit", shotSize, func(st *appState, m *mainWindow) { m.showKey("audit") }},
	{"export", shotSize, func(st *appState, m *mainWindow) { m.showKey("export") }},
	{"coordinator", shotSize, func(_ *appState, m *mainWindow) { m.showKey("coordinator") }},
	{"first-start", shotSize, func(st *appState, m *mainWindow) {
		o := &opener{win: st.win, dir: st.store.Dir(), dialogs: st.dialogs}
		o.choosePassphrase()
	}},
}

func startDemoKiosk(st *appState, m *mainWindow) *kiosk {
	m.showKey("signing")
	k := newKiosk(st, *st.petition(), newPINLock("0000"), "", "")
	k.setStallCountry("Switzerland") // as typed when signing mode started
	k.enter()
	return k
}

func renderScreens(s *store.Store, dir string, now time.Time) ([]string, error) {
	a := test.NewApp()
	a.Settings().SetTheme(lightTheme{})
	var files []string
	for _, sh := range shots {
		w := a.NewWindow("Petition Desk")
		st := newAppState(a, w, s)
		st.now = func() time.Time { return now }
		st.background = func(f func()) { f() }
		st.after = func(time.Duration, func()) {}
		m := openMain(st)
		if st.petition() == nil {
			return files, fmt.Errorf("no petition to show: run `petitiondesk demo` on this data first")
		}
		sh.show(st, m)
		w.Resize(sh.size)
		path := filepath.Join(dir, sh.name+".png")
		if err := writePNG(path, w.Canvas().Capture()); err != nil {
			return files, err
		}
		files = append(files, path)
		w.Close()
	}
	return files, nil
}

func writePNG(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// lightTheme is Fyne's theme in its light variant: the software
// renderer has no desktop setting to take the variant from.
type lightTheme struct{}

func (lightTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return theme.DefaultTheme().Color(n, theme.VariantLight)
}
func (lightTheme) Font(s fyne.TextStyle) fyne.Resource     { return theme.DefaultTheme().Font(s) }
func (lightTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }
func (lightTheme) Size(n fyne.ThemeSizeName) float32       { return theme.DefaultTheme().Size(n) }

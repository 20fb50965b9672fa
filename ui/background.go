package ui

import "fyne.io/fyne/v2"

// inBackground runs work off the UI goroutine (st.background) and hands
// its result to show on the UI goroutine; an error goes to the user
// (st.fail) and show is not called. Most screens read the store this way.
func inBackground[T any](st *appState, work func() (T, error), show func(T)) {
	st.background(func() {
		v, err := work()
		fyne.Do(func() {
			if err != nil {
				st.fail(err)
				return
			}
			show(v)
		})
	})
}

// changeInBackground runs a store change off the UI goroutine, then on
// the UI goroutine tells the user if it failed and runs reload either
// way, so the screen shows what the store holds afterwards.
func changeInBackground(st *appState, change func() error, reload func()) {
	st.background(func() {
		err := change()
		fyne.Do(func() {
			if err != nil {
				st.fail(err)
			}
			reload()
		})
	})
}

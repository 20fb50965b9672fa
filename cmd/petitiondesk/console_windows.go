//go:build windows

package main

import (
	"errors"
	"log"
	"os"
	"syscall"
)

// The Windows .exe is a GUI program (linked with -H=windowsgui), so that
// double-clicking it opens the window without a black console beside it.
// Windows then gives it no console: a command typed in a console would
// print nothing. So a command (any arguments but the window's own) attaches
// to the console it was started from, unless its output is redirected.
func init() {
	if _, window := windowArgs(os.Args[1:]); window {
		return
	}
	attachParentConsole()
}

// attachParentConsole points the standard streams that have no handle at
// the console of the process that started this one. A stream redirected
// to a file or a pipe (`… > totals.txt`, `… | Out-Host`) keeps its handle.
func attachParentConsole() {
	const attachParentProcess = ^uintptr(0) // ATTACH_PARENT_PROCESS, (DWORD)-1
	attach := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole")
	r, _, err := attach.Call(attachParentProcess)
	// ERROR_ACCESS_DENIED: this process has a console already (Wine gives
	// a GUI program its parent's; so does Windows to a console program):
	// use it alike. Any other failure: started without a console
	// (Explorer, a scheduled task), nothing to do.
	if r == 0 && !errors.Is(err, syscall.ERROR_ACCESS_DENIED) {
		return
	}
	for _, s := range []struct {
		handle int
		f      **os.File
		name   string
		flag   int
	}{
		{syscall.STD_INPUT_HANDLE, &os.Stdin, "CONIN$", os.O_RDWR},
		{syscall.STD_OUTPUT_HANDLE, &os.Stdout, "CONOUT$", os.O_RDWR},
		{syscall.STD_ERROR_HANDLE, &os.Stderr, "CONOUT$", os.O_RDWR},
	} {
		if h, err := syscall.GetStdHandle(s.handle); err == nil && h != 0 && h != syscall.InvalidHandle {
			continue // redirected to a file or a pipe: keep it
		}
		if f, err := os.OpenFile(s.name, s.flag, 0); err == nil {
			*s.f = f
		}
	}
	// The log package took os.Stderr before this ran; Fyne's and the
	// store's warnings go through it.
	log.SetOutput(os.Stderr)
}

//go:build windows

package main

import (
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

func attachParentConsole() {
	const attachParentProcess = ^uintptr(0) // ATTACH_PARENT_PROCESS, (DWORD)-1
	attach := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole")
	if r, _, _ := attach.Call(attachParentProcess); r == 0 {
		return // started without a console (Explorer, a scheduled task): nothing to do
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
}

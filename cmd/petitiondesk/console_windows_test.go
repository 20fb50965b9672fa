//go:build windows

package main

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"unicode/utf16"
	"unsafe"
)

// These tests start this test binary again as a child that prints a
// marker, the way a console starts petitiondesk.exe, and look where the
// marker went. .ci/wine-check runs them under Wine; on Windows,
// `go test ./cmd/petitiondesk` runs them too.

const consoleChildEnv = "PETITIONDESK_CONSOLE_CHILD"

// TestConsoleChild is the child's part; it does nothing in a plain run.
func TestConsoleChild(t *testing.T) {
	marker := os.Getenv(consoleChildEnv)
	if marker == "" {
		t.Skip("only run as the child of TestConsoleAttach")
	}
	// os.Stdout and os.Stderr are what console_windows.go made of them.
	os.Stdout.WriteString("out:" + marker + "\n")
	os.Stderr.WriteString("err:" + marker + "\n")
}

// TestConsoleAttach: started with no standard handles (a GUI program
// typed at a prompt), the child prints on the console it was started
// from, both stdout and stderr.
func TestConsoleAttach(t *testing.T) {
	if os.Getenv(consoleChildEnv) != "" {
		t.Skip("the child")
	}
	conout, err := os.OpenFile("CONOUT$", os.O_RDWR, 0)
	if err != nil {
		// No console, or (Wine, output redirected) one without a screen:
		// make a new one.
		kernel32 := syscall.NewLazyDLL("kernel32.dll")
		kernel32.NewProc("FreeConsole").Call()
		kernel32.NewProc("AllocConsole").Call()
		conout, err = os.OpenFile("CONOUT$", os.O_RDWR, 0)
	}
	if err != nil {
		t.Fatalf("no console to test with: %v", err)
	}
	defer conout.Close()
	for name, flags := range map[string]uint32{
		"shares the console":               0,
		"attaches to the parent's console": 0x8, // DETACHED_PROCESS: what Windows does to a GUI program
	} {
		t.Run(name, func(t *testing.T) {
			if flags != 0 && underWine() {
				// There AttachConsole succeeds but what is written to
				// CONOUT$ never shows on that console: Windows only.
				t.Skip("Wine 8 does not show a detached process's output on the console it attaches to")
			}
			marker := "m" + strings.ReplaceAll(name, " ", "-")
			startChild(t, marker, flags)
			screen := readConsole(t, conout)
			for _, want := range []string{"out:" + marker, "err:" + marker} {
				if !strings.Contains(screen, want) {
					t.Errorf("the console does not show %q; it shows:\n%s", want, strings.TrimSpace(screen))
				}
			}
		})
	}
}

// TestConsoleRedirected: output redirected to a pipe stays there and does
// not go to the console.
func TestConsoleRedirected(t *testing.T) {
	if os.Getenv(consoleChildEnv) != "" {
		t.Skip("the child")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	cmd := exec.Command(exe, "-test.run=^TestConsoleChild$")
	cmd.Env = append(os.Environ(), consoleChildEnv+"=piped")
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("the child failed: %v\n%s%s", err, out.String(), errOut.String())
	}
	if !strings.Contains(out.String(), "out:piped") || !strings.Contains(errOut.String(), "err:piped") {
		t.Errorf("redirected output lost: stdout %q, stderr %q", out.String(), errOut.String())
	}
}

// underWine reports whether this runs under Wine (its ntdll says so).
func underWine() bool {
	return syscall.NewLazyDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil
}

// startChild runs the child with no standard handles and waits for it.
func startChild(t *testing.T, marker string, flags uint32) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv(consoleChildEnv, marker) // the child inherits the environment
	line, _ := syscall.UTF16PtrFromString(syscall.EscapeArg(exe) + " -test.run=^TestConsoleChild$")
	si := &syscall.StartupInfo{Flags: syscall.STARTF_USESTDHANDLES} // and all three handles 0
	si.Cb = uint32(unsafe.Sizeof(*si))
	var pi syscall.ProcessInformation
	if err := syscall.CreateProcess(nil, line, nil, nil, false, flags, nil, nil, si, &pi); err != nil {
		t.Fatalf("starting the child: %v", err)
	}
	defer syscall.CloseHandle(pi.Thread)
	defer syscall.CloseHandle(pi.Process)
	if ev, err := syscall.WaitForSingleObject(pi.Process, 60000); ev != syscall.WAIT_OBJECT_0 {
		t.Fatalf("the child did not end: %v", err)
	}
	var code uint32
	if err := syscall.GetExitCodeProcess(pi.Process, &code); err != nil || code != 0 {
		t.Fatalf("the child failed: exit code %d, %v", code, err)
	}
}

// readConsole returns the text on the console's screen buffer.
func readConsole(t *testing.T, conout *os.File) string {
	t.Helper()
	read := syscall.NewLazyDLL("kernel32.dll").NewProc("ReadConsoleOutputCharacterW")
	buf := make([]uint16, 120*300)
	var n uint32
	// The coordinate (0, 0) goes by value, packed into one word.
	r, _, err := read.Call(conout.Fd(), uintptr(unsafe.Pointer(&buf[0])), uintptr(len(buf)), 0, uintptr(unsafe.Pointer(&n)))
	if r == 0 {
		t.Fatalf("reading the console: %v", err)
	}
	return string(utf16.Decode(buf[:n]))
}

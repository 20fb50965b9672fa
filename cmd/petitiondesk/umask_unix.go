//go:build unix

package main

import "syscall"

// privateUmask makes every file the app creates its owner's alone
// (0600, directories 0700), whatever the umask of the shell: Badger
// creates its files with 0666 less the umask, and exports hold names.
func privateUmask() { syscall.Umask(0o077) }

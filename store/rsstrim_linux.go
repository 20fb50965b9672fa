package store

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// trimTables drops Badger's table files (*.sst, memory-mapped shared)
// from this process's resident set, with madvise(MADV_DONTNEED). Nothing
// is lost: for a shared file mapping the pages (dirty ones too) stay in
// the page cache and the next read maps them back; only a private or
// anonymous mapping would lose data, and those are left alone. Without it a scan over a
// million signatures leaves the whole database (about 2 GB) counted in
// the process's RSS, though the kernel may take those pages back at any
// time; long scans call it as they go (see rssTrim).
func trimTables() {
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasSuffix(line, ".sst") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) < 6 || len(fields[1]) < 4 || fields[1][3] != 's' {
			continue // only shared mappings: their pages are the file's, kept in the page cache
		}
		from, to, ok := strings.Cut(fields[0], "-")
		if !ok {
			continue
		}
		start, err1 := strconv.ParseUint(from, 16, 64)
		end, err2 := strconv.ParseUint(to, 16, 64)
		if err1 != nil || err2 != nil || end <= start {
			continue
		}
		syscall.Syscall(syscall.SYS_MADVISE, uintptr(start), uintptr(end-start), syscall.MADV_DONTNEED) //nolint:errcheck // advice only
	}
}

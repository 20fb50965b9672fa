package store

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// trimTables drops Badger's files (tables *.sst, value-log *.vlog and
// memtable logs *.mem, all memory-mapped shared) from this process's
// resident set, with madvise(MADV_DONTNEED). Nothing is lost: for a
// shared file mapping the pages (dirty ones too) stay in the page cache
// and the next read maps them back; only a private or anonymous mapping
// would lose data, and those are left alone. Without it a scan over a
// million signatures leaves the whole database (about 2 GB) counted in
// the process's RSS, though the kernel may take those pages back at any
// time; long scans call it as they go (see rssTrim). The value log and
// the memtable logs are written through their mappings: an import of a
// million rows left 130 MB of freshly written value log (its undo
// records) and 24 MB of memtable logs resident on top of its heap.
func trimTables() {
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if !badgerFile(line) {
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

// residentFileBytes is how much of this process's resident set is
// shared (file-backed) pages: the third field of /proc/self/statm, in
// pages. It includes the program's own text, which trimTables leaves.
func residentFileBytes() (int64, bool) {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0, false
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return 0, false
	}
	pages, err := strconv.ParseInt(f[2], 10, 64)
	if err != nil {
		return 0, false
	}
	return pages * int64(os.Getpagesize()), true
}

// badgerFile says whether a /proc/self/maps line maps one of Badger's
// files; only files Badger maps shared are named so.
func badgerFile(line string) bool {
	return strings.HasSuffix(line, ".sst") || strings.HasSuffix(line, ".vlog") || strings.HasSuffix(line, ".mem")
}

package store

import (
	"strings"
	"time"

	badger "github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"
)

// Options says where and how to open the database.
type Options struct {
	Dir        string           // the data directory; ignored when InMemory
	InMemory   bool             // for unit tests: nothing touches the disk
	Passphrase string           // encrypts a new database, unlocks an encrypted one
	Now        func() time.Time // the clock; time.Now when nil

	// ReadOnlyIfFull opens a cleanly closed database for reading only
	// when its disk is too full to write, instead of refusing (see
	// readonly.go). Writes then return the *diskspace.FullError.
	ReadOnlyIfFull bool

	// BulkLoad opens the database for loading many rows at once (`demo
	// --signatures`, GenerateLoad): 64 MiB memtables and more level-0
	// tables before writes wait, so Badger compacts far less while the
	// rows pour in, at the cost of about 200 MB more memory meanwhile.
	BulkLoad bool

	// noSync turns synced commits off. Only benchmarks use it, to build
	// large fixtures quickly; nothing a user runs can set it.
	noSync bool
}

// badgerOptions tunes Badger for a laptop rather than a server. Badger's
// defaults assume a database server: 64 MiB memtables (five of them),
// a 256 MiB block cache and 1 GiB value-log files mapped as sparse files.
// A petition database holds at most a few hundred megabytes, so:
//
//   - Durability is ours, not Badger's SyncWrites (which flushes the disk
//     cache twice per commit): a signature is fsynced to the journal
//     before Store.AddSignature returns, every other write calls DB.Sync
//     after its commit. See journal.go.
//   - 8 MiB memtables, two of them: flushes stay small and quick.
//   - 2 MiB tables at every level (Badger's default doubles them per
//     level, to 32 MiB and more at a million signatures): a compaction
//     holds a buffer of twice the table size for each of up to ten
//     tables it builds at once, so the bottom level's size set the peak
//     of every large write (import, erasure, purge). Table size is chosen
//     per open; tables written before keep their size and still open.
//   - 16 MiB block cache, 8 MiB index cache (the index cache is required
//     for encrypted databases to perform).
//   - 64 MiB value-log files; values under 64 KiB (every signature) live
//     in the LSM tree, scanned pages go to the value log.
//   - Two compactors, logging at WARNING only, so nothing about the data
//     reaches the terminal.
//   - No conflict detection: every write holds Store.mu (Store.update,
//     AddSignature, an import from start to commit), so two transactions
//     never race. With it on, Badger keeps every committed key's
//     fingerprint until the oldest open read ends, and an import reads
//     from one snapshot from start to end: at a million signatures that
//     was three million fingerprints held until the import finished.
//   - No compression for new tables: a signature row is mostly drawn
//     strokes, which Snappy shrank by 1.5 % (a 100,000-row import: 274
//     against 270 MB on disk), while each table builder kept a compressed
//     copy of every block (72 MB of the import's heap at 100,000). Tables
//     written compressed before still open: each records its own
//     compression.
func badgerOptions(o Options) badger.Options {
	dir := o.Dir
	if o.InMemory {
		dir = ""
	}
	bo := badger.DefaultOptions(dir).
		WithInMemory(o.InMemory).
		WithSyncWrites(false). // we sync ourselves: see journal.go and Store.update
		WithLogger(quietLogger{}).
		WithMemTableSize(8 << 20).
		WithNumMemtables(2).
		WithNumLevelZeroTables(2).
		WithNumLevelZeroTablesStall(8).
		WithBaseTableSize(2 << 20).
		WithBlockCacheSize(16 << 20).
		WithIndexCacheSize(8 << 20).
		WithValueLogFileSize(64 << 20).
		WithValueThreshold(64 << 10).
		WithNumCompactors(2).
		WithNumGoroutines(2).
		WithCompression(options.None).
		WithDetectConflicts(false).
		WithMetricsEnabled(false).
		WithCompactL0OnClose(true)
	bo.TableSizeMultiplier = 1 // Badger has no With… for it
	if o.BulkLoad {
		bo = bo.WithMemTableSize(64 << 20).WithNumLevelZeroTables(6).WithNumLevelZeroTablesStall(16).WithBaseTableSize(8 << 20)
	}
	return bo
}

// quietLogger passes Badger's warnings and errors to stderr without
// ever printing keys or values: Badger's messages name files and sizes.
type quietLogger struct{}

// Errorf drops Badger's "Received err: … Cleaning up" on a failed open:
// Open returns that error and the caller explains it in one line.
func (quietLogger) Errorf(f string, a ...any) {
	if !strings.HasPrefix(f, "Received err") {
		logf("badger error: "+f, a...)
	}
}
func (quietLogger) Warningf(f string, a ...any) {
	if cacheAdvice(f) && !verboseLog.Load() {
		return
	}
	logf("badger warning: "+f, a...)
}

// cacheAdvice tells Badger's once-a-minute "might be too small" advice
// about its block cache (and the histogram after it): a long sequential
// read such as a pack of a million rows is meant to miss the cache, the
// user cannot act on it, and a normal run prints nothing on stderr. Only
// --verbose shows it.
func cacheAdvice(f string) bool {
	return strings.Contains(f, "might be too small. Metrics") || strings.HasPrefix(f, "Cache life expectancy")
}
func (quietLogger) Infof(f string, a ...any) {
	if verboseLog.Load() {
		logf("badger: "+f, a...)
	}
}
func (quietLogger) Debugf(f string, a ...any) {
	if verboseLog.Load() {
		logf("badger debug: "+f, a...)
	}
}

package store

import (
	"bytes"
	"log"
	"strings"
	"testing"
)

// TestQuietLoggerDropsCacheAdvice: Badger's block-cache advice, printed
// once a minute through a pack of a million rows, does not reach stderr;
// its other warnings still do.
func TestQuietLoggerDropsCacheAdvice(t *testing.T) {
	var buf bytes.Buffer
	was := log.Writer()
	log.SetOutput(&buf)
	defer log.SetOutput(was)
	var l quietLogger
	l.Warningf("%s might be too small. Metrics: %s\n", "Block cache", "hit: 1 miss: 9")
	l.Warningf("Cache life expectancy (in seconds): %+v\n", "histogram")
	if buf.Len() != 0 {
		t.Errorf("the cache advice was printed: %q", buf.String())
	}
	l.Warningf("value log %s is truncated", "000001.vlog")
	if !strings.Contains(buf.String(), "000001.vlog") {
		t.Errorf("another warning was dropped: %q", buf.String())
	}
}

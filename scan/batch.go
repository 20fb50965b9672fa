package scan

import (
	"context"
	"runtime"
	"sync"
)

// Progress is reported after each page, from one goroutine at a time.
type Progress struct {
	Files     int // files in the batch
	FilesRead int // files opened and split into pages so far
	Pages     int // pages found so far (grows while files are read)
	PagesDone int // pages analysed
}

// Options tune a batch.
type Options struct {
	// Workers analysing pages at once; 0 means one per CPU core.
	Workers int
	// OnPage, if set, is called once per page as soon as it is done, in
	// completion order, never concurrently. It may store the page and
	// then drop r.Image and the row crops to keep memory flat on a large
	// batch; Batch returns the Result as OnPage left it.
	OnPage func(p Progress, r *Result)
	// Sheet, if set, names the sheet of pages whose QR codes cannot be
	// read (the number a person read off the page).
	Sheet *SheetHint
}

// Batch reads and analyses every page of the given files, in parallel
// across cores, and returns the results in file and page order. A file or
// page that cannot be read gives a Result with a Problem; the batch goes
// on. Cancelling ctx stops it: pages not yet analysed are left out.
func Batch(ctx context.Context, files []string, cat Catalog, opt Options) []Result {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	type job struct {
		idx int
		src Source
		bad *InputError
	}
	jobs := make(chan job, workers)
	var mu sync.Mutex
	prog := Progress{Files: len(files)}
	var results []*Result // by job index
	// Reading files is quick (a PDF's images are extracted, not decoded),
	// so one goroutine feeds the workers; they decode and analyse.
	go func() {
		defer close(jobs)
		for _, f := range files {
			srcs, err := ReadFile(f)
			mu.Lock()
			prog.FilesRead++
			n := max(len(srcs), 1)
			base := len(results)
			results = append(results, make([]*Result, n)...)
			prog.Pages += n
			mu.Unlock()
			var list []job
			if err != nil {
				ie, _ := err.(*InputError)
				if ie == nil {
					ie = &InputError{File: f, Err: err}
				}
				list = append(list, job{idx: base, bad: ie})
			}
			for i, s := range srcs {
				list = append(list, job{idx: base + i, src: s})
			}
			for _, j := range list {
				select {
				case jobs <- j:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	c := newCatalog(cat)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				if ctx.Err() != nil {
					continue
				}
				var r Result
				if j.bad != nil {
					r = Result{File: j.bad.File, Problem: j.bad.Err.Error(), Err: j.bad}
				} else {
					r = analyseHinted(j.src, c, opt.Sheet)
				}
				mu.Lock()
				results[j.idx] = &r
				prog.PagesDone++
				if opt.OnPage != nil {
					opt.OnPage(prog, &r)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	out := make([]Result, 0, len(results))
	for _, r := range results {
		if r != nil {
			out = append(out, *r)
		}
	}
	return out
}

// Analyse reads one page source on its own; Batch is the usual way in.
func Analyse(src Source, cat Catalog) Result { return analyse(src, newCatalog(cat)) }

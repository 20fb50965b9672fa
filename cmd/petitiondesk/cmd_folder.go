package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/petitiondesk/petitiondesk/desk"
	"github.com/petitiondesk/petitiondesk/store"
	"github.com/petitiondesk/petitiondesk/store/bundle"
)

func init() {
	register(command{name: "import folder", args: "DIR [--watch] [--key KEYFILE]",
		summary: "import every bundle in a shared folder not imported before, oldest first; --watch goes on as files appear", run: runImportFolder})
}

func runImportFolder(e *env, args []string) error {
	watch := e.flags.Bool("watch", false, "keep importing as bundles appear, until stopped (Ctrl-C)")
	keyFile := e.flags.String("key", "", "the coordinator's key file (from keygen) for encrypted bundles")
	rest, err := e.parse(args, true)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageError{"give the folder: petitiondesk import folder DIR"}
	}
	f := &desk.Folder{Dir: rest[0], Report: func(r desk.FolderFile) { fmt.Fprintln(e.stdout, folderLine(r)) }}
	f.Keys.Passphrase = os.Getenv(bundlePassphraseEnv)
	if *keyFile != "" {
		if f.Keys.Identities, err = bundle.ReadKeyFile(*keyFile); err != nil {
			return err
		}
	}
	if fi, err := os.Stat(f.Dir); err != nil || !fi.IsDir() {
		return fmt.Errorf("%s is not a folder", f.Dir)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	sum, err := withStore(e, func(s *store.Store) (desk.FolderSummary, error) {
		if *watch {
			fmt.Fprintf(e.stderr, "watching %s: stop with Ctrl-C\n", f.Dir)
			return f.Watch(ctx, s)
		}
		return f.Run(ctx, s)
	})
	for _, name := range sum.Waiting {
		fmt.Fprintf(e.stdout, "%s: still being written, left for the next run\n", name)
	}
	fmt.Fprintf(e.stdout, "%s, %d already imported, %d refused\n", exportCount(sum.Imported, "bundle")+" imported", sum.Already, sum.Refused)
	return err
}

// folderLine is one file's line: imported, already imported, or refused
// and why.
func folderLine(r desk.FolderFile) string {
	switch r.Outcome {
	case desk.FolderImported:
		rep := r.Report
		return fmt.Sprintf("%s: imported from %q: %s added, %s updated", r.Name, rep.Group.Name,
			exportCount(rep.SignaturesAdded, "signature"), exportCount(rep.SignaturesUpdated, "signature"))
	case desk.FolderAlready:
		return r.Name + ": already imported"
	}
	err := r.Err
	if errors.Is(err, bundle.ErrForeignKey) {
		err = importError(err, r.Group)
	}
	return fmt.Sprintf("%s: refused: %v", r.Name, err)
}

package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/petitiondesk/petitiondesk/desk"
	"github.com/petitiondesk/petitiondesk/store"
)

func init() {
	register(command{name: "backup", args: "FILE", summary: "write the whole database to one file", run: runBackup})
	register(command{name: "restore", args: "FILE [--replace] [--unchecked]", summary: "load a backup, checked in full before it replaces anything (into an empty database, or --replace everything)", run: runRestore})
}

func runBackup(e *env, args []string) error {
	arg, err := e.parseOne(args, "give the backup file to write: petitiondesk backup FILE")
	if err != nil {
		return err
	}
	_, err = withStore(e, func(s *store.Store) (struct{}, error) {
		return struct{}{}, desk.Backup(context.Background(), s, arg)
	})
	if err == nil {
		fmt.Fprintf(e.stdout, "backup written to %s\n", arg)
	}
	return err
}

func runRestore(e *env, args []string) error {
	replace := e.flags.Bool("replace", false, "replace everything in the database (a safety backup is written beside it first)")
	unchecked := e.flags.Bool("unchecked", false, "accept an unencrypted backup of an older version, which carries no checksum")
	arg, err := e.parseOne(args, "give the backup file to load: petitiondesk restore FILE")
	if err != nil {
		return err
	}
	f, err := os.Open(arg)
	if err != nil {
		return err
	}
	defer f.Close()
	o := store.RestoreOptions{Passphrase: os.Getenv("PETITIONDESK_PASSPHRASE"), Replace: *replace, Unchecked: *unchecked}
	_, err = withStore(e, func(s *store.Store) (struct{}, error) {
		// Loading writes about the backup's size, and Badger compacts it.
		if fi, err := f.Stat(); err == nil {
			if err := s.CheckRoom(2 * fi.Size()); err != nil {
				return struct{}{}, err
			}
		}
		if *replace {
			o.Safety = func(path string) { fmt.Fprintf(e.stdout, "the data as it was is saved in %s\n", path) }
		}
		return struct{}{}, s.RestoreWith(f, o)
	})
	if err == nil {
		fmt.Fprintf(e.stdout, "restored %s\n", arg)
	}
	if errors.Is(err, store.ErrBackupUnchecked) {
		err = fmt.Errorf("%w (to load it anyway: petitiondesk restore --unchecked FILE)", err)
	}
	return err
}

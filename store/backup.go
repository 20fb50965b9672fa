package store

import (
	"bufio"
	"bytes"
	"fmt"
	"io"

	"filippo.io/age"
	badger "github.com/dgraph-io/badger/v4"
)

// backupMagic starts every backup, so restoring a wrong file fails clearly.
const backupMagic = "PETITIONDESK-BACKUP 1\n"

// ageMagic starts an age-encrypted file.
const ageMagic = "age-encryption.org/v1"

// Backup writes the whole database to w as one file, using Badger's own
// backup stream (never a copy of the directory: the value log is a sparse
// file while open). The stream holds the data in clear, so the backup of
// an encrypted database is itself encrypted with the same passphrase
// (age, scrypt): a backup on a USB stick leaks nothing.
func (s *Store) Backup(w io.Writer) error {
	out := w
	var enc io.WriteCloser
	if s.encrypted {
		r, err := age.NewScryptRecipient(s.passphrase)
		if err != nil {
			return err
		}
		if enc, err = age.Encrypt(w, r); err != nil {
			return err
		}
		out = enc
	}
	bw := bufio.NewWriterSize(out, 256<<10)
	if _, err := bw.WriteString(backupMagic); err != nil {
		return err
	}
	if _, err := s.db.Backup(bw, 0); err != nil {
		return fmt.Errorf("writing the backup: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if enc != nil {
		if err := enc.Close(); err != nil {
			return err
		}
	}
	return s.AuditExport("backup", true, 0) // see audit.go
}

// Restore loads a backup written by Backup. An encrypted backup needs its
// passphrase. Unless replace is true it refuses a database that already
// holds petitions, so a slip of the finger cannot merge two databases;
// with replace, everything is dropped first.
func (s *Store) Restore(r io.Reader, passphrase string, replace bool) error {
	br := bufio.NewReaderSize(r, 256<<10)
	head, _ := br.Peek(len(ageMagic))
	var in io.Reader = br
	if string(head) == ageMagic {
		id, err := age.NewScryptIdentity(passphrase)
		if err != nil || passphrase == "" {
			return ErrPassphraseNeeded
		}
		dec, err := age.Decrypt(br, id)
		if err != nil {
			return fmt.Errorf("the backup could not be decrypted with this passphrase: %w", ErrWrongPassphrase)
		}
		in = bufio.NewReaderSize(dec, 256<<10)
	}
	magic := make([]byte, len(backupMagic))
	if _, err := io.ReadFull(in, magic); err != nil || !bytes.Equal(magic, []byte(backupMagic)) {
		return ErrNotBackup
	}
	if err := s.prepareRestore(replace); err != nil {
		return err
	}
	if err := s.db.Load(in, 256); err != nil {
		return fmt.Errorf("the backup is damaged or incomplete: %w", err)
	}
	if err := s.migrate(); err != nil {
		return err
	}
	return s.AuditImport("backup", true, 0) // see audit.go
}

func (s *Store) prepareRestore(replace bool) error {
	empty := true
	err := s.db.View(func(txn *badger.Txn) error {
		return scan(txn, []byte("p:"), nil, func(_, _ []byte) error {
			empty = false
			return errStop
		})
	})
	if err != nil {
		return err
	}
	if !empty && !replace {
		return ErrNotEmpty
	}
	if !empty {
		return s.db.DropAll()
	}
	return nil
}

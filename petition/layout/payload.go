package layout

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// PayloadVersion is the prefix of every QR payload this version prints.
// A new layout gets a new prefix ("PD2"); old sheets stay readable by
// keeping the old decoder.
const PayloadVersion = "PD1"

// ErrPayload is returned (wrapped) for any QR text that is not a valid
// sheet payload: another QR code, a misread or a wrong check.
var ErrPayload = errors.New("not a Petition Desk sheet code")

// Payload is what the QR code on every printed sheet page says.
//
// Its text is "PD1:SSSSSSSS:sheet:page:PK:first:rows:CC", all in the QR
// alphanumeric character set (upper case, digits, colon) so the symbol
// stays small, e.g. "PD1:3F2A9C01:12:2:AR:4:27:58":
//
//	SSSSSSSS  ShortID of the petition (8 upper-case hex digits)
//	sheet     sheet number, 1..999999, no leading zeros
//	page      page of the sheet, 1..99
//	P         paper: A (A4) or U (US Letter)
//	K         page kind: L (letter page) or R (rows page)
//	first     number of the first row on the page, 1..999
//	rows      rows on the page, 0..MaxRows(paper)
//	CC        two check digits over everything before the last colon
//	          (see checkDigits: catches any single wrong character and any
//	          swap of two neighbours)
//
// Rows(Paper, Kind, First, N) then gives the page's row table.
type Payload struct {
	Petition string // ShortID of the petition
	Sheet    int
	Page     int
	Paper    Paper
	Kind     Kind
	First    int
	N        int
}

// ShortID is the 8-hex-digit petition identifier printed in QR codes: the
// start of the SHA-256 of the petition's id, upper case. (UUIDv7 ids start
// with a timestamp, so their own first digits would repeat between
// petitions created close together.) The scanner matches it against the
// ShortID of every petition it knows.
func ShortID(petitionID string) string {
	sum := sha256.Sum256([]byte(petitionID))
	return strings.ToUpper(hex.EncodeToString(sum[:4]))
}

// Encode returns the payload text with its check digits.
func (p Payload) Encode() (string, error) {
	if err := p.validate(); err != nil {
		return "", err
	}
	paper := byte('A')
	if p.Paper == Letter {
		paper = 'U'
	}
	body := fmt.Sprintf("%s:%s:%d:%d:%c%c:%d:%d", PayloadVersion, p.Petition, p.Sheet, p.Page, paper, byte(p.Kind), p.First, p.N)
	return fmt.Sprintf("%s:%02d", body, checkDigits(body)), nil
}

func (p Payload) validate() error {
	bad := func(what string) error { return fmt.Errorf("%w: %s", ErrPayload, what) }
	switch {
	case len(p.Petition) != 8 || !isUpperHex(p.Petition):
		return bad("petition id must be 8 upper-case hex digits")
	case p.Sheet < 1 || p.Sheet > 999999:
		return bad("sheet number out of range")
	case p.Page < 1 || p.Page > 99:
		return bad("page out of range")
	case p.Paper != A4 && p.Paper != Letter:
		return bad("unknown paper")
	case !p.Kind.Valid():
		return bad("unknown page kind")
	case p.First < 1 || p.First > 999:
		return bad("first row out of range")
	case p.N < 0 || p.N > MaxRows(p.Paper):
		return bad("row count out of range")
	}
	return nil
}

// ParsePayload decodes a QR text. Anything but a well-formed payload with
// correct check digits gives an error wrapping ErrPayload.
func ParsePayload(s string) (Payload, error) {
	bad := func(what string) (Payload, error) { return Payload{}, fmt.Errorf("%w: %s", ErrPayload, what) }
	if len(s) > 48 {
		return bad("too long")
	}
	f := strings.Split(s, ":")
	if len(f) != 8 || f[0] != PayloadVersion {
		return bad("wrong format or version")
	}
	body := s[:strings.LastIndexByte(s, ':')]
	if len(f[7]) != 2 || f[7] != fmt.Sprintf("%02d", checkDigits(body)) {
		return bad("check digits do not match")
	}
	var p Payload
	var err error
	p.Petition = f[1]
	if p.Sheet, err = number(f[2], 1, 999999); err != nil {
		return bad("sheet number")
	}
	if p.Page, err = number(f[3], 1, 99); err != nil {
		return bad("page")
	}
	if len(f[4]) != 2 || (f[4][0] != 'A' && f[4][0] != 'U') {
		return bad("paper and kind")
	}
	if f[4][0] == 'U' {
		p.Paper = Letter
	}
	p.Kind = Kind(f[4][1])
	if p.First, err = number(f[5], 1, 999); err != nil {
		return bad("first row")
	}
	if p.N, err = number(f[6], 0, 99); err != nil {
		return bad("row count")
	}
	if err := p.validate(); err != nil {
		return Payload{}, err
	}
	return p, nil
}

// number parses a decimal without sign or leading zeros, within lo..hi.
func number(s string, lo, hi int) (int, error) {
	if s == "" || len(s) > 6 || (len(s) > 1 && s[0] == '0') {
		return 0, ErrPayload
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, ErrPayload
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, ErrPayload
	}
	return n, nil
}

func isUpperHex(s string) bool {
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// checkDigits reads the body as a number in base 37 (0-9, A=10 .. Z=35,
// ':'=36) and returns it modulo the prime 97. As 97 is a prime larger
// than 37, changing any one character, or swapping two neighbours, always
// changes the result.
func checkDigits(body string) int {
	r := 0
	for _, c := range body {
		v := 36
		switch {
		case c >= '0' && c <= '9':
			v = int(c - '0')
		case c >= 'A' && c <= 'Z':
			v = int(c-'A') + 10
		}
		r = (r*37 + v) % 97
	}
	return r
}

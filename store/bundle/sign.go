package bundle

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
)

// Every bundle is signed by its group: each group's database holds an
// Ed25519 key made with its group id. The manifest carries the public key;
// the zip comment carries, after the whole-file SHA-256, an Ed25519
// signature of that hash. The hash covers every byte before it (the
// manifest and so the key and group id included), so verifying costs one
// hash, computed anyway, and one signature check, whatever the size.

// sigHexLen is the length of the signature's hex digits in the comment.
const sigHexLen = 2 * ed25519.SignatureSize

// sigSeparator comes between the hash and the signature in the comment.
const sigSeparator = " ed25519:"

// signedMessage is what the group signs: the hash of the bundle, prefixed
// so the signature means nothing in another context.
func signedMessage(sum []byte) []byte {
	return append([]byte(FormatName+" signature v2\n"), sum...)
}

// EncodeKey writes a public key as the manifest carries it.
func EncodeKey(pub ed25519.PublicKey) string { return base64.StdEncoding.EncodeToString(pub) }

// DecodeKey reads a public key as the manifest carries it.
func DecodeKey(s string) (ed25519.PublicKey, bool) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, false
	}
	return ed25519.PublicKey(b), true
}

// Fingerprint is a public key's short form for people to compare by
// phone: the first 80 bits of its SHA-256 as five groups of four hex
// digits, e.g. "3F2A 91C0 5B7E 0D44 A1C9".
func Fingerprint(pub ed25519.PublicKey) string {
	if len(pub) != ed25519.PublicKeySize {
		return ""
	}
	sum := sha256.Sum256(pub)
	h := strings.ToUpper(hex.EncodeToString(sum[:10]))
	var b strings.Builder
	for i := 0; i < len(h); i += 4 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(h[i : i+4])
	}
	return b.String()
}

// checkSignature checks the signature from the zip comment against the
// key the manifest names.
func (r *Reader) checkSignature(sum, sig []byte) error {
	pub, ok := DecodeKey(r.man.SigningKey)
	if !ok {
		return &InvalidError{Member: ManifestName, Reason: "the group's signing key is missing or not a key"}
	}
	if !ed25519.Verify(pub, signedMessage(sum), sig) {
		return ErrBadSignature
	}
	r.key = pub
	return nil
}

// SigningKey returns the public key the bundle was verified against (nil
// before Open has checked the signature).
func (r *Reader) SigningKey() ed25519.PublicKey { return r.key }

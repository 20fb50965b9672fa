#!/bin/sh
# Regenerates the fonts in assets/fonts that cover the scripts the Go fonts
# lack (issue 15): Latin with every diacritic (Vietnamese), Arabic, Hebrew,
# Devanagari, Chinese, Japanese and Korean. Each file is copied unmodified
# from Debian's packages, so the licences (OFL 1.1, Apache 2.0) apply as
# they stand:
#   fonts-noto-core       NotoSans{,Arabic,Hebrew,Devanagari}  OFL 1.1
#   fonts-droid-fallback  DroidSansFallbackFull (Han, Kana)     Apache 2.0
#   fonts-nanum           NanumBarunGothic (Hangul)             OFL 1.1
# Debian's Noto CJK is CFF (.ttc), which gopdf cannot embed; Droid Sans
# Fallback and NanumBarunGothic are TrueType (NanumSquare, smaller, draws
# only 2,479 of the 11,172 Hangul syllables). Needs apt-get and dpkg; no root.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
out="$here/assets/fonts"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
apt-get download fonts-noto-core fonts-droid-fallback fonts-nanum
for deb in *.deb; do dpkg -x "$deb" root; done
noto=root/usr/share/fonts/truetype/noto
for f in NotoSans-Regular NotoSans-Bold NotoSans-Italic \
	NotoSansArabic-Regular NotoSansArabic-Bold \
	NotoSansHebrew-Regular NotoSansHebrew-Bold \
	NotoSansDevanagari-Regular NotoSansDevanagari-Bold; do
	cp "$noto/$f.ttf" "$out/"
done
cp root/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf "$out/"
cp root/usr/share/fonts/truetype/nanum/NanumBarunGothic.ttf "$out/"
ls -l "$out"

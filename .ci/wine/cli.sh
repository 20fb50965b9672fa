# The command-line steps of .ci/wine-check (sourced; uses its $exe,
# $linux, $work, pd, unix, figures, log and fail). Data lives on
# Windows-style paths, documents in a profile with spaces and non-ASCII
# letters, as on a volunteer's laptop.
data='C:\pd'
docs='C:\Users\Zoë Müller\Documents\Petition Desk'
pass='correct horse battery staple'

# run NAME ARGS…: the .exe with stdout and stderr redirected to files
# ($work/out, $work/err); fails the check on a non-zero exit.
run() {
  local name=$1
  shift
  pd "$@" >"$work/out" 2>"$work/err" || fail "$name: exit $?: $(cat "$work/err")"
}

valid_in() { grep -o '"valid": *[0-9]*' "$1" | head -1 | grep -o '[0-9]*$'; }

start_xvfb() {
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
  xvfb=$!
  local i
  for ((i = 0; i < 100; i++)); do
    [ -s "$work/display" ] && break
    sleep 0.1
  done
  [ -s "$work/display" ] || fail "Xvfb did not start: $(cat "$work/xvfb.log")"
  DISPLAY=:$(tr -d '\n' <"$work/display")
  export DISPLAY
}

new_prefix() {
  wineboot -i >"$work/wineboot.log" 2>&1 || fail "wineboot: $(tail -5 "$work/wineboot.log")"
  mkdir -p "$(unix "$docs")"
}

install_dll() {
  x86_64-w64-mingw32-gcc -O2 -shared -s -o "$work/bcryptprimitives.dll" \
    .ci/wine/bcryptprimitives.c .ci/wine/bcryptprimitives.def -ladvapi32
  # Go loads it with LOAD_LIBRARY_SEARCH_SYSTEM32: beside the .exe it is never found.
  cp "$work/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"
}

check_version() {
  local want got
  want=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
  run version version
  got=$(cat "$work/out")
  [[ $got == "Petition Desk $want ("*windows/amd64* ]] || fail "version says \"$got\", expected $want on windows/amd64"
  log "  $got"
  run help help
  grep -q '^  export pdf' "$work/out" || fail "help lists no commands: $(cat "$work/out")"
}

# The example petition, on C:\pd and (Linux binary) in a Linux directory:
# the same figures. The new database's note reaches redirected stderr.
check_demo() {
  run demo demo --data "$data"
  grep -q '^created the example petition' "$work/out" || fail "demo printed: $(cat "$work/out")"
  grep -qF "new database in $data is not encrypted" "$work/err" || fail "demo: no note on stderr: $(cat "$work/err")"
  [ -d "$(unix "$data")" ] || fail "demo made no $data"
  run totals totals --json --data "$data"
  cp "$work/out" "$work/win.json"
  LANG=en_US.UTF-8 "$linux" demo --data "$work/linux" >/dev/null 2>&1
  LANG=en_US.UTF-8 "$linux" totals --json --data "$work/linux" >"$work/linux.json" 2>/dev/null
  diff <(figures "$work/linux.json") <(figures "$work/win.json") || fail "totals differ from the Linux binary's (above)"
  ref=$(sed -n 's/.*"reference": *"\([^"]*\)".*/\1/p' "$work/win.json" | head -1)
  [ -n "$ref" ] || fail "no petition reference in: $(cat "$work/win.json")"
}

# Two signers from different alphabets; the first one's drawn signature
# comes from a file saved on Windows (CRLF line ends).
check_sign() {
  local before after strokes="$docs\\signature (Zoë).json"
  before=$(valid_in "$work/win.json")
  printf '[[[10,40,0],[30,20,16],[50,45,33],[70,25,50]],\r\n [[20,60,70],[80,62,90]]]\r\n' >"$(unix "$strokes")"
  run "sign Zürich" sign --data "$data" --petition "$ref" --name 'Zoë Müller' --street 'Bahnhofstrasse 3' \
    --postcode 8001 --city Zürich --country Switzerland --strokes "$strokes"
  run "sign Мінск" sign --data "$data" --petition "$ref" --name 'Алесь Бяляцкі' --street 'вуліца Кірава 5' \
    --postcode 220030 --city Мінск --country Belarus
  run totals totals --json --data "$data"
  after=$(valid_in "$work/out")
  [ "$after" -eq $((before + 2)) ] || fail "valid $before -> $after after two signatures"
  run find find Müller --json --data "$data"
  grep -q '"Zürich"' "$work/out" || fail "find Müller: $(cat "$work/out")"
  run find find Бяляцкі --json --data "$data"
  grep -q '"Мінск"' "$work/out" || fail "find Бяляцкі: $(cat "$work/out")"
  # The data folder copied from a Windows laptop opens on Linux.
  LANG=en_US.UTF-8 "$linux" find Бяляцкі --json --data "$(unix "$data")" >"$work/out" 2>/dev/null || true
  grep -q '"Мінск"' "$work/out" || fail "the Linux binary does not find the signature in the Windows data folder"
}

check_pdf() {
  local pdf="$docs\\Sheets Zürich.pdf" text title
  run "export pdf" export pdf --data "$data" --petition "$ref" --duplicates keep --out "$pdf"
  text=$(pdftotext "$(unix "$pdf")" - 2>&1) || fail "pdftotext: $text"
  title=$(sed -n 's/.*"title": *"\([^"]*\)".*/\1/p' "$work/win.json" | head -1)
  grep -qF "${title:0:20}" <<<"$text" || fail "the PDF does not show the title \"$title\""
}

check_xlsx() {
  local xlsx="$docs\\Summary Zürich.xlsx" file xml
  run "export xlsx" export xlsx --data "$data" --out "$xlsx"
  file=$(unix "$xlsx")
  unzip -tq "$file" >/dev/null || fail "$xlsx is not a sound zip file"
  # Captured first: under pipefail, grep -q ending early would fail unzip.
  xml=$(unzip -p "$file" '\[Content_Types\].xml')
  grep -q spreadsheetml <<<"$xml" || fail "$xlsx is no Excel workbook"
  xml=$(unzip -p "$file" 'xl/*')
  grep -qF "$ref" <<<"$xml" || fail "$xlsx does not name the petition $ref"
}

check_backup() {
  local backup="$docs\\backup 2026.pdbackup"
  run backup backup --data "$data" "$backup"
  run restore restore --data 'C:\pd restored' "$backup"
  run totals totals --json --data "$data"
  cp "$work/out" "$work/before.json"
  run totals totals --json --data 'C:\pd restored'
  diff "$work/before.json" "$work/out" || fail "the restored database's totals differ (above)"
}

# An encrypted database: the passphrase from the environment, none or a
# wrong one refused, no signer's name in clear on disk; a recovery key
# file saved by Notepad (BOM, CRLF) still sets a new passphrase.
check_encrypted() {
  local enc='C:\pd encrypted' key="$docs\\recovery key.txt"
  PETITIONDESK_PASSPHRASE=$pass run "encrypted demo" demo --data "$enc"
  [ -f "$(unix "$enc")/petitiondesk-key.json" ] || fail "no petitiondesk-key.json: not encrypted?"
  PETITIONDESK_PASSPHRASE=$pass run "encrypted sign" sign --data "$enc" --petition "$ref" --name 'Zoë Verschlüsselt' \
    --street 'Marktgasse 1' --postcode 3011 --city Bern --country Switzerland
  if pd totals --data "$enc" </dev/null >"$work/out" 2>"$work/err"; then fail "opened without a passphrase"; fi
  grep -q 'encrypted' "$work/err" || fail "no passphrase: the message says: $(cat "$work/err")"
  if PETITIONDESK_PASSPHRASE='not the passphrase' pd totals --data "$enc" >"$work/out" 2>&1; then
    fail "opened with a wrong passphrase"
  fi
  if grep -rqa 'Verschlüsselt' "$(unix "$enc")"; then fail "a signer's name is on disk in clear"; fi
  PETITIONDESK_PASSPHRASE=$pass run "recovery key" passphrase recovery-key --data "$enc" "$key"
  sed -i '1s/^/\xef\xbb\xbf/; s/$/\r/' "$(unix "$key")"
  PETITIONDESK_NEW_PASSPHRASE="$pass again" run "reset" passphrase reset --data "$enc" --recovery-key "$key"
  PETITIONDESK_PASSPHRASE="$pass again" run "totals, new passphrase" totals --json --data "$enc"
  grep -q '"valid": *[1-9]' "$work/out" || fail "after the reset: $(cat "$work/out")"
}

# %AppData% as a user named Zoë Müller has it (Wine sets APPDATA from its
# own profile, so a console sets it first, as a Windows profile would).
check_profile() {
  local appdata='C:\Users\Zoë Müller\AppData\Roaming'
  mkdir -p "$(unix "$appdata")"
  # cmd takes no quotes Wine would pass on: the .exe goes to C:\ first.
  cp "$exe" "$(unix 'C:\petitiondesk.exe')"
  wine cmd /c "set APPDATA=$appdata&& C:\petitiondesk.exe demo" >"$work/out" 2>"$work/err" ||
    fail "demo in the profile: $(cat "$work/err")"
  [ -d "$(unix "$appdata")/petitiondesk" ] || fail "no database in $appdata\\petitiondesk: $(cat "$work/out" "$work/err")"
  grep -qF "$appdata\\petitiondesk" "$work/err" || fail "the note names another folder: $(cat "$work/err")"
}

# Go tests built for Windows, run under Wine: the console of a GUI program
# (cmd/petitiondesk) and files dropped from Explorer (ui). Built as the
# package is (cgo, mingw-w64), so Go's cache from `make package-windows`
# serves them, and as GUI programs (-H=windowsgui), as the .exe is.
check_go_tests() {
  local t name test
  for t in cmd/petitiondesk:'^TestConsole' ui:'^TestScanDropWindows$'; do
    name=${t%%:*} test=$work/${name//\//-}.test.exe
    GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc \
      go test -c -ldflags=-H=windowsgui -o "$test" "./$name" || fail "building the Windows tests of $name"
    wine "$test" -test.run "${t#*:}" -test.v >"$work/out" 2>&1 ||
      fail "the Windows tests of $name under Wine: $(cat "$work/out")"
    grep -q '^--- PASS' "$work/out" || fail "no Windows test of $name ran: $(cat "$work/out")"
    grep '^ *--- ' "$work/out" | sed 's/^/wine-check:   /'
  done
}

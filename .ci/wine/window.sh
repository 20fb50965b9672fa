# The window steps of .ci/wine-check (sourced; uses its $exe, $work,
# $shot, $pass, pd, unix, valid_in, log and fail, and .ci/window-lib.sh).
# A volunteer double-clicks the .exe on a laptop with no data yet: it
# opens on %AppData%\petitiondesk and asks for a passphrase. Then the CLI
# adds the example petition to that database, and the window signs once.
layout=$work/layout.txt
# shellcheck source=../window-lib.sh
. .ci/window-lib.sh

# start_window LOG: the .exe with no arguments, its layout log on.
start_window() {
  rm -f "$layout"
  PETITIONDESK_LAYOUT_LOG=$(winepath -w "$layout" 2>/dev/null) wine "$exe" >"$1" 2>&1 &
  app=$!
}

# close_window: Alt+F4, as a volunteer closes it; the window must end by
# itself (closing the database cleanly).
close_window() {
  local i
  xdotool windowfocus --sync "$(window)" 2>/dev/null || true
  xdotool key alt+F4
  for ((i = 0; i < 120; i++)); do
    kill -0 "$app" 2>/dev/null || break
    sleep 0.25
  done
  if kill -0 "$app" 2>/dev/null; then
    kill "$app" 2>/dev/null || true
    fail "Alt+F4 did not close the window within 30 s"
  fi
  wait "$app" 2>/dev/null || true
}

# drawn PNG NAME: the screenshot is not blank, and the marked widget's
# rectangle (window pixels, moved by the window's place on the screen)
# holds more than one colour (its frame and placeholder text).
drawn() {
  local png=$1 x y w h X Y colours
  colours=$(convert "$png" -format %k info:)
  [ "$colours" -gt 50 ] || fail "the screenshot $png is blank ($colours colours)"
  read -r x y w h <<<"$(where "$2")"
  eval "$(xdotool getwindowgeometry --shell "$(window)" | grep '^[XY]=')"
  colours=$(convert "$png" -crop "${w}x${h}+$((X + x))+$((Y + y))" -format %k info:)
  [ "$colours" -gt 3 ] || fail "nothing drawn where the layout log puts $2 (${w}x${h}+$((X + x))+$((Y + y)))"
  log "  screenshot $png: $2 at ${w}x${h}+$((X + x))+$((Y + y)) is drawn"
}

check_first_start() {
  start_window "$work/window1.log"
  wait_for first.pass 90 || fail "no first-start screen: $(tail -5 "$work/window1.log")"
  sleep 1
  /usr/bin/import -window root "$shot"
  drawn "$shot" first.pass
  click first.pass
  type_text "$pass"
  click first.again
  type_text "$pass"
  click first.create
  wait_for nav.signing 90 || fail "the main window did not open after the passphrase was chosen"
  close_window
}

# The CLI, with no --data, finds the window's database in
# %AppData%\petitiondesk, opens it with the passphrase typed in the window
# and adds the example petition to it.
check_default_dir() {
  local appdata
  appdata=$(wine cmd /c 'echo %APPDATA%' 2>/dev/null | tr -d '\r')
  [ -f "$(unix "$appdata\\petitiondesk")/petitiondesk-key.json" ] ||
    fail "no encrypted database in $appdata\\petitiondesk"
  PETITIONDESK_PASSPHRASE=$pass run "demo, default data dir" demo
  PETITIONDESK_PASSPHRASE=$pass run totals totals --json
  valid_before=$(valid_in "$work/out")
  log "  $appdata\\petitiondesk: valid $valid_before"
}

check_window_sign() {
  local after signed=${shot%.png}-signed.png
  PETITIONDESK_PASSPHRASE=$pass start_window "$work/window2.log"
  sign_once || fail "signing in the window: $(tail -5 "$work/window2.log")"
  /usr/bin/import -window root "$signed"
  # In signing mode Alt+F4 asks for the PIN (a signer must not close it);
  # the signature is on disk once the thank-you shows: end the process.
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  PETITIONDESK_PASSPHRASE=$pass run totals totals --json
  after=$(valid_in "$work/out")
  [ "$after" -eq $((valid_before + 1)) ] || fail "valid $valid_before -> $after: expected one more (screenshot $signed)"
  log "  signed once in the window: valid $valid_before -> $after (screenshot $signed)"
}

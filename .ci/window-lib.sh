# Sourced by .ci/window-check and .ci/wine-check: drives the real window
# with xdotool at the widget positions its layout log gives. Widget
# positions are not guessed: with PETITIONDESK_LAYOUT_LOG set, the window
# writes where its marked widgets are ("name x y w h", window pixels)
# each time a screen settles. The caller sets $layout (that file) and
# defines log().

# where NAME: "x y w h" of a marked widget, once it is on screen.
where() { awk -v n="$1" '$1 == n && ($4 > 0) { print $2, $3, $4, $5 }' "$layout" 2>/dev/null; }

wait_for() { # NAME [SECONDS]
  local i
  for ((i = 0; i < ${2:-30} * 4; i++)); do
    [ -n "$(where "$1")" ] && return 0
    sleep 0.25
  done
  log "timed out waiting for $1 on the screen"; return 1
}

window() { xdotool search --onlyvisible --name '^Petition Desk$' 2>/dev/null | head -1; }

click() { # NAME: click the middle of a marked widget
  local x y w h wid
  read -r x y w h <<<"$(where "$1")"
  wid=$(window)
  xdotool mousemove --window "$wid" $((x + w / 2)) $((y + h / 2))
  sleep 0.2
  xdotool click 1
  sleep 0.4
}

type_text() { xdotool type --delay 40 "$1"; sleep 0.3; }

# sign_once: from the main screen of a database with a petition, enter
# signing mode with a PIN, fill the form, draw in the pad and sign.
sign_once() {
  local x y w h wid i
  wait_for nav.signing 30
  sleep 1
  click nav.signing
  wait_for start.pin
  sleep 0.5
  click start.pin; type_text 2468
  click start.pinAgain; type_text 2468
  click start.button
  wait_for kiosk.sign
  sleep 3 # the layout log is written again once full screen has settled
  click kiosk.name
  type_text "Window Check"; xdotool key Return; sleep 0.3
  type_text "Teststrasse 1"; xdotool key Return; sleep 0.3
  type_text "3011"; xdotool key Return; sleep 0.3
  type_text "Bern"; xdotool key Return; sleep 0.3
  type_text "Switzerland"
  read -r x y w h <<<"$(where kiosk.pad)"
  wid=$(window)
  xdotool mousemove --window "$wid" $((x + w / 8)) $((y + h / 2))
  sleep 0.2
  xdotool mousedown 1
  for i in $(seq 1 40); do
    xdotool mousemove --window "$wid" $((x + w / 8 + i * w * 3 / 160)) $((y + h / 2 + (i % 6) * h / 12 - h / 5))
    sleep 0.03
  done
  xdotool mouseup 1
  sleep 0.5
  click kiosk.sign
  sleep 1
}

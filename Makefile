# Petition Desk — the two commands a newcomer needs are `make run` and `make test`.
GO      ?= go
BIN     := bin/petitiondesk
DATA    ?=
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# What the window needs to build (cgo + OpenGL/X11 headers), on Debian/Ubuntu.
GUI_DEPS := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
            libxinerama-dev libxi-dev libxxf86vm-dev
# The version is written once, in FyneApp.toml, and stamped into every
# binary built here (`petitiondesk version`); `go build` alone says "dev".
VERSION := $(shell sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
LDFLAGS := -X main.version=$(VERSION)
# Fyne reads the locale at start-up; "C" makes it complain, so tests pin one.
TEST_ENV := LANG=en_US.UTF-8 LC_ALL= LC_MESSAGES= CGO_ENABLED=0
# Tests build the screenshot tooling too ("screenshots"; not in the
# program people install) so that it is tested with everything else.
TEST_TAGS := ci,screenshots

.PHONY: run build deps test race bench screenshots package package-linux package-windows vet clean

## run: install what the window needs (if missing), build it and start it.
run: build
	./$(BIN) $(if $(DATA),--data $(DATA))

## build: the real windowed binary (cgo).
build: deps
	CGO_ENABLED=1 $(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/petitiondesk

## deps: apt-get install the window's build dependencies that are missing.
deps:
	@missing=$$(for p in $(GUI_DEPS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing what the window needs: $$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

## test: every test, headless (Fyne's software driver, no cgo, no display).
test:
	$(TEST_ENV) $(GO) test -tags $(TEST_TAGS) -count=1 -timeout 30m ./...

## bench: the performance budgets of docs/PERFORMANCE.md, each beside its floor.
bench:
	$(TEST_ENV) $(GO) test -tags ci -run '^$$' -bench . -benchtime 1x -count 1 ./...

## screenshots: the window's screens as PNG in docs/screenshots, drawn
## without a display by a binary built with the "screenshots" tag, on a
## fresh database holding the example petition (or on DATA=DIR).
SHOTS_DATA := bin/_shots-data
screenshots:
	CGO_ENABLED=0 $(GO) build -tags ci,screenshots -o bin/petitiondesk-screenshots ./cmd/petitiondesk
	$(if $(DATA),,rm -rf $(SHOTS_DATA))
	LANG=en_US.UTF-8 ./bin/petitiondesk-screenshots screenshot --data $(or $(DATA),$(SHOTS_DATA)) --out docs/screenshots

## package: dist/petitiondesk-linux-amd64.tar.xz (binary, .desktop file,
## icon) and dist/petitiondesk-windows-amd64.exe (icon, version and name
## in its resources), built by Fyne's packager (fyne.io/tools, pinned as a
## tool in go.mod). The .exe is cross-compiled with mingw-w64:
## `apt-get install gcc-mingw-w64-x86-64`.
package: package-linux package-windows

# Fyne's packager reads FyneApp.toml from the main package's folder and
# writes files there while it builds (metadata, Windows resources). So it
# works on a copy of cmd/petitiondesk in bin/_package/OS/petitiondesk (the
# "_" keeps it out of ./...; the folder's name becomes the program's name),
# never on the source tree, and the two targets can run side by side. It
# takes extra linker flags only through GOFLAGS, split at spaces: hence
# -X=name=value.
# Not --release: that adds -trimpath and the "release" tag, which change
# every package's build and so rebuild all of Fyne's C code (5 minutes on
# two cores) where `make build` (and CI) already compiled it; the release
# tag only stops Fyne looking for FyneApp.toml beside the sources at run
# time. Stripping (-s -w) touches the link alone.
FYNE         := bin/fyne
PACKAGE_ENV  := LANG=en_US.UTF-8 GOFLAGS="$(shell $(GO) env GOFLAGS) -ldflags=-s -ldflags=-w -ldflags=-X=main.version=$(VERSION)"
PACKAGE_ARGS := --icon ../../../../assets/icon.png
WIN_CC       ?= x86_64-w64-mingw32-gcc
stage = rm -rf bin/_package/$(1) && mkdir -p bin/_package/$(1)/petitiondesk dist && \
	cp FyneApp.toml $$(ls cmd/petitiondesk/*.go | grep -v '_test\.go$$') bin/_package/$(1)/petitiondesk/

# The packager itself, built for this machine (`go tool fyne` would be
# built for Windows in the cross-compiling environment below).
$(FYNE): go.mod
	$(GO) build -o $(FYNE) fyne.io/tools/cmd/fyne

package-linux: deps $(FYNE)
	$(call stage,linux)
	cd bin/_package/linux/petitiondesk && $(PACKAGE_ENV) ../../../fyne package --os linux $(PACKAGE_ARGS)
	mv "bin/_package/linux/petitiondesk/Petition Desk.tar.xz" dist/petitiondesk-linux-amd64.tar.xz
	@echo "dist/petitiondesk-linux-amd64.tar.xz"

# The placeholder .exe makes the packager build once, with the icon and
# version resources, rather than once without them and again with them.
package-windows: $(FYNE)
	@command -v $(WIN_CC) >/dev/null || { echo "$(WIN_CC) is missing: apt-get install gcc-mingw-w64-x86-64"; exit 1; }
	$(call stage,windows)
	touch bin/_package/windows/petitiondesk/petitiondesk.exe
	cd bin/_package/windows/petitiondesk && $(PACKAGE_ENV) CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=$(WIN_CC) \
	  ../../../fyne package --os windows --exe petitiondesk.exe $(PACKAGE_ARGS)
	mv "bin/_package/windows/petitiondesk/Petition Desk.exe" dist/petitiondesk-windows-amd64.exe
	@echo "dist/petitiondesk-windows-amd64.exe"

## vet: go vet and staticcheck (pinned as a Go tool in go.mod), with the
## tests' tags (the screenshot tooling adds files, it replaces none).
vet:
	$(TEST_ENV) $(GO) vet -tags $(TEST_TAGS) ./...
	$(TEST_ENV) $(GO) tool staticcheck -tags $(TEST_TAGS) ./...

## race: the packages with goroutines of their own under the race detector
## (it needs cgo; Fyne's test driver stays headless).
## scrypt (passphrases, 2^18) is some ten times slower under it: hence the
## 30-minute limit, as for make test.
race:
	$(TEST_ENV) CGO_ENABLED=1 $(GO) test -race -tags ci -count=1 -timeout 30m ./store/... ./export/... ./ui/...

clean:
	rm -rf bin dist

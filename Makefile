# Petition Desk — the two commands a newcomer needs are `make run` and `make test`.
GO      ?= go
BIN     := bin/petitiondesk
DATA    ?=
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# What the window needs to build (cgo + OpenGL/X11 headers), on Debian/Ubuntu.
GUI_DEPS := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
            libxinerama-dev libxi-dev libxxf86vm-dev
# Fyne reads the locale at start-up; "C" makes it complain, so tests pin one.
TEST_ENV := LANG=en_US.UTF-8 LC_ALL= LC_MESSAGES= CGO_ENABLED=0

.PHONY: run build deps test bench package vet clean

## run: install what the window needs (if missing), build it and start it.
run: build
	./$(BIN) $(if $(DATA),--data $(DATA))

## build: the real windowed binary (cgo).
build: deps
	CGO_ENABLED=1 $(GO) build -o $(BIN) ./cmd/petitiondesk

## deps: apt-get install the window's build dependencies that are missing.
deps:
	@missing=$$(for p in $(GUI_DEPS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing what the window needs: $$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

## test: every test, headless (Fyne's software driver, no cgo, no display).
test:
	$(TEST_ENV) $(GO) test -tags ci -count=1 ./...

## bench: the performance budgets of docs/PERFORMANCE.md, each beside its floor.
bench:
	$(TEST_ENV) $(GO) test -tags ci -run '^$$' -bench . -benchtime 1x -count 1 ./...

## package: a Linux .tar.xz (binary, .desktop file, icon) in dist/.
## Fyne's packager reads FyneApp.toml from the main package's folder; the
## one true copy is at the top, so it is copied there for the run (and
## ignored by git).
package: build
	mkdir -p dist
	cp FyneApp.toml cmd/petitiondesk/FyneApp.toml
	cd cmd/petitiondesk && $(GO) tool fyne package --os linux --release \
	  --exe ../../$(BIN) --icon ../../assets/icon.png
	mv "cmd/petitiondesk/Petition Desk.tar.xz" dist/petitiondesk-linux-amd64.tar.xz
	rm -f cmd/petitiondesk/FyneApp.toml
	@echo "dist/petitiondesk-linux-amd64.tar.xz"

vet:
	$(TEST_ENV) $(GO) vet -tags ci ./...

clean:
	rm -rf bin dist

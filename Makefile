# infra — build, test, demo, install.  `make help` lists the targets.
PREFIX      ?= /usr/local
DESTDIR     ?=
SWIFT       ?= swift
# Release binaries are byte-reproducible: no debug info (its clang module cache paths differ from
# one checkout to another) and a zeroed .swift_modhash (else a hash of IR that names the object paths).
RELEASE     := $(SWIFT) build -c release --static-swift-stdlib \
               -Xswiftc -gnone -Xswiftc -Xfrontend -Xswiftc -disable-incremental-llvm-codegen
BINDIR      := $(DESTDIR)$(PREFIX)/bin
MANDIR      := $(DESTDIR)$(PREFIX)/share/man/man1
BASHDIR     := $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR      := $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHDIR     := $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d

.PHONY: help deps build release test demo install uninstall deb docs bench clean

help:
	@echo "make demo       set up everything and run the sandbox demo"
	@echo "make test       set up everything and run all tests"
	@echo "make install    install binaries, man pages and completions under PREFIX ($(PREFIX))"
	@echo "make uninstall  remove what install put there"
	@echo "make deb        build the Debian package infra_<version>_<arch>.deb in .build/deb"
	@echo "make docs       regenerate man/ and completions/ from the command declarations"
	@echo "make bench      run the benchmarks in bench/"

deps:
	@scripts/install-deps

build: deps
	$(SWIFT) build

release: deps
	$(RELEASE)

# Swift tests run in parallel: fixtures keep their blocking work (waitpid, poll, sleeps) on threads
# of their own, never on the concurrency pool, and timing assertions measure deadlines with slack.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel
	python3 -m unittest discover -s Tests/Emulators/cloudns
	python3 -m unittest discover -s Tests/Emulators/github
	python3 -m unittest discover -s Tests/Emulators/hetzner
	python3 -m unittest discover -s Tests/ACME
	Tests/Packaging/test-deb.sh

demo: release
	@scripts/demo-acme

docs: deps
	@scripts/regenerate-docs

bench: release
	@for b in bench/*.sh; do echo "== $$b"; $$b || exit 1; done

# The multi-call executable once, and a link to it for each tool (see Package.swift).
install: deps
	$(RELEASE) --product infra
	install -d $(BINDIR) $(MANDIR) $(BASHDIR) $(ZSHDIR) $(FISHDIR)
	install -m 755 "$$($(RELEASE) --show-bin-path)/infra" $(BINDIR)/infra
	for t in $$(scripts/tool-names); do \
	    ln -sf infra $(BINDIR)/$$t; \
	    install -m 644 man/$$t.1 $(MANDIR)/$$t.1; \
	    install -m 644 completions/bash/$$t $(BASHDIR)/$$t; \
	    install -m 644 completions/zsh/_$$t $(ZSHDIR)/_$$t; \
	    install -m 644 completions/fish/$$t.fish $(FISHDIR)/$$t.fish; \
	done

uninstall:
	for t in $$(scripts/tool-names); do \
	    rm -f $(BINDIR)/$$t $(MANDIR)/$$t.1 $(BASHDIR)/$$t $(ZSHDIR)/_$$t $(FISHDIR)/$$t.fish; \
	done
	rm -f $(BINDIR)/infra

deb: deps
	$(RELEASE) --product infra
	@scripts/build-deb "$$($(RELEASE) --show-bin-path)" .build/deb

clean:
	rm -rf .build

# infra — build, test, demo, install.  `make help` lists the targets.
PREFIX      ?= /usr/local
DESTDIR     ?=
SWIFT       ?= swift
RELEASE     := $(SWIFT) build -c release --static-swift-stdlib
TOOLS       := infra-dns infra-lb infra-status infra-ssh infra-monitor acme-cloudns-hook
BINDIR      := $(DESTDIR)$(PREFIX)/bin
MANDIR      := $(DESTDIR)$(PREFIX)/share/man/man1
BASHDIR     := $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR      := $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHDIR     := $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d

.PHONY: help deps build release test demo install uninstall docs bench clean

help:
	@echo "make demo       set up everything and run the sandbox demo"
	@echo "make test       set up everything and run all tests"
	@echo "make install    install binaries, man pages and completions under PREFIX ($(PREFIX))"
	@echo "make uninstall  remove what install put there"
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

demo: release
	@scripts/demo-acme

docs: deps
	@scripts/regenerate-docs

bench: release
	@for b in bench/*.sh; do echo "== $$b"; $$b || exit 1; done

install: release
	install -d $(BINDIR) $(MANDIR) $(BASHDIR) $(ZSHDIR) $(FISHDIR)
	for t in $(TOOLS); do \
	    install -m 755 "$$($(RELEASE) --show-bin-path)/$$t" $(BINDIR)/$$t; \
	    install -m 644 man/$$t.1 $(MANDIR)/$$t.1; \
	    install -m 644 completions/bash/$$t $(BASHDIR)/$$t; \
	    install -m 644 completions/zsh/_$$t $(ZSHDIR)/_$$t; \
	    install -m 644 completions/fish/$$t.fish $(FISHDIR)/$$t.fish; \
	done

uninstall:
	for t in $(TOOLS); do \
	    rm -f $(BINDIR)/$$t $(MANDIR)/$$t.1 $(BASHDIR)/$$t $(ZSHDIR)/_$$t $(FISHDIR)/$$t.fish; \
	done

clean:
	rm -rf .build

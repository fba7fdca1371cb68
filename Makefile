# 整改公开 — setup, build and test. `make site` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Debian packages the build needs (CJK fonts, HarfBuzz subsetting for fast PDFs) and the
# tests need on top (a browser, PDF text and image tools).
SITE_DEBS := fonts-noto-cjk fonts-arphic-ukai libharfbuzz-subset0
TEST_DEBS := $(SITE_DEBS) chromium poppler-utils nginx libreoffice-writer-nogui

.PHONY: site test test-fast serve validate bench clean sysdeps-site sysdeps-test install-stamp FORCE

# A build of a clean commit publishes; any other is a preview (zhenggai build --help).
# Pipelines that deploy site/ run `make site SITE_FLAGS=--publish`: a preview then fails.
site: $(VENV)/.installed sysdeps-site
	$(BIN)/zhenggai build $(SITE_FLAGS)

# Every test: the unit tier, then builds, PDFs, browsers and servers (tests/e2e/).
test: $(VENV)/.installed sysdeps-test
	$(BIN)/python -m pytest

# The unit tier alone: no browser, no WeasyPrint, no site build (under 30 s). Work stealing keeps
# both workers busy to the end (xdist's default hands out fixed chunks: 2-4 s of one idle core).
test-fast: $(VENV)/.installed
	$(BIN)/python -m pytest -n 2 --dist worksteal tests/unit

# The preview: rebuilds on every change and, while the data has errors, shows them in the browser.
serve: $(VENV)/.installed sysdeps-site
	NO_MKDOCS_2_WARNING=1 ZHENGGAI_PREVIEW=1 $(BIN)/python -m zhenggai.build.engines.mkdocs_run serve --livereload

validate: $(VENV)/.installed
	$(BIN)/zhenggai validate

bench: $(VENV)/.installed sysdeps-test
	$(BIN)/python scripts/bench.py

# The install stamp holds a digest of what was installed (the lock file and pyproject.toml), not a
# time: `git clone` and `git checkout` give files new times, and a venv that already has exactly
# these packages must not be installed again. The digest is compared on every run (FORCE).
INSTALL_STAMP = $(shell cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)

$(VENV)/.installed: FORCE
	@if [ "$$(cat $@ 2>/dev/null)" != "$(INSTALL_STAMP)" ]; then \
	  set -e; \
	  test -x $(BIN)/python || $(PYTHON) -m venv $(VENV); \
	  echo "$(BIN)/python -m pip install -r requirements.lock"; \
	  $(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock; \
	  $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .; \
	  echo "$(INSTALL_STAMP)" > $@; \
	fi

# The digest the stamp must hold (for tests and tools).
install-stamp:
	@echo $(INSTALL_STAMP)

FORCE:

# FandolFang (the PDF's 仿宋) is extracted from Debian's texlive-lang-chinese, not installed with it.
sysdeps-site:
	@sh scripts/sysdeps.sh $(SITE_DEBS)
	@sh scripts/fandol.sh

sysdeps-test:
	@sh scripts/sysdeps.sh $(TEST_DEBS)
	@sh scripts/fandol.sh

clean:
	rm -rf $(VENV) site .build .cache

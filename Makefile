# exporter — crawled Korean news articles in; comparison CSVs and a typeset briefing PDF out.
# Plain GNU make. Every library with a Debian .pc file comes through pkg-config; libhpdf and
# libcsv ship none and are linked by name.

CC      ?= cc
PREFIX  ?= /usr/local
DESTDIR ?=
PKGS    := yaml-0.1 harfbuzz harfbuzz-subset freetype2 fontconfig libutf8proc nettle libunibreak \
           sqlite3 xlsxwriter zlib libdeflate

# Debian packages the build, the run and the tests need (make deps installs the missing ones).
DEB_PKGS := build-essential pkg-config libhpdf-dev libyaml-dev libcsv-dev libharfbuzz-dev \
            libfreetype-dev libfontconfig-dev libutf8proc-dev nettle-dev libunibreak-dev \
            libcmocka-dev fonts-nanum poppler-utils qpdf mupdf-tools python3 valgrind clang \
            cppcheck libsqlite3-dev sqlite3 libxlsxwriter-dev python3-openpyxl \
            python3-yaml zlib1g-dev libdeflate-dev

WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) $(CFLAGS) \
             -DEXPORTER_DATADIR='"$(PREFIX)/share/exporter"' -iquote exporter \
             $(shell pkg-config --cflags $(PKGS) 2>/dev/null) -MMD -MP
# Libraries Debian also ships as static archives (libyaml, utf8proc, nettle, SQLite, libcsv)
# are linked into the binary: fewer shared objects to map, relocate and bind at every start
# (a 5-article run: 197.8 M → 194.1 M instructions; the loader's start 10.6 M → 7.3 M). The
# others (HarfBuzz, FreeType, fontconfig, libharu, libxlsxwriter, zlib, libdeflate) are shared.
STATIC_PKGS := yaml-0.1 libutf8proc nettle sqlite3
LIBS    = -Wl,-O1 -Wl,--as-needed \
          -Wl,-Bstatic $(shell pkg-config --libs $(STATIC_PKGS) 2>/dev/null) -lcsv -Wl,-Bdynamic \
          $(shell pkg-config --libs $(filter-out $(STATIC_PKGS),$(PKGS)) 2>/dev/null) \
          -lhpdf -lm -pthread
TEST_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null)

# Sources live in one folder per pipeline stage (exporter/README.md); includes name the folder.
SRCS    := $(sort $(wildcard exporter/*/*.c))
LIB_SRCS := $(filter-out exporter/cli/main.c,$(SRCS))
TESTS   := $(sort $(wildcard tests/unit/test_*.c))

OBJS      := $(SRCS:exporter/%.c=build/obj/%.o)
LIB_OBJS  := $(LIB_SRCS:exporter/%.c=build/obj/%.o)
TEST_BINS := $(TESTS:tests/unit/%.c=build/tests/%)

SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN_OBJS  := $(LIB_SRCS:exporter/%.c=build/asan/obj/%.o)
SAN_TEST_BINS := $(TESTS:tests/unit/%.c=build/asan/tests/%)

.PHONY: all deps run test test-quick test-unit test-asan test-integration bench preview clean install fuzz lint format

all: build/exporter

build/exporter: $(OBJS)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS)

build/obj/%.o: exporter/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build/tests/%: tests/unit/%.c $(LIB_OBJS) | build/tests
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB_OBJS) $(LIBS) $(TEST_LIBS)

build/asan/exporter: $(SAN_OBJS) build/asan/obj/cli/main.o
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -o $@ $^ $(LIBS)

build/asan/obj/%.o: exporter/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -c -o $@ $<

build/asan/tests/%: tests/unit/%.c $(SAN_OBJS) | build/asan/tests
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -o $@ $< $(SAN_OBJS) $(LIBS) $(TEST_LIBS)

build/obj build/tests build/asan/obj build/asan/tests:
	mkdir -p $@

# Installs only what is missing, so a second run does nothing.
deps:
	@missing=""; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

run: deps
	$(MAKE) all
	./build/exporter build --out out examples/articles

# The plain unit tests only: a quick check before landing a change (make test is the full run).
test-quick: all $(TEST_BINS)
	@set -e; for t in $(TEST_BINS); do ./$$t >/dev/null 2>&1 || { echo "FAILED: $$t"; exit 1; }; done
	@echo "make test-quick: unit tests passed"

# Unit tests (cmocka) plain and under ASan+UBSan, then the end-to-end tests on the binary.
test: deps
	$(MAKE) all $(TEST_BINS) build/asan/exporter $(SAN_TEST_BINS)
	@set -e; for t in $(TEST_BINS); do echo "== $$t"; ./$$t; done
	@set -e; for t in $(SAN_TEST_BINS); do echo "== $$t (asan+ubsan)"; \
	  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ./$$t; done
	@set -e; for t in tests/integration/*.sh; do echo "== $$t"; \
	  EXPORTER=build/asan/exporter bash $$t; done
	$(MAKE) -s lint
	@echo "make test: all passed"

bench: deps
	$(MAKE) all
	@set -e; for b in bench/*.sh; do echo "== $$b"; bash $$b; done

preview: run
	mkdir -p out/preview
	rm -f out/preview/page-*.png
	pdftoppm -r 110 -png out/briefing.pdf out/preview/page

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/exporter/templates \
	  $(DESTDIR)$(PREFIX)/share/exporter/fonts $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 build/exporter $(DESTDIR)$(PREFIX)/bin/exporter
	install -m 644 templates/*.yaml $(DESTDIR)$(PREFIX)/share/exporter/templates/
	cp -R fonts/. $(DESTDIR)$(PREFIX)/share/exporter/fonts/
	install -m 644 exporter.1 $(DESTDIR)$(PREFIX)/share/man/man1/exporter.1

# cppcheck, then the house rules a compiler cannot see (tests/lint/README).
lint:
	cppcheck --quiet --inline-suppr --error-exitcode=1 --enable=warning,style,performance --std=c11 -I exporter exporter/
	python3 tests/lint/include_cycles.py exporter
	python3 tests/lint/include_cycles.py --stages exporter
	python3 tests/lint/long_functions.py exporter tests bench
	python3 tests/lint/standalone_docs.py .
	python3 tests/lint/dead_functions.py exporter

format:
	clang-format -i exporter/*/*.c exporter/*/*.h tests/unit/*.c

clean:
	rm -rf build out

# Module-specific extra targets (bench programs, fuzz harnesses) live in mk/*.mk.
-include mk/*.mk

# Builds every libFuzzer harness (clang); `make fuzz-<name>` runs one. Building them all in one
# target is what keeps a harness from rotting unnoticed when a module gains a dependency.
FUZZ_HARNESSES := article template extract quantity typeset
fuzz: $(FUZZ_HARNESSES:%=build/fuzz/fuzz_%)

-include $(OBJS:.o=.d) $(SAN_OBJS:.o=.d) build/asan/obj/cli/main.d

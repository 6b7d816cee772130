# Fuzzing the layout engine and the PDF writer with libFuzzer (clang), under ASan and UBSan:
# random headings, paragraphs with styled and linked spans, tables and page breaks, laid out
# and written as a PDF in memory (tests/fuzz/fuzz_typeset.c). Run from the repository root
# (the harness opens the project's fonts).
FUZZ_TYPESET_SECONDS ?= 600
FUZZ_TYPESET_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 \
                      -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
                      -iquote exporter $(shell pkg-config --cflags $(PKGS) 2>/dev/null)

build/fuzz/fuzz_typeset: tests/fuzz/fuzz_typeset.c $(LIB_SRCS)
	mkdir -p build/fuzz
	clang $(FUZZ_TYPESET_CFLAGS) -o $@ $< $(LIB_SRCS) $(LIBS)

.PHONY: fuzz-typeset
fuzz-typeset: build/fuzz/fuzz_typeset
	mkdir -p build/fuzz/corpus_typeset build/fuzz/artifacts
	LSAN_OPTIONS=suppressions=tests/fuzz/lsan_typeset.supp ./build/fuzz/fuzz_typeset -max_total_time=$(FUZZ_TYPESET_SECONDS) -max_len=4096 -timeout=30 \
	  -rss_limit_mb=3000 -artifact_prefix=build/fuzz/artifacts/ \
	  build/fuzz/corpus_typeset tests/fuzz/corpus_typeset

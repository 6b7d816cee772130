# Fuzzing the template loader and the extractor with libFuzzer (clang), under ASan and UBSan.
FUZZ_SECONDS ?= 180
FUZZ_EXTRACT_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 \
                      -fsanitize=fuzzer,address,undefined -iquote exporter \
                      $(shell pkg-config --cflags $(PKGS) 2>/dev/null)

build/fuzz/fuzz_template build/fuzz/fuzz_extract: build/fuzz/%: tests/fuzz/%.c $(LIB_SRCS)
	mkdir -p build/fuzz
	clang $(FUZZ_EXTRACT_CFLAGS) -o $@ $< $(LIB_SRCS) $(LIBS)

.PHONY: fuzz-template fuzz-extract
fuzz-template: build/fuzz/fuzz_template
	mkdir -p build/fuzz/corpus_template
	./build/fuzz/fuzz_template -max_total_time=$(FUZZ_SECONDS) -max_len=8192 \
	  build/fuzz/corpus_template tests/fuzz/corpus_template

fuzz-extract: build/fuzz/fuzz_extract
	mkdir -p build/fuzz/corpus_extract
	./build/fuzz/fuzz_extract -max_total_time=$(FUZZ_SECONDS) -max_len=8192 \
	  build/fuzz/corpus_extract tests/fuzz/corpus_extract

# Fuzzing the article parser with libFuzzer (clang), under ASan and UBSan.
FUZZ_SECONDS ?= 180
FUZZ_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 \
              -fsanitize=fuzzer,address,undefined -iquote exporter \
              $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# Every library source: a hand-kept list went stale whenever a module gained a dependency.
FUZZ_ARTICLE_SRCS = $(LIB_SRCS)

build/fuzz/fuzz_article: tests/fuzz/fuzz_article.c $(FUZZ_ARTICLE_SRCS)
	mkdir -p build/fuzz
	clang $(FUZZ_CFLAGS) -o $@ $^ $(LIBS)

.PHONY: fuzz-article
fuzz-article: build/fuzz/fuzz_article
	mkdir -p build/fuzz/corpus_article
	./build/fuzz/fuzz_article -max_total_time=$(FUZZ_SECONDS) -max_len=8192 \
	  build/fuzz/corpus_article tests/fuzz/corpus_article

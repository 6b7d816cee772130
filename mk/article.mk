# Fuzzing the article parser with libFuzzer (clang), under ASan and UBSan.
FUZZ_SECONDS ?= 180
FUZZ_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 \
              -fsanitize=fuzzer,address,undefined -iquote exporter \
              $(shell pkg-config --cflags yaml-0.1 libutf8proc nettle)
FUZZ_ARTICLE_SRCS = exporter/ingest/article.c exporter/ingest/normalise.c exporter/ingest/sentence.c exporter/util/buf.c \
                    exporter/util/diag.c exporter/util/fsutil.c exporter/util/date.c

build/fuzz/fuzz_article: tests/fuzz/fuzz_article.c $(FUZZ_ARTICLE_SRCS)
	mkdir -p build/fuzz
	clang $(FUZZ_CFLAGS) -o $@ $^ $(shell pkg-config --libs yaml-0.1 libutf8proc nettle)

.PHONY: fuzz-article
fuzz-article: build/fuzz/fuzz_article
	mkdir -p build/fuzz/corpus_article
	./build/fuzz/fuzz_article -max_total_time=$(FUZZ_SECONDS) -max_len=8192 \
	  build/fuzz/corpus_article tests/fuzz/corpus_article

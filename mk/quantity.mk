# quantity.mk — extra rules for the quantity normaliser: its benchmark program and
# its libFuzzer harness. Included by the Makefile.

QUANTITY_FUZZ_CC   ?= clang
QUANTITY_FUZZ_TIME ?= 180
# The normaliser, its units and every util module: a hand-picked util list went stale whenever
# the normaliser gained a dependency (text, hash, particles).
QUANTITY_FUZZ_SRCS := exporter/extract/quantity.c exporter/extract/units.c \
                      $(filter exporter/util/%.c,$(LIB_SRCS))

.PHONY: fuzz-quantity fuzz-quantity-build

# One core, timing quantity_scan over a generated buffer (bench/quantity.sh runs it).
build/bench_quantity: bench/bench_quantity.c $(LIB_OBJS) | build/obj
	$(CC) $(ALL_CFLAGS) -iquote exporter -o $@ $< $(LIB_OBJS) $(LIBS)

build/fuzz/fuzz_quantity: tests/fuzz/fuzz_quantity.c $(QUANTITY_FUZZ_SRCS) exporter/extract/quantity.h exporter/extract/units.h exporter/util/decimal.h
	mkdir -p build/fuzz
	$(QUANTITY_FUZZ_CC) -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 \
	  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	  $(shell pkg-config --cflags $(PKGS) 2>/dev/null) -iquote exporter -o $@ \
	  tests/fuzz/fuzz_quantity.c $(QUANTITY_FUZZ_SRCS) $(LIBS)

fuzz-quantity-build: build/fuzz/fuzz_quantity

# Runs the harness for QUANTITY_FUZZ_TIME seconds; new inputs go to build/fuzz/corpus_quantity,
# the checked-in seeds in tests/fuzz/corpus_quantity are only read.
fuzz-quantity: build/fuzz/fuzz_quantity
	mkdir -p build/fuzz/corpus_quantity build/fuzz/artifacts
	./build/fuzz/fuzz_quantity -max_total_time=$(QUANTITY_FUZZ_TIME) -max_len=4096 -timeout=10 \
	  -artifact_prefix=build/fuzz/artifacts/ \
	  build/fuzz/corpus_quantity tests/fuzz/corpus_quantity

# Typesetting engine (issue #5): the sample document, the benchmark program.
TYPESET_TOOLS := build/typeset_sample build/typeset_bench

.PHONY: typeset-tools typeset-preview
typeset-tools: $(TYPESET_TOOLS)

build/typeset_sample: tests/tools/typeset_sample.c $(LIB_OBJS) | build/obj
	$(CC) $(ALL_CFLAGS) -iquote exporter -o $@ $< $(LIB_OBJS) $(LIBS)

build/asan/typeset_sample: tests/tools/typeset_sample.c $(SAN_OBJS) | build/asan/obj
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -iquote exporter -o $@ $< $(SAN_OBJS) $(LIBS)

build/typeset_bench: bench/typeset_bench.c $(LIB_OBJS) | build/obj
	$(CC) $(ALL_CFLAGS) -iquote exporter -o $@ $< $(LIB_OBJS) $(LIBS)

# PNGs of the sample document, to look at.
typeset-preview: build/typeset_sample
	mkdir -p out/typeset
	./build/typeset_sample out/typeset/sample.pdf
	pdftoppm -r 110 -png out/typeset/sample.pdf out/typeset/sample

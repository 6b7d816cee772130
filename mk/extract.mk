# The extraction bench: parse → extract → CSV over a synthetic corpus (bench/extract.sh).
build/bench/extract_bench: bench/extract_bench.c $(LIB_OBJS)
	mkdir -p build/bench
	$(CC) $(ALL_CFLAGS) -Iexporter -o $@ $< $(LIB_OBJS) $(LIBS)

# gainsay - statistical claim-contradiction checker.
#   make                 build ./gainsay
#   make test            unit, golden, bad-input and data tests
#   make SAN=1 test      the same under AddressSanitizer + UBSan
#   make WERROR=1 test   warnings are errors (CI)
#   make fuzz            libFuzzer on the parsers (FUZZ_SECONDS each)
#   make bench           speed and memory against scikit-learn
#   make models          retrain the shipped models from ../shared/data
#   make install         binary to $(PREFIX)/bin, models to $(DATADIR)

CC ?= cc
CFLAGS ?= -O2 -g
PREFIX ?= /usr/local
DATADIR ?= $(PREFIX)/share/gainsay
PKGS = gsl libcjson openblas libutf8proc libcmark gumbo inih
WARN = -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wstrict-prototypes \
       -Wmissing-prototypes -Wformat=2 -Wwrite-strings -Wcast-qual -Wundef
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -Isrc $(WARN) $(CFLAGS) \
             $(shell pkg-config --cflags $(PKGS)) -MMD -MP \
             -DGAINSAY_DATADIR='"$(DATADIR)"'
# OpenBLAS, not gslcblas, answers GSL's CBLAS calls
LDLIBS = $(shell pkg-config --define-variable=GSL_CBLAS_LIB= --libs $(PKGS)) \
         -lpthread -lm

BUILD = build
ifeq ($(SAN),1)
ALL_CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=all \
              -fno-omit-frame-pointer
LDFLAGS += -fsanitize=address,undefined
BUILD = build-san
endif
ifeq ($(FUZZ),1)
CC = clang
ALL_CFLAGS += -fsanitize=fuzzer-no-link,address,undefined \
              -fno-sanitize-recover=all -fno-omit-frame-pointer
BUILD = build-fuzz
endif
ifeq ($(WERROR),1)
ALL_CFLAGS += -Werror
endif

LIB_SRC = $(filter-out src/main.c src/cli/%,$(wildcard src/*/*.c))
CLI_SRC = src/main.c $(wildcard src/cli/*.c)
LIB_OBJ = $(LIB_SRC:src/%.c=$(BUILD)/%.o)
CLI_OBJ = $(CLI_SRC:src/%.c=$(BUILD)/%.o)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRC = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN = $(FUZZ_SRC:tests/fuzz/%.c=build-fuzz/%)
FUZZ_SECONDS ?= 60

ifeq ($(SAN),1)
BIN = $(BUILD)/gainsay
else
BIN = gainsay
endif

all: $(BIN)

$(BIN): $(CLI_OBJ) $(BUILD)/libgainsay.a
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libgainsay.a $(LDLIBS)

$(BUILD)/libgainsay.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libgainsay.a tests/unit/t.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(BUILD)/libgainsay.a \
	    $(LDFLAGS) $(LDLIBS) $(shell pkg-config --libs cmocka)

# the furniture learner (training/learn_furniture.sh), beside the library
$(BUILD)/learn_furniture: training/learn_furniture.c $(BUILD)/libgainsay.a
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libgainsay.a $(LDFLAGS) $(LDLIBS)

units: $(UNIT_BIN)

test: $(BIN) $(UNIT_BIN)
	GAINSAY=$(abspath $(BIN)) BUILD=$(BUILD) tests/run.sh

valgrind: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do \
	    echo "valgrind $$t"; \
	    OPENBLAS_NUM_THREADS=1 valgrind -q --error-exitcode=1 \
	        --leak-check=full $$t; \
	done

# libFuzzer (clang): each target FUZZ_SECONDS, corpus in build-fuzz/corpus,
# seeded from examples/ (articles), tests/data/ (models) or tests/fuzz/seeds/
fuzz:
	scripts/install-deps.sh --fuzz
	$(MAKE) FUZZ=1 fuzz-run

fuzz-run: $(FUZZ_BIN)
	@set -e; for f in $(FUZZ_BIN); do \
	    n=$$(basename $$f); mkdir -p build-fuzz/corpus/$$n; \
	    case $$n in \
	    fuzz_doc) seeds=examples ;; \
	    fuzz_model) seeds=tests/data ;; \
	    *) seeds=tests/fuzz/seeds/$$n ;; \
	    esac; \
	    echo "fuzz $$n for $(FUZZ_SECONDS) s"; \
	    if ! $$f -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	        -timeout=10 -print_final_stats=1 \
	        -artifact_prefix=build-fuzz/ build-fuzz/corpus/$$n \
	        $$seeds > build-fuzz/$$n.log 2>&1; then \
	        tail -n 40 build-fuzz/$$n.log; exit 1; \
	    fi; \
	    grep -E '^stat::(number_of_executed_units|peak_rss_mb)' \
	        build-fuzz/$$n.log; \
	done

build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(BUILD)/libgainsay.a
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $< $(BUILD)/libgainsay.a \
	    $(LDLIBS)

bench: $(BIN)
	scripts/bench.sh

models: $(BIN) $(BUILD)/learn_furniture
	training/learn_furniture.sh
	training/make_lexicon.sh
	training/train_stance.sh
	training/train_nli.sh
	training/train_headline.sh

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR)/models
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/gainsay
	install -m 644 models/*.json models/lexicon.bin $(DESTDIR)$(DATADIR)/models/

clean:
	rm -rf build build-san build-fuzz gainsay

.PHONY: all test units valgrind fuzz fuzz-run bench models install clean

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)

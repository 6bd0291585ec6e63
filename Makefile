# gainsay - statistical claim-contradiction checker.
#   make                 build ./gainsay
#   make test            unit, golden, bad-input and data tests
#   make SAN=1 test      the same under AddressSanitizer + UBSan
#   make WERROR=1 test   warnings are errors (CI)
#   make fuzz            libFuzzer on the parsers (FUZZ_SECONDS each)
#   make bench           speed and memory against scikit-learn
#   make models          retrain the shipped models from ../shared/data
#   make install         the binary, the models and data files, man page,
#                        bash completion, include/gainsay.h, libgainsay.a,
#                        libgainsay.so and gainsay.pc under $(DESTDIR)$(PREFIX)
#   make uninstall       removes all of it

CC ?= cc
CFLAGS ?= -O2 -g
PREFIX ?= /usr/local
DATADIR ?= $(PREFIX)/share/gainsay
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR ?= $(PREFIX)/share/man
COMPLETIONDIR ?= $(PREFIX)/share/bash-completion/completions
VERSION := $(shell sed -n 's/.*GAINSAY_VERSION "\(.*\)".*/\1/p' src/base/version.h)
SONAME = libgainsay.so.$(firstword $(subst ., ,$(VERSION)))
PKGS = gsl libcjson openblas libutf8proc libcmark gumbo inih
WARN = -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wstrict-prototypes \
       -Wmissing-prototypes -Wformat=2 -Wwrite-strings -Wcast-qual -Wundef
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -Isrc -Iinclude $(WARN) \
             $(CFLAGS) \
             $(shell pkg-config --cflags $(PKGS)) -MMD -MP \
             -DGAINSAY_DATADIR='"$(DATADIR)"'
# OpenBLAS, not gslcblas, answers GSL's CBLAS calls
LDLIBS = $(shell pkg-config --define-variable=GSL_CBLAS_LIB= --libs $(PKGS)) \
         -lpthread -lm

BUILD = build
# float-cast-overflow: gcc leaves it out of undefined (clang, the fuzzers'
# compiler, does not)
ifeq ($(SAN),1)
ALL_CFLAGS += -fsanitize=address,undefined,float-cast-overflow \
              -fno-sanitize-recover=all -fno-omit-frame-pointer
LDFLAGS += -fsanitize=address,undefined,float-cast-overflow
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
LIB_PIC_OBJ = $(LIB_SRC:src/%.c=$(BUILD)/pic/%.o)
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

# the shared library: position-independent objects, and only the public
# API (include/gainsay.h) exported
$(BUILD)/pic/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fPIC -fvisibility=hidden -c -o $@ $<

$(BUILD)/libgainsay.so.$(VERSION): $(LIB_PIC_OBJ)
	$(CC) -shared -Wl,-soname,$(SONAME) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/gainsay.pc: Makefile src/base/version.h
	@mkdir -p $(dir $@)
	printf '%s\n' 'prefix=$(PREFIX)' 'exec_prefix=$${prefix}' \
	    'libdir=$(patsubst $(PREFIX)%,$${prefix}%,$(LIBDIR))' \
	    'includedir=$(patsubst $(PREFIX)%,$${prefix}%,$(INCLUDEDIR))' \
	    'modelsdir=$(patsubst $(PREFIX)%,$${prefix}%,$(DATADIR))/models' '' \
	    'Name: gainsay' \
	    'Description: statistical claim-contradiction checker' \
	    'Version: $(VERSION)' \
	    'Requires.private: $(PKGS)' \
	    'Libs: -L$${libdir} -lgainsay' \
	    'Libs.private: -lpthread -lm' \
	    'Cflags: -I$${includedir}' > $@

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

# libFuzzer (clang): each target FUZZ_SECONDS, FUZZ_JOBS at a time, corpus
# in build-fuzz/corpus, seeded from examples/ (articles), tests/data/
# (models) and tests/fuzz/seeds/<target>/ (made by tests/fuzz/make_*_seeds.sh
# where there is one)
FUZZ_JOBS ?= 2
fuzz:
	scripts/install-deps.sh --fuzz
	$(MAKE) -k -j$(FUZZ_JOBS) FUZZ=1 fuzz-run

fuzz-run: $(FUZZ_BIN:%=%.run)
	@for f in $(FUZZ_BIN); do \
	    printf '%s: ' $$(basename $$f); \
	    grep -E '^stat::(number_of_executed_units|peak_rss_mb)' \
	        $$f.log | tr -s ' \n' ' '; echo; \
	done

build-fuzz/fuzz_%.run: build-fuzz/fuzz_% FORCE
	@n=fuzz_$*; mkdir -p build-fuzz/corpus/$$n; \
	case $$n in \
	fuzz_doc) seeds=examples ;; \
	fuzz_model) seeds="tests/fuzz/seeds/$$n tests/data" ;; \
	fuzz_predict) seeds="tests/fuzz/seeds/$$n tests/data" ;; \
	*) seeds=tests/fuzz/seeds/$$n ;; \
	esac; \
	echo "fuzz $$n for $(FUZZ_SECONDS) s"; \
	if ! $< -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	    -timeout=10 -print_final_stats=1 \
	    -artifact_prefix=build-fuzz/$$n- build-fuzz/corpus/$$n \
	    $$seeds > $<.log 2>&1; then \
	    echo "fuzz $$n failed: build-fuzz/$$n-crash-* (or leak-, oom-," \
	        "timeout-) is the input"; tail -n 40 $<.log; exit 1; \
	fi

build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(BUILD)/libgainsay.a
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $< $(BUILD)/libgainsay.a \
	    $(LDLIBS)

FORCE:

bench: $(BIN)
	scripts/bench.sh

models: $(BIN) $(BUILD)/learn_furniture
	training/learn_furniture.sh
	training/make_lexicon.sh
	training/train_stance.sh
	training/train_nli.sh
	training/train_headline.sh

lib: $(BUILD)/libgainsay.a $(BUILD)/libgainsay.so.$(VERSION) $(BUILD)/gainsay.pc

# every file of models/ (models, data files and their cards) is installed
MODEL_FILES = $(wildcard models/*)

install: $(BIN) lib
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/models \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(INCLUDEDIR) \
	    $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(COMPLETIONDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/gainsay
	install -m 644 $(MODEL_FILES) $(DESTDIR)$(DATADIR)/models/
	install -m 644 man/gainsay.1 $(DESTDIR)$(MANDIR)/man1/gainsay.1
	install -m 644 include/gainsay.h $(DESTDIR)$(INCLUDEDIR)/gainsay.h
	install -m 644 $(BUILD)/libgainsay.a $(DESTDIR)$(LIBDIR)/libgainsay.a
	install -m 755 $(BUILD)/libgainsay.so.$(VERSION) $(DESTDIR)$(LIBDIR)/
	ln -sf libgainsay.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libgainsay.so
	install -m 644 $(BUILD)/gainsay.pc $(DESTDIR)$(LIBDIR)/pkgconfig/gainsay.pc
	install -m 644 completion/gainsay.bash $(DESTDIR)$(COMPLETIONDIR)/gainsay

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/gainsay $(DESTDIR)$(MANDIR)/man1/gainsay.1 \
	    $(DESTDIR)$(INCLUDEDIR)/gainsay.h $(DESTDIR)$(LIBDIR)/libgainsay.a \
	    $(DESTDIR)$(LIBDIR)/libgainsay.so.$(VERSION) \
	    $(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/libgainsay.so \
	    $(DESTDIR)$(LIBDIR)/pkgconfig/gainsay.pc \
	    $(DESTDIR)$(COMPLETIONDIR)/gainsay \
	    $(addprefix $(DESTDIR)$(DATADIR)/models/,$(notdir $(MODEL_FILES)))
	-rmdir $(DESTDIR)$(DATADIR)/models $(DESTDIR)$(DATADIR) 2>/dev/null

clean:
	rm -rf build build-san build-fuzz gainsay

.PHONY: all lib test units valgrind fuzz fuzz-run bench models install \
        uninstall clean FORCE

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(LIB_PIC_OBJ:.o=.d)

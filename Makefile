# nncourse: neural networks from scratch, in C.    `make help` lists the targets.
#
# Configurations live side by side, one build directory each, so that switching never
# mixes objects:  make test CC=clang,  make test REAL=float,  make test OPENMP=0,
# make sanitize.  No -ffast-math anywhere: the tests compare numbers.

CC      ?= cc
REAL    ?= double
OPENMP  ?= 1
SAN     ?=
OPT     ?= -O3 -march=native
PROVE   ?= prove

ifeq ($(origin CC),default)
CC := cc
endif

WARN    := -std=c11 -Wall -Wextra -Wpedantic
CFLAGS_ALL := $(WARN) $(OPT) -g -D_POSIX_C_SOURCE=200809L -Ilib -MMD -MP
LDLIBS_ALL := -lz -lm

ifeq ($(REAL),float)
CFLAGS_ALL += -DNN_REAL_FLOAT
else ifneq ($(REAL),double)
$(error REAL must be double or float, not '$(REAL)')
endif
ifeq ($(OPENMP),1)
CFLAGS_ALL += -fopenmp
LDFLAGS_ALL += -fopenmp
else
# without OpenMP the omp pragmas are meant to be ignored: say nothing about them
CFLAGS_ALL += -Wno-unknown-pragmas
endif
ifneq ($(SAN),)
CFLAGS_ALL += -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
LDFLAGS_ALL += -fsanitize=address,undefined
endif
CFLAGS_ALL += $(CFLAGS)
LDFLAGS_ALL += $(LDFLAGS)

CCNAME  := $(notdir $(firstword $(CC)))
BUILD   ?= build/$(CCNAME)-$(REAL)$(if $(filter 0,$(OPENMP)),-noomp)$(if $(SAN),-san)

LIB_SRC := $(sort $(wildcard lib/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
LIBNN   := $(BUILD)/libnn.a

TEST_SRC := $(sort $(wildcard tests/test_*.c))
TEST_BIN := $(TEST_SRC:%.c=$(BUILD)/%)
TEST_SH  := $(sort $(wildcard tests/*.t))

CHAPTER_DIRS := $(sort $(wildcard chapters/[0-9][0-9]-*))
CHAPTER_BIN  := $(foreach d,$(CHAPTER_DIRS),$(BUILD)/$(d)/$(notdir $(d)))
CHAPTER_NUMS := $(foreach d,$(CHAPTER_DIRS),$(patsubst 0%,%,$(firstword $(subst -, ,$(notdir $(d))))))
CHAPTER_FIGURES := $(foreach d,$(CHAPTER_DIRS),figures/$(notdir $(d)))

TOOL_SRC := $(sort $(wildcard tools/*.c))
TOOL_BIN := $(TOOL_SRC:%.c=$(BUILD)/%)

.PHONY: all help build deps test sanitize clean figures html test-html bench check-all fuzz $(addprefix chapter,$(CHAPTER_NUMS))
.DEFAULT_GOAL := all
# Objects are kept (not deleted as intermediates) so that rebuilds stay incremental.
.SECONDARY:

help:
	@echo "nncourse: neural networks from scratch, in C"
	@echo ""
	@echo "  make              build, run every chapter, render every figure, build the site"
	@echo "  make chapterN     build and run chapter N, render its figures (N = $(CHAPTER_NUMS))"
	@echo "  make figures      regenerate every lecture figure"
	@echo "  make figures FORMAT=pdf   the figures at 16:9 for slides (or png), in build/slides/"
	@echo "  make html         the course as a web site: open build/html/index.html"
	@echo "  make test-html    open every page in headless Chromium; screenshots in build/html-check/"
	@echo "  make test         build everything and run the TAP suite with prove"
	@echo "  make sanitize     the suite under AddressSanitizer + UndefinedBehaviorSanitizer"
	@echo "  make check-all    test with gcc, clang, without OpenMP, in float, and sanitized"
	@echo "  make bench        the speed benchmark against OpenBLAS (and PyTorch if present)"
	@echo "  make fuzz         libFuzzer on the IDX reader and the flag parser, FUZZ_SECONDS each"
	@echo "  make deps         install (as root) or name the missing tools and packages"
	@echo "  make clean        remove build/ (figures/ are kept: they are committed)"
	@echo ""
	@echo "  Variables: CC=clang  REAL=float  OPENMP=0  THREADS=N (for chapters)"

# The site copies the figures, so it is built after them (not beside them under -j).
all: figures
	@$(MAKE) --no-print-directory html

deps:
	@sh tools/ensure-deps.sh --test --cc "$(CC)"

build: $(LIBNN) $(TEST_BIN) $(CHAPTER_BIN) $(TOOL_BIN)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(LIBNN): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(LIBNN)
	$(CC) $(LDFLAGS_ALL) $< $(LIBNN) $(LDLIBS_ALL) -o $@

$(BUILD)/tools/%: $(BUILD)/tools/%.o $(LIBNN)
	$(CC) $(LDFLAGS_ALL) $< $(LIBNN) $(LDLIBS_ALL) -o $@

# A chapter is every .c file of its directory, linked into one program named after it.
define CHAPTER_RULE
$(BUILD)/$(1)/$(notdir $(1)): $(patsubst %.c,$(BUILD)/%.o,$(wildcard $(1)/*.c)) $(LIBNN)
	$$(CC) $$(LDFLAGS_ALL) $$(filter %.o,$$^) $(LIBNN) $$(LDLIBS_ALL) -o $$@
endef
$(foreach d,$(CHAPTER_DIRS),$(eval $(call CHAPTER_RULE,$(d))))

# make chapterN: build, run (writing figures/NN-name/), render the figures.
THREADS ?=
define CHAPTER_RUN
chapter$(patsubst 0%,%,$(firstword $(subst -, ,$(notdir $(1))))):
	@sh tools/ensure-deps.sh --quiet --cc "$(CC)"
	@$(MAKE) --no-print-directory $(BUILD)/$(1)/$(notdir $(1))
	$(BUILD)/$(1)/$(notdir $(1)) --out figures/$(notdir $(1)) $(if $(THREADS),--threads $(THREADS))
	@sh tools/render.sh figures/$(notdir $(1))
endef
$(foreach d,$(CHAPTER_DIRS),$(eval $(call CHAPTER_RUN,$(d))))

# make figures FORMAT=pdf (or png): every figure again at 16:9 slide size, from the same
# .gp scripts and .dot files, under build/slides/; the committed SVGs are not touched.
FORMAT ?=
ifeq ($(FORMAT),)
figures: $(addprefix chapter,$(CHAPTER_NUMS))
else
figures:
	@sh tools/ensure-deps.sh --quiet --cc "$(CC)"
	@sh tools/slides.sh "$(FORMAT)" build/slides $(CHAPTER_FIGURES)
endif

# Each chapter runs once per thread count per `make test` (tests/chapter-run.sh): the
# runs in $(BUILD)/test-runs are shared by chapters.t and the claims tests.
# Dependencies are checked first, so that a missing zlib or prove is named with its
# install command instead of surfacing as a compiler error.
test:
	@sh tools/ensure-deps.sh --quiet --test --cc "$(CC)"
	@$(MAKE) --no-print-directory build
	@rm -rf $(BUILD)/test-runs
	NN_BUILD=$(BUILD) NN_REAL=$(REAL) NN_OPENMP=$(OPENMP) NN_SAN=$(SAN) NN_CC=$(CCNAME) \
	  NN_RUNS=$(BUILD)/test-runs $(PROVE) $(TEST_BIN) $(TEST_SH)

# The course as a static site under build/html/ (pandoc; generated, never committed).
html:
	@sh tools/ensure-deps.sh --quiet
	@perl tools/site/build --out build/html

# Every page of the site in headless Chromium: images, links, anchors, console, requests.
# The site is built a second time over the first: `make` then `make test-html` does that,
# and a builder that refused its own previous output once broke it.
test-html: html
	@sh tools/ensure-deps.sh --quiet --browser
	@perl tools/site/build --out build/html
	node tools/site/check.js build/html build/html-check

sanitize:
	$(MAKE) test SAN=1 OPT="-O1"

check-all:
	$(MAKE) test
	$(MAKE) test CC=clang
	$(MAKE) test OPENMP=0
	$(MAKE) test REAL=float
	$(MAKE) sanitize

# The benchmark links OpenBLAS as its reference, so it has its own build (tools/bench.sh),
# outside the tools/*.c rule: the library and everything else never link it.
# BENCH_ARGS go to the bench program (e.g. "--repeats 3 --train-repeats 2"); BENCH_COURSE=0
# skips timing the whole course in a fresh copy (a few minutes).
BENCH_ARGS ?=
BENCH_COURSE ?= 1
bench: $(LIBNN)
	@BENCH_COURSE=$(BENCH_COURSE) sh tools/bench.sh "$(CC)" "$(BUILD)" "$(REAL)" "$(OPENMP)" $(BENCH_ARGS)

# libFuzzer targets (tests/fuzz/README.md): clang with ASan and UBSan, no OpenMP, each run
# for FUZZ_SECONDS from the seed corpus in tests/fuzz/corpus/ (what they find stays in
# build/fuzz/corpus/); coverage of the library files they exercise, when llvm-cov is there.
FUZZ_SECONDS ?= 60
FUZZ_BUILD   := build/fuzz
FUZZ_FLAGS   := -std=c11 -Wall -Wextra -g -O1 -D_POSIX_C_SOURCE=200809L -Ilib -Wno-unknown-pragmas \
                -fsanitize=address,undefined -fno-sanitize-recover=undefined -MMD -MP
FUZZ_LIB     := nn_idx nn_error nn_parallel nn_matrix
FUZZ_BIN     := $(patsubst tests/fuzz/%.c,$(FUZZ_BUILD)/%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_COV     := $(FUZZ_BIN:$(FUZZ_BUILD)/%=$(FUZZ_BUILD)/cov/%)

$(FUZZ_BUILD)/lib/%.o: lib/%.c
	@mkdir -p $(dir $@)
	clang $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -c $< -o $@
$(FUZZ_BUILD)/%: tests/fuzz/%.c $(FUZZ_LIB:%=$(FUZZ_BUILD)/lib/%.o)
	clang $(FUZZ_FLAGS) -fsanitize=fuzzer $< $(FUZZ_LIB:%=$(FUZZ_BUILD)/lib/%.o) -lz -lm -o $@
$(FUZZ_BUILD)/cov/%: tests/fuzz/%.c $(FUZZ_LIB:%=lib/%.c)
	@mkdir -p $(dir $@)
	clang $(FUZZ_FLAGS) -fsanitize=fuzzer -fprofile-instr-generate -fcoverage-mapping $< $(FUZZ_LIB:%=lib/%.c) -lz -lm -o $@

fuzz:
	@sh tests/fuzz/run.sh --check
	@$(MAKE) --no-print-directory $(FUZZ_BIN) $(FUZZ_COV)
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_BIN)

clean:
	rm -rf build

-include $(wildcard $(FUZZ_BUILD)/*.d $(FUZZ_BUILD)/lib/*.d $(FUZZ_BUILD)/cov/*.d)
-include $(LIB_OBJ:.o=.d) $(TEST_BIN:=.d) $(TOOL_BIN:=.d) $(foreach d,$(CHAPTER_DIRS),$(patsubst %.c,$(BUILD)/%.d,$(wildcard $(d)/*.c)))

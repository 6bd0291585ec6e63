/* lexicon_compile.c - compile WordNet's data files into gainsay's lexical
 * table (models/lexicon.bin): word forms, their lemmas and senses,
 * hypernyms, adjective cluster heads, antonyms and how specific each synset
 * is (how many synsets it is above).
 *
 *   cc -O2 -Isrc -o build/lexicon_compile training/lexicon_compile.c
 *   build/lexicon_compile /usr/share/wordnet models/lexicon.bin
 *
 * Reads index.{noun,verb,adj,adv} (lemmas and their senses, most frequent
 * first), data.* (synsets and their pointers) and *.exc (irregular forms).
 * Only one-word lemmas are kept: the tokeniser splits at anything that is
 * not a letter or digit, so "ice_cream" can never be looked up.  The file
 * layout is described in src/lex/lexicon.h; keys are FNV-1a hashes of the
 * folded form, as the tokeniser computes them. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "lex/lexicon_format.h"

enum { POS_N, POS_V, POS_A, POS_R, N_POS };

static const char *const pos_name[N_POS] = { "noun", "verb", "adj", "adv" };
/* senses kept per lemma and part of speech: the rarer senses of common
 * words (cat: "guy", "X-ray scan") add noise, not knowledge */
static const unsigned senses_kept[N_POS] = { 3, 3, 3, 1 };
/* and beyond those, up to this many rarer senses in which the lemma
 * itself has an antonym (hit / miss, find / lose, pass / fail: WordNet
 * puts the antonym on the sense, not always among the first three) */
#define ANTONYM_SENSES 2

struct synset {
    uint32_t offset;
    unsigned char pos;          /* POS_* */
    unsigned char satellite;    /* adjective satellite ('s') */
    uint32_t *hyp, n_hyp;       /* hypernym offsets (same pos) */
    uint32_t *ant, n_ant;       /* antonym offsets (same pos) */
    uint32_t head;              /* satellite: offset of its head */
    uint32_t ant_words;         /* bit w-1: word w has a lexical antonym
                                   (bit 31: a semantic one, every word) */
    char **words;               /* its one-word lemmas, folded */
    unsigned n_words;
};

static struct synset *syn[N_POS];
static size_t n_syn[N_POS], cap_syn[N_POS];

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        fprintf(stderr, "lexicon_compile: out of memory\n");
        exit(2);
    }
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = xrealloc(NULL, n);
    memcpy(d, s, n);
    return d;
}

static FILE *open_wn(const char *dir, const char *kind, const char *pos)
{
    char path[4096];
    FILE *fp;

    snprintf(path, sizeof path, "%s/%s.%s", dir, kind, pos);
    fp = fopen(path, "r");
    if (!fp) {
        fprintf(stderr, "lexicon_compile: cannot open %s\n", path);
        exit(2);
    }
    return fp;
}

static void push_u32(uint32_t **v, uint32_t *n, uint32_t x)
{
    *v = xrealloc(*v, (*n + 1) * sizeof **v);
    (*v)[(*n)++] = x;
}

/* One line of data.<pos>: offset lex_filenum ss_type w_cnt words p_cnt
 * pointers ... | gloss.  Counts of words are hex, of pointers decimal. */
static void read_data(const char *dir, int p)
{
    FILE *fp = open_wn(dir, "data", pos_name[p]);
    char *line = NULL;
    size_t cap = 0;

    while (getline(&line, &cap, fp) > 0) {
        struct synset s;
        char *tok, *save = NULL;
        unsigned long w_cnt, p_cnt;

        if (line[0] == ' ')
            continue;               /* the licence header */
        memset(&s, 0, sizeof s);
        s.pos = (unsigned char)p;
        s.offset = (uint32_t)strtoul(strtok_r(line, " ", &save), NULL, 10);
        strtok_r(NULL, " ", &save);                 /* lex_filenum */
        tok = strtok_r(NULL, " ", &save);           /* ss_type */
        s.satellite = tok[0] == 's';
        w_cnt = strtoul(strtok_r(NULL, " ", &save), NULL, 16);
        s.words = xrealloc(NULL, (w_cnt ? w_cnt : 1) * sizeof *s.words);
        for (unsigned long i = 0; i < w_cnt; i++) {
            char *w = strtok_r(NULL, " ", &save), *paren;
            strtok_r(NULL, " ", &save);             /* lex_id */
            if ((paren = strchr(w, '(')) != NULL)   /* "galore(ip)" */
                *paren = 0;
            for (char *c = w; *c; c++)
                if (*c >= 'A' && *c <= 'Z')
                    *c = (char)(*c - 'A' + 'a');
            s.words[s.n_words++] = xstrdup(w);
        }
        p_cnt = strtoul(strtok_r(NULL, " ", &save), NULL, 10);
        for (unsigned long i = 0; i < p_cnt; i++) {
            char *sym = strtok_r(NULL, " ", &save);
            uint32_t off = (uint32_t)strtoul(strtok_r(NULL, " ", &save),
                                             NULL, 10);
            char *tpos = strtok_r(NULL, " ", &save);
            int same = tpos[0] == "nvar"[p]
                       || (p == POS_A && tpos[0] == 's');
            unsigned long st = strtoul(strtok_r(NULL, " ", &save), NULL,
                                       16);         /* source/target */
            if (!same)
                continue;
            if (strcmp(sym, "@") == 0 || strcmp(sym, "@i") == 0) {
                push_u32(&s.hyp, &s.n_hyp, off);
            } else if (strcmp(sym, "!") == 0) {
                unsigned src = (unsigned)(st >> 8);
                push_u32(&s.ant, &s.n_ant, off);
                s.ant_words |= src == 0 ? 1u << 31
                               : src <= 31 ? 1u << (src - 1) : 0;
            }
            else if (strcmp(sym, "&") == 0 && s.satellite)
                s.head = off;
        }
        if (n_syn[p] == cap_syn[p]) {
            cap_syn[p] = cap_syn[p] ? 2 * cap_syn[p] : 1024;
            syn[p] = xrealloc(syn[p], cap_syn[p] * sizeof *syn[p]);
        }
        syn[p][n_syn[p]++] = s;
    }
    free(line);
    fclose(fp);
}

/* data files are sorted by offset */
static uint32_t syn_id(int p, uint32_t offset)
{
    size_t lo = 0, hi = n_syn[p], base = 0;

    for (int q = 0; q < p; q++)
        base += n_syn[q];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (syn[p][mid].offset < offset)
            lo = mid + 1;
        else if (syn[p][mid].offset > offset)
            hi = mid;
        else
            return (uint32_t)(base + mid);
    }
    return UINT32_MAX;
}

/* ---- lemmas and forms ---- */

struct form {
    char *text;
    uint32_t key;
    char *lemma[4];             /* lemmas it is a form of, first best */
    unsigned n_lemma;
    int is_lemma;
};

struct lemma {
    char *text;
    uint32_t syn[N_POS][3 + ANTONYM_SENSES];
    unsigned n[N_POS];
    unsigned total;             /* senses in WordNet, all of them */
};

static struct form *forms;
static size_t n_forms, cap_forms;
static struct lemma *lemmas;
static size_t n_lemmas, cap_lemmas;

/* open addressing over form texts and lemma texts */
static size_t *fmap, *lmap;
static size_t map_cap = 1u << 20;

static size_t slot_of(size_t *map, const char *s, int is_form)
{
    size_t h = fnv1a(s, strlen(s)) & (map_cap - 1);

    for (;;) {
        size_t v = map[h];
        if (v == SIZE_MAX)
            return h;
        if (strcmp(is_form ? forms[v].text : lemmas[v].text, s) == 0)
            return h;
        h = (h + 1) & (map_cap - 1);
    }
}

static int one_word(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
            return 0;
    return 1;
}

static struct lemma *lemma_get(const char *s)
{
    size_t h = slot_of(lmap, s, 0);

    if (lmap[h] == SIZE_MAX) {
        if (n_lemmas == cap_lemmas) {
            cap_lemmas = cap_lemmas ? 2 * cap_lemmas : 4096;
            lemmas = xrealloc(lemmas, cap_lemmas * sizeof *lemmas);
        }
        memset(&lemmas[n_lemmas], 0, sizeof lemmas[n_lemmas]);
        lemmas[n_lemmas].text = xstrdup(s);
        lmap[h] = n_lemmas++;
    }
    return &lemmas[lmap[h]];
}

static struct lemma *lemma_find(const char *s)
{
    size_t h = slot_of(lmap, s, 0);
    return lmap[h] == SIZE_MAX ? NULL : &lemmas[lmap[h]];
}

static void form_add(const char *text, const char *lemma)
{
    size_t h = slot_of(fmap, text, 1);
    struct form *f;

    if (!one_word(text))
        return;
    if (fmap[h] == SIZE_MAX) {
        if (n_forms == cap_forms) {
            cap_forms = cap_forms ? 2 * cap_forms : 4096;
            forms = xrealloc(forms, cap_forms * sizeof *forms);
        }
        memset(&forms[n_forms], 0, sizeof forms[n_forms]);
        forms[n_forms].text = xstrdup(text);
        forms[n_forms].key = fnv1a(text, strlen(text));
        fmap[h] = n_forms++;
    }
    f = &forms[fmap[h]];
    if (strcmp(text, lemma) == 0)
        f->is_lemma = 1;
    for (unsigned i = 0; i < f->n_lemma; i++)
        if (strcmp(f->lemma[i], lemma) == 0)
            return;
    if (f->n_lemma < 4) {
        /* the form's own lemma goes first */
        if (strcmp(text, lemma) == 0 && f->n_lemma > 0) {
            f->lemma[f->n_lemma++] = f->lemma[0];
            f->lemma[0] = xstrdup(lemma);
        } else {
            f->lemma[f->n_lemma++] = xstrdup(lemma);
        }
    }
}

/* Whether word has an antonym in synset id: its own lexical antonym, or
 * the synset's semantic one. */
static int has_antonym(uint32_t id, const char *word)
{
    const struct synset *s = NULL;

    for (int p = 0; p < N_POS && !s; p++) {
        if (id < n_syn[p])
            s = &syn[p][id];
        else
            id -= (uint32_t)n_syn[p];
    }
    if (!s || !s->ant_words)
        return 0;
    if (s->ant_words & 1u << 31)
        return 1;
    for (unsigned w = 0; w < s->n_words && w < 31; w++)
        if ((s->ant_words & 1u << w) && strcmp(s->words[w], word) == 0)
            return 1;
    return 0;
}

/* index.<pos>: lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt
 * tagsense_cnt synset_offset... (most frequent sense first) */
static void read_index(const char *dir, int p)
{
    FILE *fp = open_wn(dir, "index", pos_name[p]);
    char *line = NULL;
    size_t cap = 0;

    while (getline(&line, &cap, fp) > 0) {
        char *save = NULL, *word, *tok;
        unsigned long cnt, pc;
        struct lemma *L;

        if (line[0] == ' ')
            continue;
        word = strtok_r(line, " ", &save);
        if (!one_word(word))
            continue;
        strtok_r(NULL, " ", &save);                 /* pos */
        cnt = strtoul(strtok_r(NULL, " ", &save), NULL, 10);
        pc = strtoul(strtok_r(NULL, " ", &save), NULL, 10);
        for (unsigned long i = 0; i < pc; i++)
            strtok_r(NULL, " ", &save);
        strtok_r(NULL, " ", &save);                 /* sense_cnt */
        strtok_r(NULL, " ", &save);                 /* tagsense_cnt */
        L = lemma_get(word);
        L->total += (unsigned)cnt;
        for (unsigned long i = 0; i < cnt; i++) {
            uint32_t id;
            tok = strtok_r(NULL, " \n", &save);
            if (!tok)
                break;
            id = syn_id(p, (uint32_t)strtoul(tok, NULL, 10));
            if (id == UINT32_MAX)
                continue;
            if (i < senses_kept[p])
                L->syn[p][L->n[p]++] = id;
            else if (L->n[p] < senses_kept[p] + ANTONYM_SENSES
                     && has_antonym(id, word))
                L->syn[p][L->n[p]++] = id;
        }
    }
    free(line);
    fclose(fp);
}

static int ends(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcmp(s + n - m, suf) == 0;
}

static int vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Regular inflections of a lemma, the inverse of WordNet's morphy rules
 * (irregular ones come from the .exc files). */
static void inflect(const char *w, int p)
{
    char buf[256];
    size_t n = strlen(w);

    if (n + 4 >= sizeof buf || n < 2)
        return;
    if (p == POS_N || p == POS_V) {
        if (ends(w, "s") || ends(w, "x") || ends(w, "z") || ends(w, "ch")
            || ends(w, "sh"))
            snprintf(buf, sizeof buf, "%ses", w);
        else if (ends(w, "y") && !vowel(w[n - 2]))
            snprintf(buf, sizeof buf, "%.*sies", (int)(n - 1), w);
        else if (p == POS_N && ends(w, "man"))
            snprintf(buf, sizeof buf, "%.*smen", (int)(n - 3), w);
        else
            snprintf(buf, sizeof buf, "%ss", w);
        form_add(buf, w);
    }
    if (p == POS_V) {
        if (ends(w, "e")) {
            snprintf(buf, sizeof buf, "%sd", w);
            form_add(buf, w);
            snprintf(buf, sizeof buf, "%.*sing", (int)(n - 1), w);
            form_add(buf, w);
        } else if (ends(w, "y") && !vowel(w[n - 2])) {
            snprintf(buf, sizeof buf, "%.*sied", (int)(n - 1), w);
            form_add(buf, w);
            snprintf(buf, sizeof buf, "%sing", w);
            form_add(buf, w);
        } else {
            snprintf(buf, sizeof buf, "%sed", w);
            form_add(buf, w);
            snprintf(buf, sizeof buf, "%sing", w);
            form_add(buf, w);
        }
    }
    if (p == POS_A) {
        if (ends(w, "e"))
            snprintf(buf, sizeof buf, "%sr", w);
        else if (ends(w, "y") && !vowel(w[n - 2]))
            snprintf(buf, sizeof buf, "%.*sier", (int)(n - 1), w);
        else
            snprintf(buf, sizeof buf, "%ser", w);
        form_add(buf, w);
        if (ends(w, "e"))
            snprintf(buf, sizeof buf, "%sst", w);
        else if (ends(w, "y") && !vowel(w[n - 2]))
            snprintf(buf, sizeof buf, "%.*siest", (int)(n - 1), w);
        else
            snprintf(buf, sizeof buf, "%sest", w);
        form_add(buf, w);
    }
}

/* An irregular plural that is a lemma of its own too, with one sense,
 * takes the singular as its lemma when that has more: "men" is man's
 * plural before it is the armed forces (1 sense against 13), so "two men"
 * counts "man" (14 forms: men, teeth, oxen, masses...; not cola / colon,
 * whose own lemma has 2 senses). */
static void plural_first(const char *text, const char *base)
{
    size_t h = slot_of(fmap, text, 1);
    struct lemma *own = lemma_find(text), *b = lemma_find(base);
    struct form *f;

    if (fmap[h] == SIZE_MAX || !own || !b || own->total > 1
        || own->total >= b->total)
        return;
    f = &forms[fmap[h]];
    for (unsigned i = 1; i < f->n_lemma; i++)
        if (strcmp(f->lemma[i], base) == 0) {
            char *t = f->lemma[0];
            f->lemma[0] = f->lemma[i];
            f->lemma[i] = t;
            return;
        }
}

/* <pos>.exc: inflected form, then one or more base forms */
static void read_exc(const char *dir, int p)
{
    static const char *const exc_name[N_POS] = { "noun", "verb", "adj",
                                                 "adv" };
    FILE *fp = open_wn(dir, exc_name[p], "exc");
    char *line = NULL;
    size_t cap = 0;

    while (getline(&line, &cap, fp) > 0) {
        char *save = NULL, *form = strtok_r(line, " \n", &save), *base;
        while (form && (base = strtok_r(NULL, " \n", &save)) != NULL)
            if (lemma_find(base) && lemma_find(base)->n[p]) {
                form_add(form, base);
                if (p == POS_N)
                    plural_first(form, base);
            }
    }
    free(line);
    fclose(fp);
}

static int cmp_form(const void *x, const void *y)
{
    const struct form *a = x, *b = y;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return strcmp(a->text, b->text);
}

static int cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return a < b ? -1 : a > b;
}

/* ---- specificity ---- */

/* below[id]: how many synsets have id among their hypernyms, directly or
 * not, id itself included (WordNet's "entity" is above 82,115 nouns,
 * "carnivore" above 366).  The alignment takes a common hypernym of two
 * words as making them co-hyponyms only when it is specific enough.  One
 * depth-first walk down from each synset over the hyponym lists, a visit
 * stamp marking what this walk has counted (a synset can be reached by
 * two paths); the cost is the sum of the counts, a few million steps. */
static void count_below(uint32_t n_total, uint32_t *below)
{
    uint32_t *off = xrealloc(NULL, (n_total + 1) * sizeof *off);
    uint32_t *kid = NULL, *fill, *stamp, *stack, n_kid = 0;

    memset(off, 0, (n_total + 1) * sizeof *off);
    for (int p = 0, id = 0; p < N_POS; p++)
        for (size_t i = 0; i < n_syn[p]; i++, id++)
            for (uint32_t k = 0; k < syn[p][i].n_hyp; k++) {
                uint32_t h = syn_id(p, syn[p][i].hyp[k]);
                if (h != UINT32_MAX) {
                    off[h + 1]++;
                    n_kid++;
                }
            }
    for (uint32_t i = 0; i < n_total; i++)
        off[i + 1] += off[i];
    kid = xrealloc(NULL, (n_kid ? n_kid : 1) * sizeof *kid);
    fill = xrealloc(NULL, n_total * sizeof *fill);
    memcpy(fill, off, n_total * sizeof *fill);
    for (int p = 0, id = 0; p < N_POS; p++)
        for (size_t i = 0; i < n_syn[p]; i++, id++)
            for (uint32_t k = 0; k < syn[p][i].n_hyp; k++) {
                uint32_t h = syn_id(p, syn[p][i].hyp[k]);
                if (h != UINT32_MAX)
                    kid[fill[h]++] = (uint32_t)id;
            }
    stamp = xrealloc(NULL, n_total * sizeof *stamp);
    stack = xrealloc(NULL, (n_total ? n_total : 1) * sizeof *stack);
    memset(stamp, 0xff, n_total * sizeof *stamp);
    for (uint32_t s = 0; s < n_total; s++) {
        uint32_t n = 0, top = 0;
        stack[top++] = s;
        stamp[s] = s;
        while (top > 0) {
            uint32_t x = stack[--top];
            n++;
            for (uint32_t k = off[x]; k < off[x + 1]; k++)
                if (stamp[kid[k]] != s) {
                    stamp[kid[k]] = s;
                    stack[top++] = kid[k];
                }
        }
        below[s] = n;
    }
    free(off);
    free(kid);
    free(fill);
    free(stamp);
    free(stack);
}

/* ---- output ---- */

static unsigned char *out;
static size_t out_len, out_cap;

static void put32(uint32_t v)
{
    if (out_len + 4 > out_cap) {
        out_cap = out_cap ? 2 * out_cap : 1u << 20;
        out = xrealloc(out, out_cap);
    }
    for (int i = 0; i < 4; i++)
        out[out_len++] = (unsigned char)(v >> (8 * i));
}

int main(int argc, char **argv)
{
    uint32_t n_total = 0, *head, *syn_refs = NULL, n_syn_refs = 0;
    uint32_t *form_syn, *hyp_off, *ant_off, *below, n_hyp = 0, n_ant = 0;
    size_t n_keep = 0, n_coll = 0;
    unsigned char hdr[LEX_HEADER_SIZE];
    uint64_t sum;
    char tmp[4096];
    FILE *fp;

    if (argc != 3) {
        fprintf(stderr, "usage: lexicon_compile <wordnet-dict-dir> <out>\n");
        return 2;
    }
    fmap = xrealloc(NULL, map_cap * sizeof *fmap);
    lmap = xrealloc(NULL, map_cap * sizeof *lmap);
    memset(fmap, 0xff, map_cap * sizeof *fmap);
    memset(lmap, 0xff, map_cap * sizeof *lmap);
    for (int p = 0; p < N_POS; p++)
        read_data(argv[1], p);
    for (int p = 0; p < N_POS; p++)
        read_index(argv[1], p);
    for (size_t i = 0; i < n_lemmas; i++) {
        form_add(lemmas[i].text, lemmas[i].text);
        for (int p = 0; p < N_POS; p++)
            if (lemmas[i].n[p])
                inflect(lemmas[i].text, p);
    }
    for (int p = 0; p < N_POS; p++)
        read_exc(argv[1], p);

    /* synsets: one id space, nouns first; heads and pointers as ids */
    for (int p = 0; p < N_POS; p++)
        n_total += (uint32_t)n_syn[p];
    head = xrealloc(NULL, n_total * sizeof *head);
    hyp_off = xrealloc(NULL, (n_total + 1) * sizeof *hyp_off);
    ant_off = xrealloc(NULL, (n_total + 1) * sizeof *ant_off);
    for (int p = 0, id = 0; p < N_POS; p++)
        for (size_t i = 0; i < n_syn[p]; i++, id++) {
            struct synset *s = &syn[p][i];
            uint32_t h = s->satellite && s->head ? syn_id(p, s->head)
                                                 : (uint32_t)id;
            head[id] = h == UINT32_MAX ? (uint32_t)id : h;
            n_hyp += s->n_hyp;
            n_ant += s->n_ant;
        }

    /* forms sorted by key; colliding keys of different texts dropped */
    qsort(forms, n_forms, sizeof *forms, cmp_form);
    form_syn = xrealloc(NULL, n_forms * sizeof *form_syn);
    for (size_t i = 0; i < n_forms; i++) {
        uint32_t list[LEX_MAX_SENSES];
        unsigned n = 0;
        struct form *f = &forms[i];
        int coll = (i > 0 && forms[i - 1].key == f->key)
                   || (i + 1 < n_forms && forms[i + 1].key == f->key);
        if (coll) {
            n_coll++;
            continue;
        }
        for (unsigned k = 0; k < f->n_lemma; k++) {
            struct lemma *L = lemma_find(f->lemma[k]);
            for (int p = 0; L && p < N_POS; p++)
                for (unsigned s = 0; s < L->n[p]; s++) {
                    int dup = 0;
                    for (unsigned m = 0; m < n; m++)
                        dup |= list[m] == L->syn[p][s];
                    if (!dup && n < LEX_MAX_SENSES)
                        list[n++] = L->syn[p][s];
                }
        }
        if (n == 0)
            continue;
        forms[n_keep] = *f;
        form_syn[n_keep++] = n_syn_refs << LEX_SENSE_BITS | n;
        for (unsigned m = 0; m < n; m++)
            push_u32(&syn_refs, &n_syn_refs, list[m]);
    }

    /* payload: see lexicon_format.h for the order */
    for (size_t i = 0; i < n_keep; i++)
        put32(forms[i].key);
    for (size_t i = 0; i < n_keep; i++)
        put32(fnv1a(forms[i].lemma[0], strlen(forms[i].lemma[0])));
    for (size_t i = 0; i < n_keep; i++)
        put32(form_syn[i]);
    for (uint32_t i = 0; i < n_syn_refs; i++)
        put32(syn_refs[i]);
    for (uint32_t i = 0; i < n_total; i++)
        put32(head[i]);
    {
        uint32_t o = 0;
        for (int p = 0; p < N_POS; p++)
            for (size_t i = 0; i < n_syn[p]; i++) {
                put32(o);
                o += syn[p][i].n_hyp;
            }
        put32(o);
        for (int p = 0; p < N_POS; p++)
            for (size_t i = 0; i < n_syn[p]; i++) {
                uint32_t ids[64], n = 0;
                for (uint32_t k = 0; k < syn[p][i].n_hyp && n < 64; k++) {
                    uint32_t id = syn_id(p, syn[p][i].hyp[k]);
                    ids[n++] = id == UINT32_MAX ? 0 : id;
                }
                qsort(ids, n, sizeof *ids, cmp_u32);
                for (uint32_t k = 0; k < syn[p][i].n_hyp; k++)
                    put32(k < n ? ids[k] : 0);
            }
        o = 0;
        for (int p = 0; p < N_POS; p++)
            for (size_t i = 0; i < n_syn[p]; i++) {
                put32(o);
                o += syn[p][i].n_ant;
            }
        put32(o);
        for (int p = 0; p < N_POS; p++)
            for (size_t i = 0; i < n_syn[p]; i++)
                for (uint32_t k = 0; k < syn[p][i].n_ant; k++) {
                    uint32_t id = syn_id(p, syn[p][i].ant[k]);
                    /* antonyms are recorded between cluster heads */
                    put32(id == UINT32_MAX ? 0 : head[id]);
                }
    }
    below = xrealloc(NULL, (n_total ? n_total : 1) * sizeof *below);
    count_below(n_total, below);
    for (uint32_t i = 0; i < n_total; i++)
        put32(below[i]);

    sum = lex_checksum(out, out_len);
    memset(hdr, 0, sizeof hdr);
    memcpy(hdr, LEX_MAGIC, 8);
    lex_put32(hdr + 8, LEX_VERSION);
    lex_put32(hdr + 12, (uint32_t)n_keep);
    lex_put32(hdr + 16, n_syn_refs);
    lex_put32(hdr + 20, n_total);
    lex_put32(hdr + 24, n_hyp);
    lex_put32(hdr + 28, n_ant);
    lex_put64(hdr + 32, (uint64_t)out_len);
    lex_put64(hdr + 40, sum);
    snprintf(tmp, sizeof tmp, "%s.tmp", argv[2]);
    fp = fopen(tmp, "wb");
    if (!fp || fwrite(hdr, 1, sizeof hdr, fp) != sizeof hdr
        || fwrite(out, 1, out_len, fp) != out_len || fclose(fp) != 0
        || rename(tmp, argv[2]) != 0) {
        fprintf(stderr, "lexicon_compile: cannot write %s\n", argv[2]);
        remove(tmp);
        return 2;
    }
    fprintf(stderr, "lexicon_compile: %zu forms (%zu dropped for hash "
            "collisions), %zu lemmas, %u synsets, %u hypernym and %u "
            "antonym links, %zu bytes\n", n_keep, n_coll, n_lemmas, n_total,
            n_hyp, n_ant, out_len + sizeof hdr);
    return 0;
}

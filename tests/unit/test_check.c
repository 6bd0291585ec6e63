/* test_check.c - headline-body pairs as bags of headline-statement pairs. */
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "check/bags.h"

static void test_bags(void **state)
{
    static const char body1[] =
        "Officials said the mayor had resigned on Monday.\n\n"
        "\"No, I have not resigned,\" the mayor said. The city is calm.\n";
    static const char body2[] = "The mayor resigned, aides confirmed.\n";
    struct dataset ds, out;
    struct err e = { 0 };
    size_t *bag = NULL, n1 = 0;

    (void)state;
    dataset_init(&ds);
    dataset_init(&out);
    assert_int_equal(dataset_add(&ds, "Mayor resigns", 13, body1,
                                 strlen(body1), "disagree", NULL, NULL, 0, 2),
                     0);
    assert_int_equal(dataset_add(&ds, "Mayor resigns", 13, body2,
                                 strlen(body2), "agree", NULL, NULL, 0, 3),
                     0);
    /* the same body again: read once, a bag of its own */
    assert_int_equal(dataset_add(&ds, "Mayor stays", 11, body1,
                                 strlen(body1), "discuss", NULL, NULL, 0, 4),
                     0);
    assert_int_equal(check_bags_build(&ds, "disagree", &out, &bag, &e), 0);
    for (size_t i = 0; i < out.n_pairs && bag[i] == 0; i++)
        n1++;
    /* three sentences and the quote inside one of them */
    assert_int_equal(n1, 4);
    assert_int_equal(out.n_pairs, 2 * n1 + 1);
    for (size_t i = 0; i < out.n_pairs; i++) {
        const struct pair_rec *p = &out.pairs[i];
        assert_true(i == 0 || bag[i] >= bag[i - 1]);
        assert_string_equal(out.labels.str[p->label],
                            bag[i] == 0 ? "disagree" : "other");
        assert_string_equal(out.texts.str[p->a],
                            bag[i] == 2 ? "Mayor stays" : "Mayor resigns");
    }
    assert_string_equal(out.texts.str[out.pairs[n1].b],
                        "The mayor resigned, aides confirmed.");
    {
        int seen = 0;
        for (size_t i = 0; i < n1; i++)
            seen |= strcmp(out.texts.str[out.pairs[i].b],
                           "No, I have not resigned") == 0;
        assert_true(seen);
    }
    free(bag);
    dataset_clear(&out);
    dataset_clear(&ds);
}

/* A body the reader finds nothing in adds no bag. */
static void test_bags_empty(void **state)
{
    struct dataset ds, out;
    struct err e = { 0 };
    size_t *bag = NULL;

    (void)state;
    dataset_init(&ds);
    dataset_init(&out);
    assert_int_equal(dataset_add(&ds, "Headline", 8, "   \n\n  ", 7,
                                 "disagree", NULL, NULL, 0, 2), 0);
    assert_int_equal(check_bags_build(&ds, "disagree", &out, &bag, &e), 0);
    assert_int_equal(out.n_pairs, 0);
    free(bag);
    dataset_clear(&out);
    dataset_clear(&ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bags),
        cmocka_unit_test(test_bags_empty),
    };
    return cmocka_run_group_tests_name("check", tests, NULL, NULL);
}

/* test_base.c - the base helpers: growth arrays, large blocks, the
 * checksum. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "base/bigmem.h"
#include "base/checksum.h"
#include "base/err.h"
#include "base/grow.h"

static void test_grow_cap(void **state)
{
    (void)state;
    assert_int_equal(grow_cap(0, 1, 8), GROW_START);
    assert_int_equal(grow_cap(0, GROW_START + 1, 8), 2 * GROW_START);
    assert_int_equal(grow_cap(24, 10, 8), 24);        /* room already */
    assert_int_equal(grow_cap(24, 25, 8), 48);
    assert_int_equal(grow_cap(3, 1000, 1), 1536);     /* doubles from cap */
    /* near the top of size_t: clamps, or refuses what cannot fit */
    assert_int_equal(grow_cap(SIZE_MAX / 8 - 5, SIZE_MAX / 8, 8),
                     SIZE_MAX / 8);
    assert_int_equal(grow_cap(0, SIZE_MAX / 8 + 1, 8), 0);
    assert_int_equal(grow_cap(0, SIZE_MAX, 2), 0);
}

static void test_grow_array(void **state)
{
    uint32_t *v = NULL, *keep;
    size_t n = 0, cap = 0, grows = 0, last = 0;

    (void)state;
    for (uint32_t i = 0; i < 10000; i++) {
        assert_int_equal(GROW(v, cap, n + 1), 0);
        assert_true(cap >= n + 1);
        if (cap != last) {
            grows++;
            last = cap;
        }
        v[n++] = i * 7u;
    }
    for (size_t i = 0; i < n; i++)
        assert_int_equal(v[i], (uint32_t)i * 7u);
    /* doubling: log2(10000 / 16) + 1 reallocations, not one a push */
    assert_true(grows <= 11);
    /* a size that cannot be allocated fails, and leaves the array alone */
    keep = v;
    assert_int_equal(GROW(v, cap, SIZE_MAX / 2), STATUS_NOMEM);
    assert_ptr_equal(v, keep);
    assert_int_equal(cap, last);
    assert_int_equal(v[9999], 9999u * 7u);
    /* enough room already: nothing moves */
    assert_int_equal(GROW(v, cap, 5), 0);
    assert_ptr_equal(v, keep);
    free(v);
    assert_null(grow_realloc(NULL, SIZE_MAX / 4, 8));
}

static void test_grow_array2(void **state)
{
    size_t *off = NULL, cap = 0;
    double *val = NULL;
    size_t *keep_off;
    double *keep_val;

    (void)state;
    for (size_t i = 0; i < 100; i++) {
        assert_int_equal(GROW2(off, val, cap, i + 1), 0);
        off[i] = i;
        val[i] = 2.385 * (double)i;
    }
    assert_true(cap >= 100);
    keep_off = off;
    keep_val = val;
    assert_int_equal(GROW2(off, val, cap, SIZE_MAX / 4), STATUS_NOMEM);
    assert_ptr_equal(off, keep_off);
    assert_ptr_equal(val, keep_val);
    assert_true(cap >= 100 && cap < 1000);
    assert_int_equal(off[99], 99);
    assert_near(val[99], 2.385 * 99, 1e-12);
    free(off);
    free(val);
}

/* A reference written the slow way: words in lane order from an array,
 * the tail word padded with zeros. */
static uint64_t checksum_ref(const unsigned char *p, size_t n)
{
    uint64_t lane[4] = { CHECKSUM_P1 + CHECKSUM_P2, CHECKSUM_P2, 0,
                         0 - CHECKSUM_P1 };
    uint64_t h = (uint64_t)n * CHECKSUM_P3;

    for (size_t i = 0, w = 0; i < n; i += 8, w++) {
        uint64_t v = 0;
        for (size_t k = 0; k < 8 && i + k < n; k++)
            v |= (uint64_t)p[i + k] << (8 * k);
        lane[w % 4] = checksum_round(lane[w % 4], v);
    }
    for (int l = 0; l < 4; l++)
        h = (h ^ checksum_mix(lane[l])) * CHECKSUM_P1 + CHECKSUM_P4;
    return checksum_mix(h);
}

/* Every length from 0 to 100 against the reference, from every alignment;
 * every change of one byte (each bit, and a byte swapped for another) is
 * caught, and so is a longer run of zeros. */
static void test_checksum(void **state)
{
    unsigned char buf[128 + 8];
    uint64_t seed = 2385;

    (void)state;
    for (size_t i = 0; i < sizeof buf; i++) {
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        buf[i] = (unsigned char)(seed >> 56);
    }
    for (size_t off = 0; off < 8; off++)
        for (size_t n = 0; n <= 100; n++)
            assert_true(checksum64(buf + off, n)
                        == checksum_ref(buf + off, n));
    for (size_t n = 1; n <= 100; n++) {
        uint64_t h = checksum64(buf, n);
        for (size_t i = 0; i < n; i++) {
            unsigned char was = buf[i];
            for (int b = 0; b < 8; b++) {
                buf[i] = (unsigned char)(was ^ (1u << b));
                assert_true(checksum64(buf, n) != h);
            }
            buf[i] = (unsigned char)(was + 77);
            assert_true(checksum64(buf, n) != h);
            buf[i] = was;
        }
        assert_true(checksum64(buf, n) == h);
    }
    {
        unsigned char zero[64] = { 0 };
        for (size_t n = 1; n < 64; n++)
            assert_true(checksum64(zero, n) != checksum64(zero, n - 1));
    }
    /* fixed values: files written today must still check tomorrow */
    assert_true(checksum64("gainsay", 7) == 0xa2108a043697cad4u);
    assert_true(checksum64("", 0) == 0xa5f5a648c73435acu);
}

/* Where the kernel has transparent huge pages, large blocks and growth
 * arrays of 4 MB or more are advised to use them. */
static void test_bigmem_advice(void **state)
{
    unsigned char *p = NULL;
    size_t cap = 0;

    (void)state;
    if (!t_have_thp())
        return;
    p = bigmem_alloc((size_t)3 << 20);
    assert_non_null(p);
    p[0] = 1;
    assert_int_equal(t_advised(p), 1);
    free(p);
    p = NULL;
    assert_int_equal(GROW(p, cap, (size_t)8 << 20), 0);
    p[0] = 1;
    assert_int_equal(t_advised(p + ((size_t)4 << 20)), 1);
    free(p);
}

/* Small requests are malloc()'s; large ones whole 2 MB units, aligned
 * (the huge pages), zeroed by bigmem_calloc, and free() and realloc()
 * take both; sizes that overflow are refused. */
static void test_bigmem(void **state)
{
    const size_t huge = (size_t)2 << 20;
    unsigned char *p, *q;

    (void)state;
    p = bigmem_alloc(0);
    assert_non_null(p);
    free(p);
    p = bigmem_alloc(BIGMEM_MIN);
    assert_non_null(p);
    assert_int_equal((uintptr_t)p % huge, 0);
    memset(p, 0xAB, BIGMEM_MIN);
    q = realloc(p, 3 * huge);
    assert_non_null(q);
    assert_int_equal(q[BIGMEM_MIN - 1], 0xAB);
    free(q);
    p = bigmem_calloc(huge / 8 + 1, 8);       /* just over one unit */
    assert_non_null(p);
    assert_int_equal((uintptr_t)p % huge, 0);
    for (size_t i = 0; i < huge + 8; i += 4093)
        assert_int_equal(p[i], 0);
    assert_int_equal(p[huge + 7], 0);
    free(p);
    p = bigmem_calloc(10, 3);
    assert_non_null(p);
    assert_int_equal(p[29], 0);
    free(p);
    assert_null(bigmem_calloc(SIZE_MAX / 2, 4));
    assert_null(bigmem_alloc(SIZE_MAX - 5));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grow_cap),
        cmocka_unit_test(test_grow_array),
        cmocka_unit_test(test_grow_array2),
        cmocka_unit_test(test_bigmem),
        cmocka_unit_test(test_bigmem_advice),
        cmocka_unit_test(test_checksum),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

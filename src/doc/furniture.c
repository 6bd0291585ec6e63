/* furniture.c - page furniture: line-shape rules and the learnt list. */
#include "doc/furniture.h"

#include <cJSON.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "base/file.h"
#include "base/grow.h"
#include "base/hash.h"
#include "base/strmap.h"
#include "text/utf8.h"

#define N_OF(a) (sizeof (a) / sizeof *(a))

static const char *const kind_names[N_FURNITURE_KINDS] = {
    "none",
#define FURNITURE_NAME(k, name) name,
    FURNITURE_KINDS(FURNITURE_NAME)
#undef FURNITURE_NAME
};

const char *furniture_kind_name(enum furniture_kind k)
{
    return (unsigned)k < N_FURNITURE_KINDS ? kind_names[k] : "?";
}

enum furniture_kind furniture_kind_of(const char *name, size_t len)
{
    for (size_t k = 1; k < N_FURNITURE_KINDS; k++)
        if (strlen(kind_names[k]) == len
            && memcmp(kind_names[k], name, len) == 0)
            return (enum furniture_kind)k;
    return FURNITURE_NONE;
}

/* ---- characters ---- */

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
        || c == '\v';
}

/* The code point at s[i] (U+FFFD when broken) and its length. */
static utf8proc_int32_t cp_at(const char *s, size_t len, size_t i,
                              size_t *k)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(len - i), &cp);
    if (n < 1) {
        *k = 1;
        return 0xFFFD;
    }
    *k = (size_t)n;
    return cp;
}

static int cp_is_alnum(utf8proc_int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO)
        || (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

static int cp_is_letter(utf8proc_int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

/* Closing quotes and brackets that may follow a sentence's end. */
static int cp_is_closer(utf8proc_int32_t cp)
{
    return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == '*'
        || cp == '_' || cp == 0x201D || cp == 0x2019 || cp == 0xBB
        || cp == 0x203A;
}

/* The start of the code point that ends at s[end]. */
static size_t cp_back(const char *s, size_t end)
{
    size_t i = end - 1;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

/* Does s[0..len) end a sentence, closers aside? */
static int ends_sentence(const char *s, size_t len)
{
    while (len > 0) {
        size_t i = cp_back(s, len), k;
        utf8proc_int32_t cp = cp_at(s, len, i, &k);
        if (is_space((unsigned char)s[i]) || cp_is_closer(cp)) {
            len = i;
            continue;
        }
        return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
    }
    return 0;
}

size_t furniture_words(const char *s, size_t len)
{
    size_t n = 0, i = 0;

    while (i < len) {
        int alnum = 0;
        while (i < len && is_space((unsigned char)s[i]))
            i++;
        if (i >= len)
            break;
        while (i < len && !is_space((unsigned char)s[i])) {
            size_t k;
            alnum |= cp_is_alnum(cp_at(s, len, i, &k));
            i += k;
        }
        n += alnum != 0;
    }
    return n;
}

int furniture_is_prose(const char *s, size_t len)
{
    return ends_sentence(s, len) && furniture_words(s, len)
                                    >= FURNITURE_PROSE_WORDS;
}

/* ---- the key ---- */

char *furniture_key(const char *s, size_t len, size_t *n)
{
    utf8proc_uint8_t *folded = NULL;
    utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)s,
                                      (utf8proc_ssize_t)len, &folded,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE
                                      | UTF8PROC_COMPAT
                                      | UTF8PROC_CASEFOLD);
    size_t o = 0;
    int space = 0;

    if (m < 0)
        return NULL;
    for (utf8proc_ssize_t i = 0; i < m; i++) {
        unsigned char c = folded[i];
        if (is_space(c)) {
            space = o > 0;
            continue;
        }
        if (space)
            folded[o++] = ' ';
        space = 0;
        folded[o++] = c;
    }
    folded[o] = '\0';
    *n = o;
    return (char *)folded;
}

unsigned long furniture_checksum(const char *const *text, size_t n)
{
    uint32_t h = FNV_OFFSET;

    for (size_t i = 0; i < n; i++) {
        h = fnv1a_more(h, text[i], strlen(text[i]));
        h = fnv1a_more(h, "\n", 1);
    }
    return (unsigned long)h;
}

/* ---- the rules, over a key ---- */

/* Does key w start with p, at a word boundary? */
static int starts(const char *w, const char *p)
{
    size_t n = strlen(p);
    unsigned char c;

    if (strncmp(w, p, n) != 0)
        return 0;
    c = (unsigned char)w[n];
    return c == '\0' || !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                          || c >= 0x80) || !((unsigned char)p[n - 1] >= 'a'
                                             && (unsigned char)p[n - 1]
                                                <= 'z');
}

static int starts_any(const char *w, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (starts(w, list[i]))
            return 1;
    return 0;
}

static int is_any(const char *w, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(w, list[i]) == 0)
            return 1;
    return 0;
}

static int ends_with(const char *w, size_t n, const char *p)
{
    size_t k = strlen(p);
    return n >= k && memcmp(w + n - k, p, k) == 0;
}

static int ends_any(const char *w, size_t n, const char *const *list,
                    size_t m)
{
    for (size_t i = 0; i < m; i++)
        if (ends_with(w, n, list[i]))
            return 1;
    return 0;
}

static const char *const code_marks[] = {
    "<!--", "-->", "();", "});", "google_ad", "googletag", "document.write",
    "window.", "mboxcreate", "function(", "function (", "@media ", "var "
};

static const char *const image_starts[] = {
    "image via", "images via", "photo via", "photos via", "picture via",
    "image:", "images:", "photo:", "photos:", "picture:", "pictures:",
    "pictured:", "photograph:", "photographs:", "image credit", "photo credit",
    "picture credit", "image source", "photo source", "credit:", "credits:",
    "photo by", "photos by", "photography by", "image by", "images by",
    "illustration by", "illustration:", "screengrab", "screenshot",
    "screen grab", "screen shot", "image courtesy", "photo courtesy",
    "courtesy of", "file photo", "file image", "stock photo", "getty images",
    "ap photo", "reuters photo", "afp photo", "epa photo"
};

static const char *const image_ends[] = {
    "getty images", "getty images)", "getty images]", "(getty)", "/getty",
    "/ap", "/ ap", "(ap)", "ap photo", "ap photo)", "/reuters", "/ reuters",
    "(reuters)", "/afp", "/ afp", "(afp)", "/epa", "(epa)", "shutterstock",
    "shutterstock)", "/ shutterstock", "via youtube", "via youtube)",
    "via youtube]", "(youtube)", "[youtube]", "screengrab)", "screengrab]",
    "screenshot)", "screenshot]", "(file photo)", "(file)"
};

static const char *const follow_where[] = {
    "twitter", "facebook", "instagram", "google+", "linkedin", "tumblr", "@",
    "pinterest", "youtube", "snapchat", "tiktok"
};

static const char *const share_words[] = {
    "share", "shares", "shared", "sharing", "tweet", "tweets", "retweet",
    "email", "e-mail", "mail", "print", "facebook", "twitter", "pinterest",
    "linkedin", "whatsapp", "reddit", "google+", "google", "plus", "tumblr",
    "stumbleupon", "digg", "flipboard", "pocket", "messenger", "sms", "text",
    "comment", "comments", "this", "article", "story", "page", "post", "on",
    "via", "the", "to", "close", "copy", "link", "url", "save", "more",
    "options", "menu", "it", "with", "friends", "a", "friend", "your",
    "share:", "follow", "like", "send", "embed", "permalink", "bookmark", "&",
    "+", "|", "/", "-", "•", "·"
};

static const char *const share_core[] = {
    "share", "shares", "sharing", "tweet", "retweet", "email", "e-mail",
    "print", "facebook", "twitter", "pinterest", "linkedin", "whatsapp",
    "reddit", "google+", "tumblr", "stumbleupon", "digg", "flipboard",
    "comments", "share:", "permalink", "bookmark"
};

static const char *const share_starts[] = {
    "click to share", "share this", "share on", "share via", "share with",
    "tweet this", "email this", "print this", "subscribe", "sign up for",
    "sign up to", "like us on", "find us on", "join us on",
    "join the conversation", "leave a comment", "post a comment",
    "add a comment", "show comments", "view comments", "hide comments",
    "load comments", "view on instagram", "view this post on instagram",
    "a post shared by", "view on twitter", "view on facebook",
    "embed from getty", "newsletter"
};

static const char *const advert_is[] = {
    "advertisement", "advertisements", "advert", "adverts", "ad", "ads",
    "sponsored", "sponsored content", "sponsored links", "sponsored stories",
    "paid content", "paid post", "promoted", "promoted content",
    "promoted stories", "promoted links", "partner content",
    "from our sponsors", "ad feedback", "report ad", "report this ad",
    "adchoices", "ad choices", "story continues below",
    "article continues below", "continue reading below", "skip advertisement",
    "advertising"
};

static const char *const advert_starts[] = {
    "ads by", "advertisement", "sponsored by", "sponsored content",
    "story continues below", "article continues below",
    "content continues below", "continue reading below", "skip advertisement",
    "ad choices", "adchoices", "promoted by", "paid for by",
    "recommended by outbrain", "from around the web", "around the web",
    "by taboola", "taboola", "outbrain"
};

static const char *const media_is[] = {
    "video", "videos", "gallery", "slideshow", "photos", "poll", "loading",
    "loading...", "loading…", "play", "replay", "watch", "audio", "listen",
    "graphic", "interactive", "video player", "embedded video", "now playing",
    "up next", "watch now", "watch next", "watch again", "watch more",
    "more videos", "photo gallery", "image gallery", "video gallery",
    "view gallery", "view slideshow", "enlarge", "expand", "fullscreen",
    "full screen", "close", "next", "previous", "prev", "autoplay", "mute",
    "unmute", "pause"
};

static const char *const media_starts[] = {
    "scroll down for video", "scroll down for videos", "scroll down to watch",
    "scroll down for more", "scroll down to see", "video loading", "video:",
    "videos:", "watch:", "watch video", "watch the video", "watch now",
    "watch next", "watch this video", "watch below", "view gallery",
    "view the gallery", "view slideshow", "view photos", "view images",
    "see photos", "see the photos", "see gallery", "gallery:", "slideshow:",
    "photo gallery", "poll loading", "poll:", "please enable javascript",
    "enable javascript", "javascript is disabled",
    "your browser does not support", "click here to watch",
    "click here to see the video", "click here to view", "click to play",
    "click to watch", "click to enlarge", "click to expand", "play video",
    "replay video", "loading video", "loading player", "embedded video",
    "video player", "[video", "(video", "audio:", "listen:", "listen to",
    "graphic:", "interactive:", "map:", "chart:", "click image",
    "click on the image", "tap to"
};

static const char *const related_starts[] = {
    "read more", "read next", "read this next", "read also", "also read",
    "read the full", "read full", "read the rest", "read the original",
    "read:", "more:", "see all related", "see also", "also see",
    "continue reading", "keep reading", "full story", "click here for more",
    "click here to read", "click for more", "more from", "more on this",
    "more stories", "more news", "more like this", "more in", "more about",
    "you may also like", "you might also like", "you may be interested",
    "you might be interested", "we recommend", "recommended", "trending",
    "most popular", "most read", "most viewed", "most shared", "top stories",
    "latest news", "latest stories", "latest headlines", "next article",
    "previous article", "next story", "previous story", "next post",
    "previous post", "don't miss", "don’t miss", "also on", "further reading",
    "elsewhere on", "in case you missed it", "tags:", "topics:", "filed under",
    "posted in", "categories:", "category:", "related:", "related coverage",
    "related articles", "related stories", "related content", "related links",
    "related news", "related posts", "related video", "related videos",
    "related roundup", "related topics", "related reading", "related items",
    "related tags", "related searches", "see more", "view more", "show more",
    "load more", "back to top", "jump to", "skip to"
};

static const char *const related_is[] = { "related", "more", "see all" };

static const char *const credit_starts[] = {
    "contributing:", "contributing writer", "contributing reporter",
    "contributing editor", "contributed by", "with news wire services",
    "with wire services", "with news services", "with files from",
    "with reporting by", "with additional reporting", "additional reporting",
    "reporting by", "reported by", "writing by", "editing by", "edited by",
    "compiled by", "written by", "produced by", "copyright",
    "all rights reserved", "this article originally appeared",
    "this story originally appeared", "originally published",
    "this article was originally", "this story was originally",
    "a version of this", "h/t", "hat tip", "(c) ", "© ", "©",
    "staff and agencies", "agencies contributed", "wire reports",
    "associated press contributed", "the associated press contributed",
    "reuters contributed", "afp contributed", "(additional reporting",
    "(reporting by", "(writing by", "(editing by", "(compiled by",
    "[additional reporting", "editor's note:", "editor’s note:",
    "last updated", "published:", "posted:", "first published"
};

/* "Source: The Times" is a credit; "Sources: the minister will resign" a
 * report: these only on short lines */
static const char *const source_starts[] = { "source:", "sources:", "via:" };

static const char *const credit_is[] = {
    "ap", "afp", "reuters", "the associated press", "associated press", "upi",
    "bloomberg", "press association", "pa", "dpa", "efe", "xinhua", "ians",
    "pti", "ani", "agencies", "cnn", "bbc", "ap/reuters", "afp/reuters",
    "reuters/ap", "afp/getty", "staff", "staff writer", "staff report",
    "wire services", "news services", "news agencies", "wires",
    "with agencies", "and agencies", "agencies/reuters",
    "associated press writer", "update", "updated", "developing",
    "developing story", "breaking", "breaking news"
};

static const char *const credit_ends[] = {
    "contributed to this report", "contributed to this story",
    "contributed to this article", "contributed reporting",
    "contributed to this report)", "associated press contributed",
    "staff writer", "staff reporter", "correspondent"
};

static const char *const months[] = {
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december"
};

/* Are all the words of key w in the social vocabulary, one of them a
 * core word, and few? */
static int all_share_words(const char *w)
{
    char tok[32];
    size_t n = 0, core = 0;

    while (*w) {
        size_t k = 0;
        while (*w == ' ')
            w++;
        if (!*w)
            break;
        while (*w && *w != ' ') {
            if (k + 1 >= sizeof tok)
                return 0;
            tok[k++] = *w++;
        }
        /* counts such as "12" or "(3)" between the labels */
        tok[k] = '\0';
        if (strspn(tok, "0123456789()[],.:k") == k) {
            n++;
            continue;
        }
        while (k > 1 && (tok[k - 1] == ':' || tok[k - 1] == ','
                         || tok[k - 1] == '.'))
            tok[--k] = '\0';
        if (!is_any(tok, share_words, N_OF(share_words)))
            return 0;
        core += is_any(tok, share_core, N_OF(share_core)) != 0;
        n++;
    }
    return core > 0 && n <= 10;
}

/* A tweet's signature: "— Name (@handle) October 1, 2014". */
static int tweet_signature(const char *w)
{
    const char *at = strstr(w, "(@"), *close;

    if (!at || !(close = strchr(at, ')')))
        return 0;
    close++;
    while (*close == ' ')
        close++;
    for (size_t m = 0; m < N_OF(months); m++)
        if (starts(close, months[m]))
            return 1;
    return 0;
}

/* Home > World > Europe: two or more separators between short parts. */
static int navigation(const char *w)
{
    static const char *const sep[] = { " > ", " › ", " » ", " | ", " :: " };
    size_t n_sep = 0, words = 0, most = 0;

    for (const char *p = w; *p;) {
        size_t k = 0;
        for (size_t i = 0; i < N_OF(sep); i++)
            if (strncmp(p, sep[i], strlen(sep[i])) == 0) {
                k = strlen(sep[i]);
                break;
            }
        if (k) {
            n_sep++;
            words = 0;
            p += k;
            continue;
        }
        if (*p == ' ') {
            words++;
            if (words + 1 > most)
                most = words + 1;
        }
        p++;
    }
    return n_sep >= 2 && most <= 4;
}

/* The rules on key k (the whole line) and w (k from its first letter or
 * digit); raw is the line as written. */
static enum furniture_kind rule_of(const char *raw, size_t raw_len,
                                   const char *k, size_t kn, const char *w,
                                   size_t words)
{
    size_t wn = kn - (size_t)(w - k);

    if (*w == '\0')
        return FURNITURE_NO_WORDS;
    {
        int letters = 0;
        for (size_t i = 0; i < raw_len && !letters;) {
            size_t n;
            letters = cp_is_letter(cp_at(raw, raw_len, i, &n));
            i += n;
        }
        if (!letters)
            return FURNITURE_NO_WORDS;
    }
    for (size_t i = 0; i < N_OF(code_marks); i++)
        if (strstr(k, code_marks[i])
            && (i < N_OF(code_marks) - 1 || starts(k, "var ")))
            return FURNITURE_CODE;
    if (strchr(k, '{') && strchr(k, '}'))
        return FURNITURE_CODE;
    if (starts(k, "[image") || starts(k, "[photo") || starts(k, "[picture")
        || starts(k, "(image") || starts(k, "(photo")
        || starts(k, "(picture") || starts(k, "[credit")
        || starts(k, "(credit") || starts(k, "[getty")
        || starts(k, "(getty") || starts(k, "[via")
        || starts_any(w, image_starts, N_OF(image_starts))
        || ends_any(k, kn, image_ends, N_OF(image_ends))
        || strstr(k, "(photo:") || strstr(k, "(image:")
        || strstr(k, "(picture:") || strstr(k, "(credit:")
        || strstr(k, "(photo credit") || strstr(k, "(image credit"))
        return FURNITURE_IMAGE_CREDIT;
    if (starts(w, "follow")) {
        for (size_t i = 0; i < N_OF(follow_where); i++)
            if (strstr(w, follow_where[i]))
                return FURNITURE_FOLLOW;
        if (starts(w, "follow us") || starts(w, "follow me")
            || words <= 4)
            return FURNITURE_FOLLOW;
    }
    if (starts_any(w, advert_starts, N_OF(advert_starts))
        || is_any(w, advert_is, N_OF(advert_is)))
        return FURNITURE_ADVERT;
    if (starts_any(w, media_starts, N_OF(media_starts))
        || is_any(w, media_is, N_OF(media_is)))
        return FURNITURE_MEDIA;
    /* an embedded tweet is someone's statement; only its signature line
     * is furniture */
    if (all_share_words(w) || starts_any(w, share_starts, N_OF(share_starts))
        || tweet_signature(k))
        return FURNITURE_SHARE;
    if (words <= 14 && (starts_any(w, related_starts, N_OF(related_starts))
                        || is_any(w, related_is, N_OF(related_is))))
        return FURNITURE_RELATED;
    if (starts_any(w, credit_starts, N_OF(credit_starts))
        || starts_any(k, credit_starts, N_OF(credit_starts))
        || is_any(w, credit_is, N_OF(credit_is))
        || (words <= 6 && starts_any(w, source_starts, N_OF(source_starts)))
        || ends_any(w, wn, credit_ends, N_OF(credit_ends)))
        return FURNITURE_CREDIT;
    /* a byline: By Jane Smith, Staff Writer */
    if (raw_len > 3 && memcmp(raw, "By ", 3) == 0 && words <= 7) {
        size_t n;
        if (utf8proc_category(cp_at(raw, raw_len, 3, &n))
            == UTF8PROC_CATEGORY_LU)
            return FURNITURE_CREDIT;
    }
    if (navigation(k))
        return FURNITURE_NAVIGATION;
    return FURNITURE_NONE;
}

/* k from its first letter or digit (past dashes, bullets, brackets). */
static const char *first_alnum(const char *k, size_t kn)
{
    size_t i = 0;

    while (i < kn) {
        size_t n;
        if (cp_is_alnum(cp_at(k, kn, i, &n)))
            break;
        i += n;
    }
    return k + i;
}

enum furniture_kind furniture_rule(const char *s, size_t len)
{
    size_t kn;
    char *k;
    enum furniture_kind kind;

    if (furniture_is_prose(s, len))
        return FURNITURE_NONE;
    if (len > 4 * FURNITURE_MAX_LINE)
        len = 4 * FURNITURE_MAX_LINE;   /* the rules look at the ends */
    if (!(k = furniture_key(s, len, &kn)))
        return FURNITURE_NONE;
    kind = rule_of(s, len, k, kn, first_alnum(k, kn),
                   furniture_words(s, len));
    free(k);
    return kind;
}

/* ---- the learnt list ---- */

struct furniture {
    struct strmap keys;
    unsigned char *kind;        /* kind[id] */
};

size_t furniture_count(const struct furniture *f)
{
    return f ? f->keys.n : 0;
}

void furniture_free(struct furniture *f)
{
    if (!f)
        return;
    strmap_clear(&f->keys);
    free(f->kind);
    free(f);
}

enum furniture_kind furniture_line(const struct furniture *f, const char *s,
                                   size_t len)
{
    size_t kn, id;
    char *k;
    enum furniture_kind kind;
    size_t cut = len > 4 * FURNITURE_MAX_LINE ? 4 * FURNITURE_MAX_LINE : len;

    if (furniture_is_prose(s, len))
        return FURNITURE_NONE;
    if (!(k = furniture_key(s, cut, &kn)))
        return FURNITURE_NONE;
    kind = rule_of(s, cut, k, kn, first_alnum(k, kn),
                   furniture_words(s, len));
    if (kind == FURNITURE_NONE && f && len <= FURNITURE_MAX_LINE
        && (id = strmap_find(&f->keys, k, kn)) != SIZE_MAX)
        kind = (enum furniture_kind)f->kind[id];
    free(k);
    return kind;
}

static int bad(struct err *e, const char *name, const char *what)
{
    return err_set(e, STATUS_FORMAT, "%s: not a valid furniture file: %s",
                   name, what);
}

int furniture_parse(const char *name, const char *text, size_t len,
                    struct furniture **out, struct err *e)
{
    cJSON *root = cJSON_ParseWithLength(text, len), *it, *lines, *line;
    struct furniture *f = NULL;
    const char **texts = NULL;
    size_t n, i = 0;
    int rc = 0, v;

    if (!root) {
        rc = err_set(e, STATUS_PARSE, "%s: not a furniture file (not JSON)",
                     name);
        goto out;
    }
    it = cJSON_GetObjectItemCaseSensitive(root, "format");
    if (!cJSON_IsString(it) || strcmp(it->valuestring, "gainsay-furniture")) {
        rc = err_set(e, STATUS_FORMAT, "%s: not a furniture file (format is "
                     "not \"gainsay-furniture\")", name);
        goto out;
    }
    it = cJSON_GetObjectItemCaseSensitive(root, "version");
    v = cJSON_IsNumber(it) && it->valuedouble >= 1
        && it->valuedouble <= 1e6 ? it->valueint : 0;
    if (v < 1 || v > FURNITURE_VERSION || it->valuedouble != v) {
        rc = err_set(e, STATUS_VERSION, "%s: furniture file version %g not "
                     "supported (this build reads 1..%d)", name,
                     cJSON_IsNumber(it) ? it->valuedouble : 0.0,
                     FURNITURE_VERSION);
        goto out;
    }
    lines = cJSON_GetObjectItemCaseSensitive(root, "lines");
    it = cJSON_GetObjectItemCaseSensitive(root, "n_lines");
    if (!cJSON_IsArray(lines) || !cJSON_IsNumber(it)) {
        rc = bad(e, name, "\"lines\" or \"n_lines\" missing");
        goto out;
    }
    n = (size_t)cJSON_GetArraySize(lines);
    if (it->valuedouble != (double)n) {
        rc = bad(e, name, "\"n_lines\" does not match the lines");
        goto out;
    }
    if (!(f = calloc(1, sizeof *f)) || !(f->kind = malloc(n ? n : 1))
        || !(texts = malloc((n ? n : 1) * sizeof *texts))) {
        rc = err_set(e, STATUS_NOMEM, "%s: out of memory", name);
        goto out;
    }
    strmap_init(&f->keys);
    cJSON_ArrayForEach(line, lines) {
        cJSON *t = cJSON_GetObjectItemCaseSensitive(line, "text"),
              *b = cJSON_GetObjectItemCaseSensitive(line, "bodies"),
              *k = cJSON_GetObjectItemCaseSensitive(line, "kind");
        size_t tn, kn;
        char *key;
        enum furniture_kind kind;
        if (!cJSON_IsString(t) || !cJSON_IsNumber(b) || !cJSON_IsString(k)
            || b->valuedouble < 1) {
            rc = err_set(e, STATUS_FORMAT, "%s: not a valid furniture file: "
                         "line %zu needs \"text\", \"bodies\" and \"kind\"",
                         name, i + 1);
            goto out;
        }
        tn = strlen(t->valuestring);
        kind = furniture_kind_of(k->valuestring, strlen(k->valuestring));
        if (tn == 0 || tn > FURNITURE_MAX_LINE
            || utf8_check(t->valuestring, tn) < tn || kind == FURNITURE_NONE
            || kind == FURNITURE_ABOVE_HEADLINE
            || kind == FURNITURE_TRAILING
            || furniture_is_prose(t->valuestring, tn)) {
            rc = err_set(e, STATUS_FORMAT, "%s: not a valid furniture file: "
                         "line %zu is empty, too long, prose or of an unknown "
                         "kind", name, i + 1);
            goto out;
        }
        if (!(key = furniture_key(t->valuestring, tn, &kn))) {
            rc = err_set(e, STATUS_NOMEM, "%s: out of memory", name);
            goto out;
        }
        if (kn != tn || memcmp(key, t->valuestring, tn) != 0) {
            free(key);
            rc = err_set(e, STATUS_FORMAT, "%s: not a valid furniture file: "
                         "line %zu is not normalised", name, i + 1);
            goto out;
        }
        free(key);
        if (strmap_find(&f->keys, t->valuestring, tn) != SIZE_MAX) {
            rc = err_set(e, STATUS_FORMAT, "%s: not a valid furniture file: "
                         "line %zu repeats an earlier line", name, i + 1);
            goto out;
        }
        if (strmap_intern(&f->keys, t->valuestring, tn, NULL)) {
            rc = err_set(e, STATUS_NOMEM, "%s: out of memory", name);
            goto out;
        }
        f->kind[i] = (unsigned char)kind;
        texts[i++] = t->valuestring;
    }
    it = cJSON_GetObjectItemCaseSensitive(root, "checksum");
    {
        char want[16];
        snprintf(want, sizeof want, "%08lx", furniture_checksum(texts, n));
        if (!cJSON_IsString(it) || strcmp(it->valuestring, want) != 0) {
            rc = bad(e, name, "checksum does not match (edited or damaged)");
            goto out;
        }
    }
    *out = f;
    f = NULL;
out:
    free(texts);
    furniture_free(f);
    cJSON_Delete(root);
    return rc;
}

int furniture_load(const char *path, struct furniture **out, struct err *e)
{
    char *text = NULL;
    size_t len;
    int rc;

    if ((rc = file_read_max(path, FURNITURE_MAX_BYTES, &text, &len, e)) != 0)
        return rc;
    rc = furniture_parse(path, text, len, out, e);
    free(text);
    return rc;
}

/* ---- scanning a page ---- */

void furniture_scan_init(struct furniture_scan *sc)
{
    memset(sc, 0, sizeof *sc);
}

void furniture_scan_clear(struct furniture_scan *sc)
{
    free(sc->span);
    furniture_scan_init(sc);
}

struct line_info {
    size_t start, end;
    enum furniture_kind kind;
    size_t words;
};

/* A short line in capitals: VIEW GALLERY, SEE ALL RELATED. */
static int caps_label(const char *s, size_t len, size_t words)
{
    size_t letters = 0;

    if (words == 0 || words > 3)
        return 0;
    for (size_t i = 0; i < len;) {
        size_t n;
        utf8proc_int32_t cp = cp_at(s, len, i, &n);
        if (cp_is_letter(cp)) {
            if (utf8proc_category(cp) != UTF8PROC_CATEGORY_LU)
                return 0;
            letters++;
        }
        i += n;
    }
    return letters >= 2;
}

/* Most words capitalised, as headlines are. */
static int title_like(const char *s, size_t len)
{
    size_t words = 0, caps = 0, i = 0;

    while (i < len) {
        size_t n;
        utf8proc_int32_t cp;
        while (i < len && is_space((unsigned char)s[i]))
            i++;
        if (i >= len)
            break;
        cp = cp_at(s, len, i, &n);
        if (cp_is_letter(cp)) {
            words++;
            caps += utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
        }
        while (i < len && !is_space((unsigned char)s[i]))
            i++;
    }
    return words >= 3 && caps * 5 >= words * 3;
}

/* Where script glued to the end of a line of prose starts: the word
 * holding the first code mark, when what comes before it reads as prose;
 * else 0 (the whole line is code). */
static size_t code_cut(const char *s, size_t len)
{
    size_t first = len, a;

    for (size_t i = 0; i < len; i++) {
        if (s[i] == '{') {
            first = i;
            break;
        }
        for (size_t m = 0; m < N_OF(code_marks); m++) {
            size_t n = strlen(code_marks[m]);
            if (i + n <= len && strncasecmp(s + i, code_marks[m], n) == 0) {
                first = i;
                break;
            }
        }
        if (first < len)
            break;
    }
    if (first == len)
        return 0;
    a = first;
    while (a > 0 && !is_space((unsigned char)s[a - 1]))
        a--;
    {
        size_t b = a;
        while (b > 0 && is_space((unsigned char)s[b - 1]))
            b--;
        return b > 0 && furniture_is_prose(s, b) ? a : 0;
    }
}

/* "Watch: Marine saved by his helmet" at the top of a page is its
 * headline, though the same line lower down links to a video: a label, a
 * colon and four words or more. */
static int labelled_headline(const char *s, size_t len, enum furniture_kind k)
{
    const char *colon;

    if (k != FURNITURE_MEDIA && k != FURNITURE_RELATED
        && k != FURNITURE_IMAGE_CREDIT && k != FURNITURE_CREDIT)
        return 0;
    colon = memchr(s, ':', len < 24 ? len : 24);
    return colon && furniture_words(colon + 1, len - (size_t)(colon + 1 - s))
                    >= 4;
}

/* Longest line, in words, of a trailing run of other headlines. */
#define TRAILING_MAX_WORDS 16

static int push_span(struct furniture_scan *sc, const struct line_info *l)
{
    if (GROW(sc->span, sc->cap, sc->n + 1))
        return STATUS_NOMEM;
    sc->span[sc->n++] = (struct furniture_span){ l->start, l->end, l->kind };
    return 0;
}

int furniture_scan_text(const struct furniture *f, const char *s,
                        size_t len, unsigned flags,
                        struct furniture_scan *sc)
{
    struct line_info *li = NULL;
    size_t n = 0, cap = 0, i = 0, body = 0, h = SIZE_MAX;
    int rc = 0;

    sc->n = 0;
    sc->hs = sc->he = 0;
    while (i < len) {
        size_t a = i, b;
        while (i < len && s[i] != '\n')
            i++;
        b = i;
        if (i < len)
            i++;
        while (a < b && is_space((unsigned char)s[a]))
            a++;
        while (b > a && is_space((unsigned char)s[b - 1]))
            b--;
        if (a == b)
            continue;
        if ((rc = GROW(li, cap, n + 1)))
            goto out;
        li[n].start = a;
        li[n].end = b;
        li[n].words = furniture_words(s + a, b - a);
        li[n].kind = furniture_line(f, s + a, b - a);
        if (li[n].kind == FURNITURE_CODE) {
            li[n].start += code_cut(s + a, b - a);
            li[n].words = furniture_words(s + li[n].start, b - li[n].start);
        }
        n++;
    }
    if (flags & FURNITURE_SCAN_HEADLINE) {
        /* the first line of words; a lone word (a section label such as
         * World) only when the next line is not a headline itself: no
         * more than one word, or it ends a sentence */
        for (size_t k = 0; k < n && h == SIZE_MAX; k++) {
            size_t next = k + 1;
            if (li[k].kind != FURNITURE_NONE
                && labelled_headline(s + li[k].start,
                                     li[k].end - li[k].start, li[k].kind))
                li[k].kind = FURNITURE_NONE;
            if (li[k].kind != FURNITURE_NONE || li[k].words == 0)
                continue;
            while (next < n && li[next].kind != FURNITURE_NONE)
                next++;
            if (li[k].words >= 2 || next == n || li[next].words < 2
                || ends_sentence(s + li[next].start,
                                 li[next].end - li[next].start))
                h = k;
        }
        if (h != SIZE_MAX) {
            for (size_t k = 0; k < h; k++)
                if (li[k].kind == FURNITURE_NONE)
                    li[k].kind = FURNITURE_ABOVE_HEADLINE;
            sc->hs = li[h].start;
            sc->he = li[h].end;
            body = h + 1;
        } else {
            body = n;
        }
    }
    for (size_t k = body; k < n; k++)
        if (li[k].kind == FURNITURE_NONE
            && caps_label(s + li[k].start, li[k].end - li[k].start,
                          li[k].words))
            li[k].kind = FURNITURE_LABEL;
    if (flags & FURNITURE_SCAN_TRAILING) {
        /* the run of short lines without closing punctuation after the
         * last line that ends a sentence */
        size_t last = SIZE_MAX, first = n, run = 0;
        for (size_t k = body; k < n; k++)
            if (li[k].kind == FURNITURE_NONE
                && ends_sentence(s + li[k].start, li[k].end - li[k].start))
                last = k;
        for (size_t k = n; last != SIZE_MAX && k-- > last + 1;) {
            if (li[k].kind != FURNITURE_NONE)
                continue;
            if (li[k].words > TRAILING_MAX_WORDS)
                break;
            first = k;
            run++;
        }
        if (run >= 2 || (run == 1 && title_like(s + li[first].start,
                                                li[first].end
                                                - li[first].start)))
            for (size_t k = first; k < n; k++)
                if (li[k].kind == FURNITURE_NONE)
                    li[k].kind = FURNITURE_TRAILING;
    }
    for (size_t k = 0; k < n; k++)
        if (li[k].kind != FURNITURE_NONE && (rc = push_span(sc, &li[k])))
            goto out;
out:
    free(li);
    return rc;
}

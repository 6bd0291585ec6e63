/* path.h - file names: directory parts, absolute forms, relative names. */
#ifndef BASE_PATH_H
#define BASE_PATH_H

/* The directory part of path: "." for a bare name, "/" at the root.
 * malloc'd; NULL when out of memory. */
char *path_dirname(const char *path);

/* The absolute, resolved form of path; when path does not exist, of its
 * directory followed by its last name.  malloc'd; NULL when the directory
 * does not exist either (or out of memory). */
char *path_absolute(const char *path);

/* abs relative to the absolute directory dir ("a/b.md" for "/d/a/b.md"
 * and "/d"), or NULL when abs is not inside dir.  Points into abs. */
const char *path_relative(const char *abs, const char *dir);

#endif

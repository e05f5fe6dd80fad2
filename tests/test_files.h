/* test_files.h: scratch directories and whole-file reads for the tests (header-only).
 *
 *     char dir[64];
 *     test_tmpdir(dir, sizeof dir, "output");     // /tmp/nn-output-XXXXXX, created
 *     char *text = test_read_file(path, &len);    // NUL-terminated, caller frees; NULL if absent
 *     test_rmtree(dir);                           // removes it and everything below
 */
#ifndef TEST_FILES_H
#define TEST_FILES_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void test_tmpdir(char *buf, size_t len, const char *what)
{
    snprintf(buf, len, "/tmp/nn-%s-XXXXXX", what);
    if (!mkdtemp(buf)) {
        perror("mkdtemp");
        exit(255);
    }
}

static char *test_read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n - 1, fp)) > 0) {
        n += got;
        if (cap - n - 1 == 0) buf = realloc(buf, cap *= 2);
    }
    fclose(fp);
    if (!buf) exit(255);
    buf[n] = '\0';
    if (len) *len = n;
    return buf;
}

static int test_exists(const char *path) { return access(path, F_OK) == 0; }

static void test_rmtree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0) return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *e;
        while (d && (e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
            char child[4096];
            snprintf(child, sizeof child, "%s/%s", path, e->d_name);
            test_rmtree(child);
        }
        if (d) closedir(d);
    }
    remove(path);
}

static inline void test_files_unused_(void)
{
    (void)test_tmpdir; (void)test_read_file; (void)test_exists; (void)test_rmtree;
    (void)test_files_unused_;
}

#endif

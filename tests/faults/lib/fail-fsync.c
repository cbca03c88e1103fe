/*
 * A disk whose flushes fail (issue 9's "EIO on fsync"), for SQLite's own writes, which no JavaScript can reach:
 * loaded with LD_PRELOAD into a fault test's child, fsync() and fdatasync() fail with EIO for every file
 * whose path contains $DOSSIER_FAIL_FSYNC, and behave as usual for the rest. Built at test time
 * (tests/faults/lib/fsync-shim.ts).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int failing(int fd) {
  const char *match = getenv("DOSSIER_FAIL_FSYNC");
  if (match == NULL || match[0] == '\0') return 0;
  char link[64];
  char path[4096];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = readlink(link, path, sizeof path - 1);
  if (n < 0) return 0;
  path[n] = '\0';
  return strstr(path, match) != NULL;
}

int fsync(int fd) {
  static int (*real)(int) = NULL;
  if (real == NULL) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
  if (failing(fd)) {
    errno = EIO;
    return -1;
  }
  return real(fd);
}

int fdatasync(int fd) {
  static int (*real)(int) = NULL;
  if (real == NULL) real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
  if (failing(fd)) {
    errno = EIO;
    return -1;
  }
  return real(fd);
}

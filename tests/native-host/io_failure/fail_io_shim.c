/* LD_PRELOAD shim for the write-failure tests: makes one kind of call fail with a chosen errno on
 * files whose path contains a chosen text, as a full disk or a failing device would.
 *   CW_FAIL_CALL  write | fsync | rename   (write covers write/pwrite, fsync covers fdatasync)
 *   CW_FAIL_PATH  text the file's path (for rename: the source path) must contain
 *   CW_FAIL_ERRNO the errno to fail with (default ENOSPC)
 * A read-only remount would be refused while the files are open, so failures are injected here. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static int fail_errno(void) {
  const char* text = getenv("CW_FAIL_ERRNO");
  return text && *text ? atoi(text) : ENOSPC;
}

static int path_matches(const char* path) {
  const char* needle = getenv("CW_FAIL_PATH");
  return path && needle && *needle && strstr(path, needle) != NULL;
}

static int fd_matches(const char* call, int fd) {
  const char* which = getenv("CW_FAIL_CALL");
  if (!which || strcmp(which, call) != 0) return 0;
  char link[64], path[4096];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = readlink(link, path, sizeof path - 1);
  if (n <= 0) return 0;
  path[n] = '\0';
  return path_matches(path);
}

#define REAL(name) ((__typeof__(&name))dlsym(RTLD_NEXT, #name))

ssize_t write(int fd, const void* buf, size_t count) {
  if (fd_matches("write", fd)) { errno = fail_errno(); return -1; }
  return REAL(write)(fd, buf, count);
}

ssize_t pwrite(int fd, const void* buf, size_t count, off_t offset) {
  if (fd_matches("write", fd)) { errno = fail_errno(); return -1; }
  return REAL(pwrite)(fd, buf, count, offset);
}

ssize_t pwrite64(int fd, const void* buf, size_t count, off64_t offset) {
  if (fd_matches("write", fd)) { errno = fail_errno(); return -1; }
  return REAL(pwrite64)(fd, buf, count, offset);
}

int fsync(int fd) {
  if (fd_matches("fsync", fd)) { errno = fail_errno(); return -1; }
  return REAL(fsync)(fd);
}

int fdatasync(int fd) {
  if (fd_matches("fsync", fd)) { errno = fail_errno(); return -1; }
  return REAL(fdatasync)(fd);
}

int rename(const char* from, const char* to) {
  const char* which = getenv("CW_FAIL_CALL");
  if (which && strcmp(which, "rename") == 0 && path_matches(from)) { errno = fail_errno(); return -1; }
  return REAL(rename)(from, to);
}

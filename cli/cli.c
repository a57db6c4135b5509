#include "cli/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cli_usage_error(const char *cmd, const char *fmt, ...) {
  fprintf(stderr, "lockstep %s: ", cmd);
  va_list ap;
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\nRun 'lockstep %s --help' for usage.\n", cmd);
  return EXIT_USAGE;
}

bool cli_option_value(char **argv, int argc, int *i, const char *name, const char **value, bool *missing) {
  const char *arg = argv[*i];
  size_t n = strlen(name);
  if (strncmp(arg, name, n) != 0) return false;
  if (arg[n] == '=') {
    *value = arg + n + 1;
    return true;
  }
  if (arg[n] != '\0') return false;
  if (*i + 1 >= argc) {
    *missing = true;
    return true;
  }
  *value = argv[++*i];
  return true;
}

bool cli_parse_count(const char *text, bool suffixes, int64_t *out) {
  if (!text || !*text || *text == '-' || *text == '+' || *text == ' ') return false;
  errno = 0;
  char *end;
  unsigned long long v = strtoull(text, &end, 10);
  if (errno || end == text) return false;
  unsigned long long scale = 1;
  if (suffixes && *end) {
    switch (*end) {
    case 'k': case 'K': scale = 1ull << 10; break;
    case 'm': case 'M': scale = 1ull << 20; break;
    case 'g': case 'G': scale = 1ull << 30; break;
    default: return false;
    }
    end++;
  }
  if (*end) return false;
  if (v > (unsigned long long)INT64_MAX / scale) return false;
  *out = (int64_t)(v * scale);
  return true;
}

bool cli_write_file(const char *path, const void *data, size_t len, const char **why) {
  size_t n = strlen(path);
  char *tmp = malloc(n + 32);
  if (!tmp) return (*why = "out of memory", false);
  snprintf(tmp, n + 32, "%s.tmp.%ld", path, (long)getpid());
  FILE *fp = fopen(tmp, "wb");
  if (!fp) {
    *why = strerror(errno);
    free(tmp);
    return false;
  }
  bool ok = fwrite(data, 1, len, fp) == len;
  if (!ok) *why = strerror(errno);
  if (fclose(fp) != 0 && ok) {
    ok = false;
    *why = strerror(errno);
  }
  if (ok && rename(tmp, path) != 0) {
    ok = false;
    *why = strerror(errno);
  }
  if (!ok) remove(tmp);
  free(tmp);
  return ok;
}

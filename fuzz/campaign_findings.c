/* Findings on disk: OUT/findings/NAME/ holds finding.txt (the signature on
 * its first line, the program number and how to replay it), input.jasm
 * (the program), report.txt (the oracle's report, or what killed the
 * worker). A finding appears whole or not at all: its files are written
 * into a hidden temporary directory which is then renamed, and a rename
 * onto an existing finding fails, so two workers finding the same
 * signature at once save it once. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz/campaign_internal.h"

static const char finding_info_name[] = "finding.txt";
static const char signature_prefix[] = "signature: ";
static const char temp_prefix[] = ".tmp-";

/* ------------------------------------------------------------ files */

static bool write_all(int fd, const void *data, size_t len) {
  const char *p = data;
  while (len > 0) {
    ssize_t k = write(fd, p, len);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return false;
    p += k;
    len -= (size_t)k;
  }
  return true;
}

/* Writes a new file (failing if it exists). */
static bool write_new_file(const char *path, const void *data, size_t len, StrBuf *err) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    strbuf_printf(err, "%s: %s", path, strerror(errno));
    return false;
  }
  bool ok = write_all(fd, data, len);
  int saved = errno;
  if (close(fd) != 0 && ok) {
    ok = false;
    saved = errno;
  }
  if (!ok) strbuf_printf(err, "%s: %s", path, strerror(saved));
  return ok;
}

bool campaign_write_file(const char *path, const void *data, size_t len, StrBuf *err) {
  StrBuf tmp;
  strbuf_init(&tmp);
  strbuf_printf(&tmp, "%s.tmp.%ld", path, (long)getpid());
  bool ok = !tmp.oom && write_new_file(tmp.data, data, len, err);
  if (ok && rename(tmp.data, path) != 0) {
    strbuf_printf(err, "%s: %s", path, strerror(errno));
    ok = false;
  }
  if (!ok && tmp.data) unlink(tmp.data);
  if (tmp.oom) strbuf_printf(err, "%s: out of memory", path);
  strbuf_free(&tmp);
  return ok;
}

char *campaign_read_file(const char *path, size_t max, bool truncate_ok, size_t *len) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return NULL;
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    errno = EISDIR;
    return NULL;
  }
  size_t want = (uint64_t)st.st_size > max ? max : (size_t)st.st_size;
  if ((uint64_t)st.st_size > max && !truncate_ok) {
    close(fd);
    errno = EFBIG;
    return NULL;
  }
  char *buf = malloc(want + 1);
  if (!buf) {
    close(fd);
    errno = ENOMEM;
    return NULL;
  }
  size_t got = 0;
  while (got < want) {
    ssize_t k = read(fd, buf + got, want - got);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) break; /* the file shrank: keep what was read */
    got += (size_t)k;
  }
  close(fd);
  buf[got] = '\0';
  *len = got;
  return buf;
}

bool campaign_mkdir(const char *path, StrBuf *err) {
  if (mkdir(path, 0755) == 0) return true;
  int saved = errno;
  struct stat st;
  if (saved == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) return true;
  strbuf_printf(err, "%s: cannot create directory: %s", path, strerror(saved == EEXIST ? ENOTDIR : saved));
  return false;
}

/* Removes a directory holding plain files only (a temporary finding). */
static void remove_flat_dir(const char *path) {
  DIR *d = opendir(path);
  if (d) {
    struct dirent *e;
    StrBuf sb;
    strbuf_init(&sb);
    while ((e = readdir(d)) != NULL) {
      if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
      strbuf_clear(&sb);
      strbuf_printf(&sb, "%s/%s", path, e->d_name);
      if (sb.data) unlink(sb.data);
    }
    strbuf_free(&sb);
    closedir(d);
  }
  rmdir(path);
}

void campaign_findings_cleanup(const char *findings_dir) {
  DIR *d = opendir(findings_dir);
  if (!d) return;
  struct dirent *e;
  StrBuf sb;
  strbuf_init(&sb);
  while ((e = readdir(d)) != NULL) {
    if (strncmp(e->d_name, temp_prefix, sizeof temp_prefix - 1) != 0) continue;
    strbuf_clear(&sb);
    strbuf_printf(&sb, "%s/%s", findings_dir, e->d_name);
    if (sb.data) remove_flat_dir(sb.data);
  }
  strbuf_free(&sb);
  closedir(d);
}

/* ------------------------------------------------------------ names */

static uint64_t fnv1a(const char *s) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
  return h;
}

static bool name_char_ok(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || strchr("._,@~+=-", c);
}

/* The sanitized name, cut to `keep` bytes and suffixed with the hash when
 * `with_hash`. */
static void dirname_build(const char *signature, bool with_hash, char out[CAMPAIGN_NAME_MAX + 1]) {
  size_t len = strlen(signature);
  size_t keep = with_hash || len > CAMPAIGN_NAME_MAX ? CAMPAIGN_NAME_MAX - 17 : len;
  if (keep > len) keep = len;
  size_t n = 0;
  for (size_t i = 0; i < keep; i++) out[n++] = name_char_ok(signature[i]) && signature[i] ? signature[i] : '_';
  if (n == 0) out[n++] = '_';
  if (out[0] == '.') out[0] = '_'; /* never hidden, never "." or ".." */
  if (with_hash || len > keep)
    n += (size_t)snprintf(out + n, CAMPAIGN_NAME_MAX + 1 - n, "-%016llx", (unsigned long long)fnv1a(signature));
  out[n] = '\0';
}

void campaign_signature_dirname(const char *signature, char out[CAMPAIGN_NAME_MAX + 1]) {
  dirname_build(signature, false, out);
}

bool campaign_finding_signature(const char *finding_dir, StrBuf *sb) {
  StrBuf path;
  strbuf_init(&path);
  strbuf_printf(&path, "%s/%s", finding_dir, finding_info_name);
  size_t len = 0;
  char *text = path.data ? campaign_read_file(path.data, 1 << 16, true, &len) : NULL;
  strbuf_free(&path);
  if (!text) return false;
  bool ok = strncmp(text, signature_prefix, sizeof signature_prefix - 1) == 0;
  if (ok) {
    const char *s = text + sizeof signature_prefix - 1;
    size_t n = strcspn(s, "\n");
    ok = n > 0 && n < ORACLE_SIGNATURE_MAX;
    if (ok) strbuf_append(sb, s, n);
  }
  free(text);
  return ok && !sb->oom;
}

/* Does OUT/findings/NAME exist, and for which signature? 0: free; 1: this
 * signature; 2: another one (a name collision). */
static int name_state(const char *findings_dir, const char *name, const char *signature) {
  StrBuf dir, found;
  strbuf_init(&dir);
  strbuf_init(&found);
  strbuf_printf(&dir, "%s/%s", findings_dir, name);
  struct stat st;
  int state = 0;
  if (dir.data && lstat(dir.data, &st) == 0)
    state = campaign_finding_signature(dir.data, &found) && strcmp(found.data, signature) == 0 ? 1 : 2;
  strbuf_free(&dir);
  strbuf_free(&found);
  return state;
}

bool campaign_finding_exists(const char *findings_dir, const char *signature) {
  char name[CAMPAIGN_NAME_MAX + 1];
  dirname_build(signature, false, name);
  int state = name_state(findings_dir, name, signature);
  if (state == 2) {
    dirname_build(signature, true, name);
    state = name_state(findings_dir, name, signature);
  }
  return state == 1;
}

/* ------------------------------------------------------------ saving */

static bool write_temp_finding(const char *tmp, const char *info, const FindingFile *files, size_t nfiles,
                               StrBuf *err) {
  if (mkdir(tmp, 0755) != 0) {
    strbuf_printf(err, "%s: %s", tmp, strerror(errno));
    return false;
  }
  StrBuf path;
  strbuf_init(&path);
  strbuf_printf(&path, "%s/%s", tmp, finding_info_name);
  bool ok = !path.oom && write_new_file(path.data, info ? info : "", info ? strlen(info) : 0, err);
  for (size_t i = 0; ok && i < nfiles; i++) {
    strbuf_clear(&path);
    strbuf_printf(&path, "%s/%s", tmp, files[i].name);
    ok = !path.oom && write_new_file(path.data, files[i].data ? files[i].data : "", files[i].len, err);
  }
  if (path.oom) strbuf_printf(err, "out of memory");
  strbuf_free(&path);
  return ok;
}

bool campaign_save_finding(const char *findings_dir, const char *signature, const char *info,
                           const FindingFile *files, size_t nfiles, bool *is_new, StrBuf *err) {
  static atomic_uint counter;
  *is_new = false;
  char name[CAMPAIGN_NAME_MAX + 1];
  dirname_build(signature, false, name);
  int state = name_state(findings_dir, name, signature);
  if (state == 2) {
    dirname_build(signature, true, name);
    state = name_state(findings_dir, name, signature);
  }
  if (state == 1) return true;
  if (state == 2) {
    strbuf_printf(err, "%s: the name is taken by another signature", name);
    return false;
  }
  StrBuf tmp, final;
  strbuf_init(&tmp);
  strbuf_init(&final);
  strbuf_printf(&tmp, "%s/%s%ld-%u", findings_dir, temp_prefix, (long)getpid(), atomic_fetch_add(&counter, 1));
  strbuf_printf(&final, "%s/%s", findings_dir, name);
  bool ok = !tmp.oom && !final.oom;
  if (!ok) strbuf_printf(err, "out of memory");
  ok = ok && write_temp_finding(tmp.data, info, files, nfiles, err);
  if (ok) {
    if (rename(tmp.data, final.data) == 0) *is_new = true;
    else if (errno != EEXIST && errno != ENOTEMPTY) {
      strbuf_printf(err, "%s: %s", final.data, strerror(errno));
      ok = false;
    }
    /* else: another process saved the same signature a moment ago */
  }
  if (!*is_new && tmp.data) remove_flat_dir(tmp.data);
  strbuf_free(&tmp);
  strbuf_free(&final);
  return ok;
}

void campaign_finding_info(StrBuf *sb, const char *signature, uint64_t seed, const CampaignOptions *o,
                           const char *extra) {
  char configs[CAMPAIGN_CONFIGS_TEXT_MAX];
  campaign_configs_text(&o->oracle, configs);
  strbuf_printf(sb, "%s%s\n", signature_prefix, signature);
  strbuf_printf(sb, "program: %llu\n", (unsigned long long)seed);
  strbuf_printf(sb, "size: %u\n", o->gen.size);
  strbuf_printf(sb, "fuel: %lld\n", (long long)o->oracle.fuel);
  strbuf_printf(sb, "configs: %s\n", configs);
  if (extra) strbuf_puts(sb, extra);
  strbuf_printf(sb, "\nregenerate: lockstep gen --seed %llu --size %u\n", (unsigned long long)seed, o->gen.size);
  strbuf_printf(sb, "replay:     lockstep diff --fuel %lld --configs %s input.jasm\n", (long long)o->oracle.fuel,
                configs);
}

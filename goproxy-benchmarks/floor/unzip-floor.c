/*
 * The irreducible part of a bulk module download, as a floor to compare goproxy4j and go with:
 * for every module zip named, inflate each file entry (zlib), SHA-256 it (OpenSSL) and check its
 * CRC-32, and write it (open O_CREAT|O_EXCL, mode 0444, 64 KB writes) under OUT/<n>/, each
 * directory made once. No network, no checksum database, no zip checks beyond what inflating
 * needs, no go.sum; zips without zip64 or data descriptors only (module zips as the benchmark
 * serves them). With NOWRITE=1 in the environment nothing is written (the CPU of inflate,
 * SHA-256 and CRC-32 alone).
 *
 * Build: cc -O2 -o unzip-floor unzip-floor.c -lz -lcrypto -lpthread
 * Usage: unzip-floor OUT THREADS ZIP...   (the zips dealt round-robin to THREADS threads)
 */
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define BUF (64 * 1024)

static const char *out;
static int nthreads, nzips, nowrite;
static char **zips;

static uint32_t u16(const uint8_t *p) { return p[0] | p[1] << 8; }
static uint32_t u32(const uint8_t *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }

static void die(const char *what, const char *name) {
  fprintf(stderr, "%s: %s: %s\n", what, name, strerror(errno));
  exit(1);
}

/* The directories made so far for one zip (a module has at most some thousands). */
struct dirs {
  char **v;
  size_t n, cap;
};

static int made(struct dirs *d, const char *p) {
  for (size_t i = d->n; i-- > 0;)
    if (strcmp(d->v[i], p) == 0) return 1;
  return 0;
}

/* mkdir -p of path, each directory once. */
static void mkdirs(struct dirs *d, char *path) {
  if (*path == 0 || made(d, path)) return;
  char *slash = strrchr(path, '/');
  if (slash) {
    *slash = 0;
    mkdirs(d, path);
    *slash = '/';
  }
  if (mkdir(path, 0777) != 0 && errno != EEXIST) die("mkdir", path);
  if (d->n == d->cap) {
    d->cap = d->cap ? 2 * d->cap : 64;
    d->v = realloc(d->v, d->cap * sizeof *d->v);
  }
  d->v[d->n++] = strdup(path);
}

static void extract(int z, uint8_t *buf, EVP_MD_CTX *md) {
  int fd = open(zips[z], O_RDONLY);
  if (fd < 0) die("open", zips[z]);
  struct stat st;
  fstat(fd, &st);
  const uint8_t *m = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  long e = st.st_size - 22;
  while (e >= 0 && u32(m + e) != 0x06054b50) e--;
  if (e < 0) die("no end of central directory", zips[z]);
  uint32_t count = u16(m + e + 10);
  const uint8_t *c = m + u32(m + e + 16);
  char root[4096], path[8192], lastParent[8192] = "";
  snprintf(root, sizeof root, "%s/%d", out, z);
  struct dirs d = {0};
  if (!nowrite) mkdirs(&d, root);
  for (uint32_t i = 0; i < count; i++, c += 46 + u16(c + 28) + u16(c + 30) + u16(c + 32)) {
    uint32_t method = u16(c + 10), crc = u32(c + 16), csize = u32(c + 20), usize = u32(c + 24);
    uint32_t nameLen = u16(c + 28);
    char name[4096];
    memcpy(name, c + 46, nameLen);
    name[nameLen] = 0;
    if (nameLen == 0 || name[nameLen - 1] == '/') continue;
    const uint8_t *lh = m + u32(c + 42);
    const uint8_t *data = lh + 30 + u16(lh + 26) + u16(lh + 28);
    const char *rel = strchr(name, '/'); /* after module@version */
    snprintf(path, sizeof path, "%s%s", root, rel ? rel : "/");
    int o = -1;
    if (!nowrite) {
      char *slash = strrchr(path, '/');
      *slash = 0;
      if (strcmp(path, lastParent) != 0) {
        mkdirs(&d, path);
        strcpy(lastParent, path);
      }
      *slash = '/';
      o = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0444);
      if (o < 0) die("create", path);
    }
    EVP_DigestInit_ex(md, EVP_sha256(), NULL);
    uLong sum = crc32(0, NULL, 0);
    z_stream zs = {0};
    if (method == 8) inflateInit2(&zs, -15);
    zs.next_in = (Bytef *)data;
    zs.avail_in = csize;
    for (uint32_t done = 0;;) {
      size_t k;
      if (method == 0) {
        k = usize - done > BUF ? BUF : usize - done;
        memcpy(buf, data + done, k);
      } else {
        zs.next_out = buf;
        zs.avail_out = BUF;
        int r = inflate(&zs, Z_NO_FLUSH);
        if (r != Z_OK && r != Z_STREAM_END) die("inflate", name);
        k = BUF - zs.avail_out;
      }
      done += k;
      EVP_DigestUpdate(md, buf, k);
      sum = crc32(sum, buf, k);
      if (o >= 0 && k > 0 && write(o, buf, k) != (ssize_t)k) die("write", path);
      if (done >= usize || k == 0) break;
    }
    if (method == 8) inflateEnd(&zs);
    unsigned char digest[32];
    unsigned len;
    EVP_DigestFinal_ex(md, digest, &len);
    if (sum != crc) die("crc", name);
    if (o >= 0) close(o);
  }
  for (size_t i = 0; i < d.n; i++) free(d.v[i]);
  free(d.v);
  munmap((void *)m, st.st_size);
}

static void *work(void *arg) {
  uint8_t *buf = malloc(BUF);
  EVP_MD_CTX *md = EVP_MD_CTX_new();
  for (int z = (int)(long)arg; z < nzips; z += nthreads) extract(z, buf, md);
  EVP_MD_CTX_free(md);
  free(buf);
  return NULL;
}

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: unzip-floor OUT THREADS ZIP...\n");
    return 2;
  }
  out = argv[1];
  nthreads = atoi(argv[2]);
  zips = argv + 3;
  nzips = argc - 3;
  nowrite = getenv("NOWRITE") != NULL;
  if (!nowrite && mkdir(out, 0777) != 0) die("mkdir", out);
  pthread_t th[64];
  for (long t = 0; t < nthreads && t < 64; t++) pthread_create(&th[t], NULL, work, (void *)t);
  for (long t = 0; t < nthreads && t < 64; t++) pthread_join(th[t], NULL);
  return 0;
}

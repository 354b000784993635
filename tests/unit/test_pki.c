/* tt_pki_generate: the classroom PKI is generated into a temporary directory, read back with
 * Mbed TLS and verified the way the scenarios use it; generation is deterministic with a seed,
 * failures name the file, and the committed fixtures/pki equals a fresh generation. */
#define _DEFAULT_SOURCE /* setgroups */
#include <criterion/criterion.h>

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/oid.h>
#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>
#include <psa/crypto.h>

#include "tt_pki.h"
#include "tt_x509.h"
#include "tt_test_util.h"

#ifndef TT_SOURCE_DIR
#error "TT_SOURCE_DIR must name the repository root (CMake defines it for tests)"
#endif

#define CLASSROOM_SEED "tlstrace classroom pki v1"
#define DEMO_ORG "O=tlstrace demo PKI (not for production)"

/* Everything tt_pki_generate writes. */
static const char *const FILES[] = {
    "root-ca.crt",      "root-ca.key",      "server.crt",     "server.key",     "client.crt",
    "client.key",       "expired.crt",      "expired.key",    "other-ca.crt",   "other-ca.key",
    "other-server.crt", "other-server.key", "wrong-host.crt", "wrong-host.key", "README.txt",
};
#define N_FILES (sizeof FILES / sizeof *FILES)

/* ---- Helpers ------------------------------------------------------------------------------- */

static char *make_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    char tmpl[512];
    snprintf(tmpl, sizeof tmpl, "%s/tt_pki_XXXXXX", base && *base ? base : "/tmp");
    char *d = mkdtemp(tmpl);
    cr_assert_not_null(d, "mkdtemp: %s", strerror(errno));
    return strdup(d);
}

/* Removes a directory and the files (and empty directories) directly inside it. */
static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char p[1024];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        if (unlink(p) != 0)
            rmdir(p);
    }
    closedir(d);
    rmdir(dir);
}

static char *path_in(const char *dir, const char *name)
{
    char *p = malloc(strlen(dir) + strlen(name) + 2);
    cr_assert_not_null(p);
    sprintf(p, "%s/%s", dir, name);
    return p;
}

static void generate(const char *dir, const char *const *hosts, size_t nhosts, const char *seed)
{
    char err[512] = "unset";
    int rc = tt_pki_generate(dir, hosts, nhosts, seed, err, sizeof err);
    cr_assert_eq(rc, 0, "tt_pki_generate failed: %s", err);
}

/* Reads a whole file; returns NULL when it cannot. */
static unsigned char *slurp(const char *path, size_t *len)
{
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    unsigned char *b = (unsigned char *)tt_test_read_all(f, len);
    fclose(f);
    return b;
}

static void load_crt(mbedtls_x509_crt *crt, const char *dir, const char *name)
{
    char *p = path_in(dir, name);
    mbedtls_x509_crt_init(crt);
    int rc = mbedtls_x509_crt_parse_file(crt, p);
    cr_assert_eq(rc, 0, "mbedtls_x509_crt_parse_file(%s): -0x%04X", p, (unsigned)-rc);
    free(p);
}

/* Verifies dir/leaf against dir/root, checking the name cn (NULL: no name check). */
static uint32_t verify(const char *dir, const char *leaf, const char *root, const char *cn)
{
    mbedtls_x509_crt l, r;
    load_crt(&l, dir, leaf);
    load_crt(&r, dir, root);
    uint32_t flags = 0xFFFFFFFF;
    int rc = mbedtls_x509_crt_verify(&l, &r, NULL, cn, &flags, NULL, NULL);
    cr_assert_eq(rc == 0, flags == 0, "rc -0x%04X with flags 0x%08X", (unsigned)-rc, flags);
    mbedtls_x509_crt_free(&l);
    mbedtls_x509_crt_free(&r);
    return flags;
}

/* tt_x509_describe of one generated certificate. */
static cJSON *describe(const char *dir, const char *name)
{
    mbedtls_x509_crt c;
    load_crt(&c, dir, name);
    char err[256];
    cJSON *j = tt_x509_describe(c.raw.p, c.raw.len, err, sizeof err);
    cr_assert_not_null(j, "%s: %s", name, err);
    mbedtls_x509_crt_free(&c);
    return j;
}

static const char *jstr(const cJSON *j, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, key);
    cr_assert(cJSON_IsString(v), "\"%s\" missing", key);
    return v->valuestring;
}

static void expect_san(const cJSON *j, const char *const *want, int n)
{
    const cJSON *san = cJSON_GetObjectItemCaseSensitive(j, "san");
    cr_assert(cJSON_IsArray(san), "no san");
    cr_assert_eq(cJSON_GetArraySize(san), n, "san has %d entries, expected %d",
                 cJSON_GetArraySize(san), n);
    for (int i = 0; i < n; i++)
        cr_assert_str_eq(cJSON_GetArrayItem(san, i)->valuestring, want[i]);
}

static void init_psa(void)
{
    cr_assert_eq(psa_crypto_init(), PSA_SUCCESS);
}

/* One deterministic generation per test (each test runs in its own process). */
static char *dir;

static void setup_seeded(void)
{
    init_psa();
    dir = make_tmpdir();
    generate(dir, NULL, 0, CLASSROOM_SEED);
}

static void teardown_dir(void)
{
    if (dir)
        remove_tree(dir);
    free(dir);
    dir = NULL;
}

/* ---- What is written ----------------------------------------------------------------------- */

Test(pki, writes_every_file_and_keeps_keys_private, .init = setup_seeded, .fini = teardown_dir)
{
    for (size_t i = 0; i < N_FILES; i++) {
        char *p = path_in(dir, FILES[i]);
        struct stat st;
        cr_assert_eq(stat(p, &st), 0, "%s missing", p);
        cr_assert_gt(st.st_size, 0, "%s is empty", p);
        int key = strstr(FILES[i], ".key") != NULL;
        cr_assert_eq(st.st_mode & 0777, key ? 0600 : 0644, "%s has mode %o", p, st.st_mode & 0777);
        free(p);
    }
    /* nothing else: no temporary files left behind */
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t n = 0;
    while ((e = readdir(d)) != NULL)
        n += e->d_name[0] != '.';
    closedir(d);
    cr_assert_eq(n, N_FILES);
}

Test(pki, keys_are_ecdsa_p256_and_match_their_certificates, .init = setup_seeded,
     .fini = teardown_dir)
{
    mbedtls_entropy_context ent;
    mbedtls_ctr_drbg_context drbg;
    mbedtls_entropy_init(&ent);
    mbedtls_ctr_drbg_init(&drbg);
    cr_assert_eq(mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &ent, NULL, 0), 0);
    for (size_t i = 0; i < N_FILES; i++) {
        if (!strstr(FILES[i], ".key"))
            continue;
        char crtname[64];
        snprintf(crtname, sizeof crtname, "%.*s.crt", (int)(strlen(FILES[i]) - 4), FILES[i]);
        mbedtls_x509_crt crt;
        load_crt(&crt, dir, crtname);
        mbedtls_pk_context key;
        mbedtls_pk_init(&key);
        char *p = path_in(dir, FILES[i]);
        int rc = mbedtls_pk_parse_keyfile(&key, p, NULL, mbedtls_ctr_drbg_random, &drbg);
        cr_assert_eq(rc, 0, "%s: -0x%04X", p, (unsigned)-rc);
        cr_assert_eq(mbedtls_pk_get_type(&key), MBEDTLS_PK_ECKEY);
        cr_assert_eq(mbedtls_pk_get_bitlen(&key), 256);
        cr_assert_eq(mbedtls_pk_check_pair(&crt.pk, &key, mbedtls_ctr_drbg_random, &drbg), 0,
                     "%s does not match %s", FILES[i], crtname);
        mbedtls_pk_free(&key);
        mbedtls_x509_crt_free(&crt);
        free(p);
    }
    mbedtls_ctr_drbg_free(&drbg);
    mbedtls_entropy_free(&ent);
}

Test(pki, readme_marks_the_keys_as_demo_keys, .init = setup_seeded, .fini = teardown_dir)
{
    char *p = path_in(dir, "README.txt");
    size_t n;
    unsigned char *b = slurp(p, &n);
    cr_assert_not_null(b);
    b = realloc(b, n + 1);
    b[n] = '\0';
    cr_assert_not_null(strstr((char *)b, "DEMO KEYS - NEVER USE IN PRODUCTION"));
    cr_assert_not_null(strstr((char *)b, "DEMO KEY - DO NOT USE IN PRODUCTION"));
    cr_assert_not_null(strstr((char *)b, "--seed \"" CLASSROOM_SEED "\""));
    for (size_t i = 0; i + 1 < N_FILES; i++)
        cr_assert_not_null(strstr((char *)b, FILES[i]), "README.txt does not mention %s", FILES[i]);
    free(b);
    free(p);
}

/* ---- Verification, as the scenarios use it ------------------------------------------------- */

Test(pki, server_verifies_against_the_root_for_every_demo_name, .init = setup_seeded,
     .fini = teardown_dir)
{
    cr_assert_eq(verify(dir, "server.crt", "root-ca.crt", "tlstrace-demo.local"), 0);
    cr_assert_eq(verify(dir, "server.crt", "root-ca.crt", "localhost"), 0);
    cr_assert_eq(verify(dir, "server.crt", "root-ca.crt", "127.0.0.1"), 0);
}

Test(pki, client_verifies_against_the_root, .init = setup_seeded, .fini = teardown_dir)
{
    cr_assert_eq(verify(dir, "client.crt", "root-ca.crt", NULL), 0);
}

Test(pki, expired_server_is_expired_and_nothing_else, .init = setup_seeded, .fini = teardown_dir)
{
    cr_assert_eq(verify(dir, "expired.crt", "root-ca.crt", "tlstrace-demo.local"),
                 MBEDTLS_X509_BADCERT_EXPIRED);
}

Test(pki, other_server_is_not_trusted_by_the_root, .init = setup_seeded, .fini = teardown_dir)
{
    cr_assert_eq(verify(dir, "other-server.crt", "root-ca.crt", "tlstrace-demo.local"),
                 MBEDTLS_X509_BADCERT_NOT_TRUSTED);
    /* ... but is a sound certificate from its own CA */
    cr_assert_eq(verify(dir, "other-server.crt", "other-ca.crt", "tlstrace-demo.local"), 0);
}

Test(pki, wrong_host_fails_only_the_name_check, .init = setup_seeded, .fini = teardown_dir)
{
    cr_assert_eq(verify(dir, "wrong-host.crt", "root-ca.crt", "tlstrace-demo.local"),
                 MBEDTLS_X509_BADCERT_CN_MISMATCH);
    cr_assert_eq(verify(dir, "wrong-host.crt", "root-ca.crt", "not-the-server.example"), 0);
}

Test(pki, usages_match_the_roles, .init = setup_seeded, .fini = teardown_dir)
{
    mbedtls_x509_crt root, server, client;
    load_crt(&root, dir, "root-ca.crt");
    load_crt(&server, dir, "server.crt");
    load_crt(&client, dir, "client.crt");
    cr_assert_eq(mbedtls_x509_crt_check_key_usage(&root, MBEDTLS_X509_KU_KEY_CERT_SIGN), 0);
    cr_assert_eq(mbedtls_x509_crt_check_key_usage(&server, MBEDTLS_X509_KU_DIGITAL_SIGNATURE), 0);
    cr_assert_neq(mbedtls_x509_crt_check_key_usage(&server, MBEDTLS_X509_KU_KEY_CERT_SIGN), 0);
    cr_assert_eq(mbedtls_x509_crt_check_extended_key_usage(
                     &server, MBEDTLS_OID_SERVER_AUTH, MBEDTLS_OID_SIZE(MBEDTLS_OID_SERVER_AUTH)),
                 0);
    cr_assert_neq(mbedtls_x509_crt_check_extended_key_usage(
                      &server, MBEDTLS_OID_CLIENT_AUTH, MBEDTLS_OID_SIZE(MBEDTLS_OID_CLIENT_AUTH)),
                  0);
    cr_assert_eq(mbedtls_x509_crt_check_extended_key_usage(
                     &client, MBEDTLS_OID_CLIENT_AUTH, MBEDTLS_OID_SIZE(MBEDTLS_OID_CLIENT_AUTH)),
                 0);
    mbedtls_x509_crt_free(&root);
    mbedtls_x509_crt_free(&server);
    mbedtls_x509_crt_free(&client);
}

/* ---- What the certificates say (through our own describer) --------------------------------- */

Test(pki, certificates_carry_the_documented_names_and_dates, .init = setup_seeded,
     .fini = teardown_dir)
{
    static const char *const demo[] = {"DNS:tlstrace-demo.local", "DNS:localhost", "IP:127.0.0.1"};
    cJSON *j = describe(dir, "root-ca.crt");
    cr_assert_str_eq(jstr(j, "subject"), DEMO_ORG ", CN=tlstrace demo root CA");
    cr_assert(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(j, "is_ca")));
    cr_assert(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(j, "self_signed")));
    cr_assert_str_eq(jstr(j, "not_before"), "2025-01-01T00:00:00Z");
    cr_assert_str_eq(jstr(j, "not_after"), "2045-01-01T00:00:00Z");
    cr_assert_str_eq(jstr(j, "signature_algorithm"), "ecdsa-with-SHA256");
    cJSON_Delete(j);

    const char *const servers[] = {"server.crt", "expired.crt", "other-server.crt"};
    for (int i = 0; i < 3; i++) {
        j = describe(dir, servers[i]);
        cr_assert(strstr(jstr(j, "subject"), "CN=tlstrace-demo.local") != NULL);
        expect_san(j, demo, 3);
        const cJSON *k = cJSON_GetObjectItemCaseSensitive(j, "key");
        cr_assert_str_eq(jstr(k, "type"), "EC");
        cr_assert_str_eq(jstr(k, "curve"), "secp256r1");
        cr_assert(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(j, "is_ca")));
        cJSON_Delete(j);
    }
    j = describe(dir, "expired.crt");
    cr_assert_str_eq(jstr(j, "not_before"), "2020-01-01T00:00:00Z");
    cr_assert_str_eq(jstr(j, "not_after"), "2021-01-01T00:00:00Z");
    cJSON_Delete(j);

    j = describe(dir, "other-server.crt");
    cr_assert_str_eq(jstr(j, "issuer"),
                     "O=tlstrace other PKI (not for production), CN=tlstrace other root CA");
    cJSON_Delete(j);

    j = describe(dir, "wrong-host.crt");
    static const char *const wrong[] = {"DNS:not-the-server.example"};
    expect_san(j, wrong, 1);
    cJSON_Delete(j);

    j = describe(dir, "client.crt");
    cr_assert_str_eq(jstr(j, "subject"), DEMO_ORG ", CN=tlstrace demo client");
    cr_assert_null(cJSON_GetObjectItemCaseSensitive(j, "san"));
    cJSON_Delete(j);
}

Test(pki, extra_hosts_become_dns_and_ip_names)
{
    init_psa();
    char *d = make_tmpdir();
    const char *hosts[] = {"broker.lan", "10.1.2.3", "::1", "localhost", "BROKER.lan", "127.0.0.1"};
    generate(d, hosts, 6, CLASSROOM_SEED);
    static const char *const want[] = {"DNS:tlstrace-demo.local", "DNS:localhost", "IP:127.0.0.1",
                                       "DNS:broker.lan",          "IP:10.1.2.3",   "IP:::1"};
    const char *const servers[] = {"server.crt", "expired.crt", "other-server.crt"};
    for (int i = 0; i < 3; i++) {
        cJSON *j = describe(d, servers[i]);
        expect_san(j, want, 6);
        cJSON_Delete(j);
    }
    cr_assert_eq(verify(d, "server.crt", "root-ca.crt", "broker.lan"), 0);
    cr_assert_eq(verify(d, "server.crt", "root-ca.crt", "10.1.2.3"), 0);
    cr_assert_eq(verify(d, "server.crt", "root-ca.crt", "::1"), 0);
    cr_assert_eq(verify(d, "server.crt", "root-ca.crt", "10.1.2.4"),
                 MBEDTLS_X509_BADCERT_CN_MISMATCH);
    remove_tree(d);
    free(d);
}

/* ---- Determinism --------------------------------------------------------------------------- */

static int same_file(const char *a, const char *b)
{
    size_t na = 0, nb = 0;
    unsigned char *x = slurp(a, &na), *y = slurp(b, &nb);
    int same = x && y && na == nb && memcmp(x, y, na) == 0;
    free(x);
    free(y);
    return same;
}

Test(pki, same_seed_gives_byte_identical_files)
{
    init_psa();
    char *a = make_tmpdir(), *b = make_tmpdir(), *c = make_tmpdir();
    generate(a, NULL, 0, "seed one");
    generate(b, NULL, 0, "seed one");
    generate(c, NULL, 0, "seed two");
    for (size_t i = 0; i < N_FILES; i++) {
        char *pa = path_in(a, FILES[i]), *pb = path_in(b, FILES[i]), *pc = path_in(c, FILES[i]);
        cr_assert(same_file(pa, pb), "%s differs between two runs with the same seed", FILES[i]);
        if (strcmp(FILES[i], "README.txt") != 0)
            cr_assert(!same_file(pa, pc), "%s is the same for two seeds", FILES[i]);
        free(pa);
        free(pb);
        free(pc);
    }
    remove_tree(a);
    remove_tree(b);
    remove_tree(c);
    free(a);
    free(b);
    free(c);
}

Test(pki, extra_hosts_change_only_the_server_certificates)
{
    init_psa();
    char *a = make_tmpdir(), *b = make_tmpdir();
    const char *hosts[] = {"broker.lan"};
    generate(a, NULL, 0, CLASSROOM_SEED);
    generate(b, hosts, 1, CLASSROOM_SEED);
    for (size_t i = 0; i < N_FILES; i++) {
        char *pa = path_in(a, FILES[i]), *pb = path_in(b, FILES[i]);
        int changes = strcmp(FILES[i], "server.crt") == 0 || strcmp(FILES[i], "expired.crt") == 0 ||
                      strcmp(FILES[i], "other-server.crt") == 0 ||
                      strcmp(FILES[i], "README.txt") == 0;
        cr_assert_eq(!same_file(pa, pb), changes, "%s: expected %s", FILES[i],
                     changes ? "a change" : "no change");
        free(pa);
        free(pb);
    }
    remove_tree(a);
    remove_tree(b);
    free(a);
    free(b);
}

Test(pki, without_a_seed_every_run_has_new_keys)
{
    init_psa();
    char *a = make_tmpdir(), *b = make_tmpdir();
    generate(a, NULL, 0, NULL);
    generate(b, NULL, 0, NULL);
    char *pa = path_in(a, "root-ca.key"), *pb = path_in(b, "root-ca.key");
    cr_assert(!same_file(pa, pb));
    cr_assert_eq(verify(a, "server.crt", "root-ca.crt", "tlstrace-demo.local"), 0);
    cr_assert_eq(verify(b, "client.crt", "root-ca.crt", NULL), 0);
    free(pa);
    free(pb);
    remove_tree(a);
    remove_tree(b);
    free(a);
    free(b);
}

Test(pki, committed_fixtures_match_a_fresh_generation, .init = setup_seeded, .fini = teardown_dir)
{
    for (size_t i = 0; i < N_FILES; i++) {
        char *fresh = path_in(dir, FILES[i]);
        char *committed = path_in(TT_SOURCE_DIR "/fixtures/pki", FILES[i]);
        cr_assert(same_file(fresh, committed),
                  "fixtures/pki/%s differs from a fresh generation: do not edit it by hand, "
                  "regenerate with: tlstrace pki fixtures/pki --seed \"" CLASSROOM_SEED "\"",
                  FILES[i]);
        free(fresh);
        free(committed);
    }
}

/* ---- Failures ------------------------------------------------------------------------------ */

Test(pki, a_directory_that_cannot_be_created_is_named)
{
    init_psa();
    char *d = make_tmpdir();
    char *file = path_in(d, "plain-file");
    FILE *f = fopen(file, "w");
    cr_assert_not_null(f);
    fclose(f);
    char *target = path_in(file, "pki");
    char err[512], want[600];
    cr_assert_eq(tt_pki_generate(target, NULL, 0, "x", err, sizeof err), -1);
    snprintf(want, sizeof want, "pki: cannot create directory %s: Not a directory", target);
    cr_assert_str_eq(err, want);
    cr_assert_eq(tt_pki_generate(file, NULL, 0, "x", err, sizeof err), -1);
    snprintf(want, sizeof want, "pki: cannot create directory %s: Not a directory", file);
    cr_assert_str_eq(err, want);
    free(target);
    free(file);
    remove_tree(d);
    free(d);
}

Test(pki, a_file_that_cannot_be_written_is_named_and_no_temp_file_remains)
{
    init_psa();
    char *d = make_tmpdir();
    char *blocker = path_in(d, "server.crt");
    cr_assert_eq(mkdir(blocker, 0755), 0);
    char err[512], want[600];
    cr_assert_eq(tt_pki_generate(d, NULL, 0, "x", err, sizeof err), -1);
    snprintf(want, sizeof want, "pki: cannot write %s: Is a directory", blocker);
    cr_assert_str_eq(err, want);
    DIR *dh = opendir(d);
    struct dirent *e;
    while ((e = readdir(dh)) != NULL)
        cr_assert_null(strstr(e->d_name, ".tmp"), "temporary file %s left behind", e->d_name);
    closedir(dh);
    free(blocker);
    remove_tree(d);
    free(d);
}

/* tt_pki_generate(into) as a user who may not write into it, even when the test runs as root
 * (as CI does), who writes anywhere: then a child process drops to the unprivileged uid and gid
 * 65534 ("nobody" on Debian) first. Returns the error text (caller frees), NULL if it succeeded. */
static char *generate_as_unprivileged(const char *into)
{
    int fds[2];
    cr_assert_eq(pipe(fds), 0);
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        close(fds[0]);
        char err[512] = "";
        if (geteuid() == 0 && (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0))
            snprintf(err, sizeof err, "cannot drop root: %s", strerror(errno));
        else if (tt_pki_generate(into, NULL, 0, "x", err, sizeof err) == 0)
            err[0] = '\0';
        ssize_t n = write(fds[1], err, strlen(err));
        _exit(n == (ssize_t)strlen(err) ? 0 : 1);
    }
    close(fds[1]);
    FILE *f = fdopen(fds[0], "r");
    char *err = tt_test_read_all(f, NULL);
    fclose(f);
    int st;
    cr_assert_eq(waitpid(pid, &st, 0), pid);
    cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the child failed (status %d)", st);
    if (!*err) {
        free(err);
        return NULL;
    }
    return err;
}

Test(pki, a_read_only_directory_is_reported)
{
    init_psa();
    char *d = make_tmpdir();
    /* Readable and searchable by everyone (the unprivileged child must reach it), writable by
     * no one. */
    cr_assert_eq(chmod(d, 0555), 0);
    char *err = generate_as_unprivileged(d);
    char want[600];
    snprintf(want, sizeof want, "pki: cannot write %s/root-ca.key: Permission denied", d);
    cr_assert_not_null(err, "tt_pki_generate succeeded in a read-only directory");
    cr_assert_str_eq(err, want);
    free(err);
    DIR *dh = opendir(d);
    struct dirent *e;
    while ((e = readdir(dh)) != NULL)
        cr_assert(!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."), "%s was written", e->d_name);
    closedir(dh);
    chmod(d, 0700);
    remove_tree(d);
    free(d);
}

Test(pki, rejects_host_names_that_are_not_names)
{
    init_psa();
    char *d = make_tmpdir();
    char *target = path_in(d, "out");
    const char *bad[] = {"", "two words", "evil\n.example", "-flag", "a/b"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char err[256] = "";
        cr_assert_eq(tt_pki_generate(target, &bad[i], 1, "x", err, sizeof err), -1, "%s", bad[i]);
        cr_assert(strncmp(err, "pki: host \"", 11) == 0, "%s", err);
        cr_assert_null(strchr(err, '\n'));
    }
    struct stat st;
    cr_assert_neq(stat(target, &st), 0, "nothing is written when the input is wrong");
    free(target);
    remove_tree(d);
    free(d);
}

Test(pki, rejects_a_missing_directory_argument)
{
    char err[128];
    cr_assert_eq(tt_pki_generate(NULL, NULL, 0, NULL, err, sizeof err), -1);
    cr_assert_str_eq(err, "pki: no output directory given");
    cr_assert_eq(tt_pki_generate("", NULL, 0, NULL, NULL, 0), -1);
}

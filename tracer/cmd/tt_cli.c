#include "tt_cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

void tt_args_init(tt_args *a, const char *cmd, int argc, char **argv)
{
    memset(a, 0, sizeof(*a));
    a->cmd = cmd;
    a->argc = argc;
    a->argv = argv;
    a->i = 1;
}

const char *tt_args_next(tt_args *a, int *is_option)
{
    a->inline_value = NULL;
    a->opt = NULL;
    if (a->i >= a->argc)
        return NULL;
    const char *s = a->argv[a->i++];
    if (s[0] == '-' && s[1] != '\0') {
        *is_option = 1;
        const char *eq = strchr(s, '=');
        if (eq && s[1] == '-') {
            size_t n = (size_t)(eq - s);
            if (n >= sizeof(a->optbuf))
                n = sizeof(a->optbuf) - 1;
            memcpy(a->optbuf, s, n);
            a->optbuf[n] = '\0';
            a->opt = a->optbuf;
            a->inline_value = eq + 1;
        } else {
            a->opt = s;
        }
        return a->opt;
    }
    *is_option = 0;
    return s;
}

const char *tt_args_value(tt_args *a)
{
    if (a->inline_value)
        return a->inline_value;
    if (a->i < a->argc)
        return a->argv[a->i++];
    tt_usage_error(a->cmd, "option '%s' needs a value", a->opt ? a->opt : "?");
    a->failed = 1;
    return NULL;
}

int tt_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "tlstrace %s: ", cmd);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\nTry 'tlstrace %s --help'.\n", cmd);
    va_end(ap);
    return TT_EXIT_USAGE;
}

int tt_out_open(tt_out *o, const char *cmd, const char *path)
{
    memset(o, 0, sizeof(*o));
    size_t n = strlen(path);
    o->path = strdup(path);
    o->tmp = malloc(n + 16);
    if (!o->path || !o->tmp) {
        tt_out_abort(o);
        fprintf(stderr, "tlstrace %s: out of memory\n", cmd);
        return -1;
    }
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* A device or a pipe: as it is (a renamed file would take the place of /dev/null). */
        free(o->tmp);
        o->tmp = NULL;
        if (!(o->f = fopen(path, "w"))) {
            fprintf(stderr, "tlstrace %s: cannot write %s: %s\n", cmd, path, strerror(errno));
            tt_out_abort(o);
            return -1;
        }
        return 0;
    }
    snprintf(o->tmp, n + 16, "%s.tmp-XXXXXX", path);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        fprintf(stderr, "tlstrace %s: cannot write %s: %s\n", cmd, path, strerror(errno));
        free(o->tmp);
        o->tmp = NULL;
        tt_out_abort(o);
        return -1;
    }
    /* mkstemp creates 0600; a trace is an ordinary file (no secrets go into it). */
    mode_t um = umask(0);
    umask(um);
    fchmod(fd, 0666 & ~um);
    o->f = fdopen(fd, "w");
    if (!o->f) {
        fprintf(stderr, "tlstrace %s: cannot write %s: %s\n", cmd, path, strerror(errno));
        close(fd);
        tt_out_abort(o);
        return -1;
    }
    return 0;
}

int tt_out_commit(tt_out *o, const char *cmd)
{
    int bad = ferror(o->f) != 0;
    if (fclose(o->f) != 0)
        bad = 1;
    o->f = NULL;
    if (bad || (o->tmp && rename(o->tmp, o->path) != 0)) {
        fprintf(stderr, "tlstrace %s: cannot write %s: %s\n", cmd, o->path,
                bad ? "write error" : strerror(errno));
        tt_out_abort(o);
        return -1;
    }
    free(o->tmp);
    free(o->path);
    o->tmp = o->path = NULL;
    return 0;
}

void tt_out_abort(tt_out *o)
{
    if (o->f)
        fclose(o->f);
    if (o->tmp)
        unlink(o->tmp);
    free(o->tmp);
    free(o->path);
    memset(o, 0, sizeof(*o));
}

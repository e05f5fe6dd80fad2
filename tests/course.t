#!/bin/sh
# course.md agrees with the code and the results: every code excerpt equals its marked
# region in the source and carries the caption naming its file and function, every quoted
# number equals its key in figures/*/results.txt (tools/course-sync --check; fix with
# tools/course-sync --update).
#
# Points 2-5 run the tool on a small fixture, so that its checks are seen to fail when
# they should: an excerpt without a caption or with a wrong one, a stale number; and
# --update writes the captions a reader sees (functions defined, "part of" an enclosing
# function, the file alone for declarations).
cd "$(dirname "$0")/.." || exit 1
echo "1..5"
if out=$(perl tools/course-sync --check 2>&1); then
  echo "ok 1 - course.md excerpts, captions and numbers agree with sources and results: ${out#course-sync: }"
else
  echo "not ok 1 - course.md excerpts, captions and numbers agree with sources and results"
  printf '%s\n' "$out" | sed 's/^/# /'
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/course-t.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp/src" "$tmp/figures/00-x"
cat >"$tmp/src/a.c" <<'EOF'
/* course:begin decls */
typedef struct { int n; } thing;
static const int table[2] = { 1, 2 };
/* course:end decls */

/* course:begin two */
/* a comment first */
static int twice(int x) { return 2 * x; }

int add(int a,
        int b)
{
    return a + b;
}
/* course:end two */

void outer(int n)
{
    int s = 0;
    /* course:begin inside */
    for (int i = 0; i < n; i++) s += i;
    /* course:end inside */
    (void)s;
}
EOF
echo "answer = 42" >"$tmp/figures/00-x/results.txt"
# The course as an author writes it: markers with empty excerpts, no captions.
cat >"$tmp/course.md" <<'EOF'
<!-- code src/a.c decls -->
```c
```
<!-- /code -->
<!-- code src/a.c two -->
```c
```
<!-- /code -->
<!-- code src/a.c inside -->
```c
```
<!-- /code -->
The answer is <!-- num 00-x answer %d --><!-- /num -->.
EOF

n=1
point() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; shift 2; printf '%s\n' "$@" | sed 's/^/# /'; fi; }

out=$(perl tools/course-sync --check --root "$tmp" 2>&1)
rc=$?
missing=$(printf '%s\n' "$out" | grep -c 'no caption naming the file and function')
[ $rc != 0 ] && [ "$missing" = 3 ]
point $? "course-sync --check refuses excerpts without a caption: exit $rc, $missing of 3 reported" "$out"

perl tools/course-sync --update --root "$tmp" >/dev/null 2>&1
want1='*From [`src/a.c`](src/a.c)*'
want2='*From [`src/a.c`](src/a.c): `twice()`, `add()`*'
want3='*From [`src/a.c`](src/a.c): part of `outer()`*'
got=$(grep '^\*From' "$tmp/course.md")
[ "$got" = "$(printf '%s\n%s\n%s' "$want1" "$want2" "$want3")" ] && grep -q 'The answer is <!-- num 00-x answer %d -->42<!-- /num -->' "$tmp/course.md"
point $? "course-sync --update writes the captions (file alone, the functions defined, part of the enclosing function) and the number" "$got"

out=$(perl tools/course-sync --check --root "$tmp" 2>&1)
point $? "course-sync --check accepts the updated fixture: ${out#course-sync: }" "$out"

sed -i 's/`twice()`, `add()`/`add()`/; s/-->42</-->41</' "$tmp/course.md"
out=$(perl tools/course-sync --check --root "$tmp" 2>&1)
rc=$?
printf '%s\n' "$out" | grep -q "caption says .*want .*twice" && printf '%s\n' "$out" | grep -q "text says '41', results say '42'"
ok=$?
[ $rc != 0 ] && [ $ok = 0 ]
point $? "course-sync --check reports an edited caption and a stale number (exit $rc)" "$out"

#!/bin/sh
# Every claim label [CN.k] in course.md is named by the description of a TAP test
# (see tools/claims for what "named" means and why the sources are read).
cd "$(dirname "$0")/.." || exit 1
exec perl tools/claims --tap

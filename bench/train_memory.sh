#!/usr/bin/env bash
# Peak resident memory of `./run.sh train` on a folder of pictures, once decoding the pictures (empty cache) and
# once opening them from the cache that run wrote, as the kernel's high-water mark of the java process
# (/usr/bin/time's "maximum resident set size"). Extra arguments go to `train`.
#
#   bench/train_memory.sh /tmp/shapes64 --epochs 1
#   bench/train_memory.sh /tmp/shapes64 --epochs 1 --model conv
#
# JAVA_OPTS is passed on (default -Xmx6g, as run.sh); the cache lives in a temporary folder for the two runs.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 1 ] || [ ! -d "$1" ]; then
  echo "usage: bench/train_memory.sh PICTURE_FOLDER [train options...]" >&2
  exit 2
fi
dir=$1
shift
./run.sh --help >/dev/null # builds the jar first, so that the build is not measured
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for run in decoding cached; do
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  JAVA_OPTS="${JAVA_OPTS:--Xmx6g} -Dvaeexplorer.imageCache=$work/cache" \
    /usr/bin/time -f "%M %e" -o "$work/time" ./run.sh train --data "$dir" --out "$work/model-$run" "$@" --json \
    >"$work/out-$run" 2>"$work/err-$run" || { cat "$work/err-$run" >&2; exit 1; }
  read -r kb seconds <"$work/time"
  elbo=$(tail -n 1 "$work/out-$run" | sed -n 's/.*"test_neg_elbo":\([^,}]*\).*/\1/p')
  printf '%s: peak resident %.0f MB, %s s wall, test -ELBO %s (load average %s)\n' \
    "$run" "$(echo "$kb / 1024" | bc -l)" "$seconds" "$elbo" "$load"
done

#!/usr/bin/env bash
# Starts the VAE latent-space explorer. With arguments, runs its command line instead:
#   ./run.sh train|eval|render|bench ...   (./run.sh --help lists them)
# Builds the jar with Maven on first use and again whenever the sources change. Picks the CUDA build of
# PyTorch when nvidia-smi reports a GPU.
set -euo pipefail
cd "$(dirname "$0")"

profile=cpu
if command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L 2>/dev/null | grep -q '^GPU'; then
  profile=cuda
fi

jar=target/vae-explorer.jar
stamp=target/.build-profile
needs_build=no
if [ ! -f "$jar" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$profile" ]; then
  needs_build=yes
elif [ -n "$(find src pom.xml -newer "$jar" -print -quit)" ]; then
  needs_build=yes
fi
if [ "$needs_build" = yes ]; then
  echo "building the VAE explorer ($profile PyTorch; the first build downloads dependencies) ..." >&2
  args=(-B -q -Dmaven.test.skip=true)
  [ "$profile" = cuda ] && args+=(-Pcuda)
  # a switch between the CPU and the CUDA build must not leave the other native library in target/lib
  [ "$(cat "$stamp" 2>/dev/null)" != "$profile" ] && args+=(clean)
  ./mvnw "${args[@]}" package >&2
  echo "$profile" > "$stamp"
fi

export DJL_OFFLINE=true
# (the app sets glibc's malloc options itself at start-up: concurrent/MallocTuning)
# MaxGCPauseMillis=20: G1 aims for pauses a window can hide (its default let a young collection stall frames just
# after Start). The heap grows as it is used, so resident memory is what the app uses.
exec java -XX:MaxGCPauseMillis=20 ${JAVA_OPTS:--Xmx6g} -Dai.djl.offline=true -jar "$jar" "$@"

#!/usr/bin/env bash
# Starts the VAE latent-space explorer. With arguments, runs its command line instead:
#   ./run.sh train|eval|render|bench ...   (./run.sh --help lists them)
#   ./run.sh package                       a self-contained app in target/dist (docs/packaging.md)
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

# MaxGCPauseMillis=20: G1 aims for pauses a window can hide (its default let a young collection stall frames just
# after Start). The heap grows as it is used, so resident memory is what the app uses. (The app sets glibc's malloc
# options itself at start-up: concurrent/MallocTuning.)
java_options=(-XX:MaxGCPauseMillis=20 -Xmx6g -Dai.djl.offline=true)

# JavaFX's platform jars (the ones with an OS classifier) as named modules: loaded from the class path, JavaFX
# warns "Unsupported JavaFX configuration" at start-up. The jar's class path still lists them, for a plain java -jar.
javafx_jars() {
  local jar
  for jar in target/lib/javafx-*.jar; do
    case "$jar" in *-linux.jar|*-linux-aarch64.jar|*-mac.jar|*-mac-aarch64.jar|*-win.jar) echo "$jar" ;; esac
  done
}
javafx_modules=javafx.base,javafx.graphics,javafx.controls

if [ "${1:-}" = package ]; then
  # jpackage's app image: the jar and its libraries, the shipped data and models, and a Java runtime cut by jlink,
  # behind a native launcher that passes the same JVM options; then a .deb of it where the Debian tools are
  command -v jpackage >/dev/null 2>&1 || { echo "error: jpackage (part of the JDK, 17 or newer) is not on PATH" >&2; exit 1; }
  input=target/package-input
  rm -rf "$input" target/dist
  mkdir -p "$input"
  cp "$jar" "$input/"
  cp -r target/lib "$input/lib"
  # JavaFX goes into the runtime image as modules instead (see javafx_jars)
  rm -f "$input"/lib/javafx-*.jar
  mkdir -p target/package-javafx
  rm -f target/package-javafx/*.jar
  cp $(javafx_jars) target/package-javafx/
  # the JDK modules the app and its libraries use (jdeps), plus JavaFX's; jdk.crypto.ec, jdk.localedata and
  # jdk.zipfs are looked up at run time, where jdeps cannot see them
  jdk_modules=$(jdeps --ignore-missing-deps --print-module-deps --multi-release 17 \
    --class-path "$(ls target/lib/*.jar | grep -v '/javafx-' | paste -sd:)" "$jar")
  mkdir -p "$input/assets"
  cp -r assets/mnist assets/models assets/examples "$input/assets/"
  version=$(sed -n 's:^  <version>\([0-9][0-9.]*\).*</version>:\1:p' pom.xml | head -n 1)
  echo "packaging the VAE explorer $version into target/dist ..." >&2
  jpackage --type app-image --name vae-explorer --app-version "$version" --dest target/dist --input "$input" \
    --main-jar "$(basename "$jar")" --main-class io.vaeexplorer.Main --java-options "${java_options[*]}" \
    --module-path target/package-javafx --add-modules "$jdk_modules,jdk.crypto.ec,jdk.localedata,jdk.zipfs,$javafx_modules" \
    --description "VAE latent-space explorer" --vendor "VAE explorer"
  echo "app image: target/dist/vae-explorer (launcher: target/dist/vae-explorer/bin/vae-explorer)" >&2
  if command -v dpkg-deb >/dev/null 2>&1 && command -v fakeroot >/dev/null 2>&1; then
    # jpackage lists the libraries the runtime links against; JavaFX loads GTK 3 at run time, so it is named here
    jpackage --type deb --app-image target/dist/vae-explorer --name vae-explorer --app-version "$version" \
      --dest target/dist --description "VAE latent-space explorer" --vendor "VAE explorer" \
      --linux-shortcut --linux-menu-group Education --resource-dir src/package/linux \
      --linux-package-deps libgtk-3-0
    echo "Debian package: $(ls target/dist/*.deb)" >&2
  fi
  exit 0
fi

export DJL_OFFLINE=true
if [ -n "${JAVA_OPTS:-}" ]; then
  java_options=(-XX:MaxGCPauseMillis=20 $JAVA_OPTS -Dai.djl.offline=true)
fi
exec java "${java_options[@]}" --module-path "$(javafx_jars | paste -sd:)" --add-modules "$javafx_modules" \
  -jar "$jar" "$@"

# Sourced by bin/ scripts: finds a JDK 21 or newer and exports JAVA_HOME, or explains what to install.
# Order: $JAVA_HOME, the javac on PATH, then the usual install folders (Linux packages, SDKMAN, IntelliJ, macOS).

vigil_jdk_version() {
  # Prints the feature version (17, 21, 25, ...) of the JDK at $1, or nothing.
  [ -x "$1/bin/javac" ] && [ -x "$1/bin/java" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

vigil_find_jdk() {
  local candidates=() dir version javac_path
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if javac_path=$(command -v javac 2>/dev/null); then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$javac_path" 2>/dev/null || echo "$javac_path")")")")
  fi
  for dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
             /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$dir" ] && candidates+=("$dir")
  done
  for dir in "${candidates[@]}"; do
    version=$(vigil_jdk_version "$dir")
    if [ -n "$version" ] && [ "$version" -ge 21 ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

if ! JAVA_HOME=$(vigil_find_jdk); then
  cat >&2 <<'MSG'
Vigil needs a JDK 21 or newer, and none was found (JAVA_HOME, PATH and the usual install folders were searched).
Install one, for example:
  Debian/Ubuntu:  sudo apt install openjdk-21-jdk      (or Temurin from https://adoptium.net)
  macOS:          brew install --cask temurin@21
  Any system:     https://adoptium.net/temurin/releases/?version=21
then run this command again (or point JAVA_HOME at it).
MSG
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"

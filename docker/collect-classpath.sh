#!/bin/sh
# collect-classpath.sh <module>...  (run in the build stage, from the repository root /src)
#
# For each module: copies target/classes to /app/<module>/classes and every entry of
# target/classpath.txt (local Maven repository jars, reactor modules) under /app, once, keeping
# the class path order, and writes the resulting class path to /app/<module>/classpath.
set -eu
repo="${MAVEN_REPO:-/root/.m2/repository}"
src="$PWD"
app="${APP_DIR:-/app}"
for module in "$@"; do
  mkdir -p "$app/$module"
  cp -r "$module/target/classes" "$app/$module/classes"
  classpath="$app/$module/classes"
  for entry in $(tr ':' ' ' < "$module/target/classpath.txt"); do
    case "$entry" in
      "$repo"/*) dest="$app/repo/${entry#"$repo"/}" ;;
      "$src"/*) dest="$app/reactor/${entry#"$src"/}" ;;
      *) echo "collect-classpath: unexpected class path entry $entry" >&2; exit 1 ;;
    esac
    if [ ! -e "$dest" ]; then
      mkdir -p "$(dirname "$dest")"
      cp -r "$entry" "$dest"
    fi
    classpath="$classpath:$dest"
  done
  echo "$classpath" > "$app/$module/classpath"
done

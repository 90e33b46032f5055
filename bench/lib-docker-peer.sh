# shellcheck shell=bash
# Helpers for the benchmarks that need Debian's Docker as a peer and a busybox image. Source it:
#
#   . bench/lib-docker-peer.sh
#   bench_ensure_packages                        # docker.io, busybox-static, python3 (apt-get if missing)
#   bench_dockerd_start unix:///run/bench-docker.sock   # its own dockerd, unless one answers there
#   bench_busybox_tar DIR                        # -> DIR/busybox-rootfs.tar (echoes the path)
#   bench_dockerd_stop_all                       # stops the dockerds this shell started (call from a trap)
#
# The dockerd started here is Debian's docker.io with everything of its own: the socket given,
# --data-root /var/lib/<name>, --exec-root /run/<name>, --pidfile /run/<name>.pid, where <name> is
# the socket's file name without .sock (bench-docker for /run/bench-docker.sock). It runs with
# --iptables=false --ip6tables=false --bridge=none, so it leaves the host's iptables alone (a dockerd
# with iptables on sets the FORWARD policy to DROP; the policy is saved and put back anyway) and
# containers need --network none (or host). It starts its own containerd (under /run/<name>/containerd),
# so every process that belongs to it has "/run/<name>" on its command line: dockerd
# (--exec-root), containerd (--config) and each containerd-shim (-address). bench_dockerd_match
# prints a regular expression for exactly those.

BENCH_DOCKERD_PIDS=()
BENCH_FORWARD_POLICY=""

bench_log() { echo "[bench] $*" >&2; }

bench_ensure_packages() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  command -v docker >/dev/null 2>&1 || missing+=(docker.io)
  [ -x /bin/busybox ] || missing+=(busybox-static)
  command -v python3 >/dev/null 2>&1 || missing+=(python3)
  if [ ${#missing[@]} -gt 0 ]; then
    bench_log "installing ${missing[*]}"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
  fi
}

# unix:///run/bench-docker.sock -> bench-docker
bench_dockerd_name() {
  local sock="${1#unix://}"
  sock="$(basename "$sock")"
  echo "${sock%.sock}"
}

# A regex (Python/ERE) matching the command lines of the dockerd, containerd and shims of the
# dockerd that bench_dockerd_start started for this host.
bench_dockerd_match() {
  local name
  name="$(bench_dockerd_name "$1")"
  echo "/run/${name}(/|\\s|\$)"
}

bench_docker_ok() { # host
  timeout -k 5 10 docker -H "$1" version --format '{{.Server.Version}}' >/dev/null 2>&1
}

bench_dockerd_start() { # unix:///path/to.sock
  local host="$1" name sock log pid
  if bench_docker_ok "$host"; then
    bench_log "a Docker daemon already answers on $host; using it as it is"
    return 0
  fi
  case "$host" in
    unix://*) ;;
    *) bench_log "cannot start a dockerd for $host (only unix:// sockets)"; return 1 ;;
  esac
  sock="${host#unix://}"
  name="$(bench_dockerd_name "$host")"
  log="/tmp/${name}.log"
  if [ -z "$BENCH_FORWARD_POLICY" ]; then
    BENCH_FORWARD_POLICY="$(iptables -S FORWARD 2>/dev/null | awk '$1=="-P"{print $3; exit}')" || true
    BENCH_FORWARD_POLICY="${BENCH_FORWARD_POLICY:-ACCEPT}"
  fi
  rm -f "$sock"
  mkdir -p "/var/lib/$name"
  bench_log "starting dockerd on $host (data /var/lib/$name, exec root /run/$name, log $log)"
  dockerd --host="$host" --data-root="/var/lib/$name" --exec-root="/run/$name" --pidfile="/run/$name.pid" \
    --iptables=false --ip6tables=false --bridge=none >"$log" 2>&1 &
  pid=$!
  BENCH_DOCKERD_PIDS+=("$pid")
  for _ in $(seq 1 120); do
    bench_docker_ok "$host" && break
    kill -0 "$pid" 2>/dev/null || { bench_log "dockerd exited; see $log"; tail -5 "$log" >&2; return 1; }
    sleep 0.5
  done
  bench_docker_ok "$host" || { bench_log "dockerd did not answer on $host within 60 s; see $log"; return 1; }
  iptables -P FORWARD "$BENCH_FORWARD_POLICY" 2>/dev/null || true
}

bench_dockerd_stop_all() {
  local pid
  for pid in "${BENCH_DOCKERD_PIDS[@]}"; do
    kill -0 "$pid" 2>/dev/null || continue
    bench_log "stopping the dockerd this script started (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${BENCH_DOCKERD_PIDS[@]}"; do
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  done
  BENCH_DOCKERD_PIDS=()
  [ -n "$BENCH_FORWARD_POLICY" ] && iptables -P FORWARD "$BENCH_FORWARD_POLICY" 2>/dev/null || true
}

# The busybox root filesystem the gateway's ITs (ImageFixtures) and the README make: Debian's static
# /bin/busybox, a symlink per applet, /etc/passwd and /etc/group for root, empty etc tmp proc sys dev
# root. Made once into DIR/busybox-rootfs.tar, with fixed owners and times so that it is the same
# tar (and the same image) every time.
bench_busybox_tar() { # dir
  local dir="$1" tar="$1/busybox-rootfs.tar" root="$1/busybox-rootfs" applet
  if [ ! -s "$tar" ] || [ /bin/busybox -nt "$tar" ]; then
    rm -rf "$root" && mkdir -p "$root/bin"
    cp /bin/busybox "$root/bin/busybox"
    for applet in $(/bin/busybox --list); do
      [ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"
    done
    mkdir -p "$root/etc" "$root/tmp" "$root/proc" "$root/sys" "$root/dev" "$root/root"
    chmod 1777 "$root/tmp"
    echo 'root:x:0:0:root:/root:/bin/sh' >"$root/etc/passwd"
    echo 'root:x:0:' >"$root/etc/group"
    tar -C "$root" --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -cf "$tar.tmp" .
    mv "$tar.tmp" "$tar"
    rm -rf "$root"
  fi
  echo "$tar"
}

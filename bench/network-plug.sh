#!/usr/bin/env bash
# The kernel work networking adds to one container start on Berth, done exactly as the
# container-service does it (container.network.Links and Firewall), without the rest of a start:
# a veth pair into a fresh network namespace with its address, lo and default route (one
# `ip -batch` on the host, one `nsenter ... ip -batch` inside), and the DNAT rule of one published
# port (one `iptables-restore --noflush`, and one more to delete it on stop).
#
#   bench/network-plug.sh            # RUNS=50
#
# Uses its own bridge (bthbench0, 10.229.0.0/24) and chain (BERTH-bench-DNAT) and removes them.
# Prints the median and 90th percentile of each step in milliseconds. Needs root.
set -euo pipefail
RUNS="${RUNS:-50}"
BR=bthbench0
CHAIN=BERTH-bench-DNAT
PY="$(command -v /usr/bin/python3 || command -v python3)"

cleanup() {
  ip link del "$BR" 2>/dev/null || true
  iptables -t nat -F "$CHAIN" 2>/dev/null || true
  iptables -t nat -X "$CHAIN" 2>/dev/null || true
}
trap cleanup EXIT
ip link add "$BR" type bridge
ip addr add 10.229.0.1/24 dev "$BR"
ip link set "$BR" up
iptables -t nat -N "$CHAIN"

"$PY" - "$RUNS" "$BR" "$CHAIN" <<'PY'
import statistics, subprocess, sys, time
runs, br, chain = int(sys.argv[1]), sys.argv[2], sys.argv[3]

def timed(cmd, stdin):
    start = time.monotonic_ns()
    subprocess.run(cmd, input=stdin.encode(), check=True, stdout=subprocess.DEVNULL)
    return (time.monotonic_ns() - start) / 1e6

samples = {"ip (host side)": [], "nsenter ip (inside)": [], "DNAT add": [], "DNAT delete": []}
for i in range(runs):
    ns = subprocess.Popen(["unshare", "-n", "sleep", "30"])
    time.sleep(0.05)
    pid, veth = ns.pid, f"vbbench{i:07d}"
    samples["ip (host side)"].append(timed(["ip", "-batch", "-"],
        f"link add {veth} type veth peer name eth0 address 02:42:0a:e5:00:02 netns {pid}\n"
        f"link set {veth} master {br} up\n"))
    samples["nsenter ip (inside)"].append(timed(
        ["nsenter", f"--net=/proc/{pid}/ns/net", "ip", "-batch", "-"],
        "link set lo up\naddr add 10.229.0.2/24 dev eth0\nlink set eth0 up\n"
        "route add default via 10.229.0.1\n"))
    rule = (f"{chain} -d 127.0.0.1/32 ! -i {br} -p tcp -m tcp --dport 40000 "
            "-j DNAT --to-destination 10.229.0.2:80")
    samples["DNAT add"].append(timed(["iptables-restore", "--noflush", "--wait"],
        f"*nat\n-A {rule}\nCOMMIT\n"))
    samples["DNAT delete"].append(timed(["iptables-restore", "--noflush", "--wait"],
        f"*nat\n-D {rule}\nCOMMIT\n"))
    ns.kill(); ns.wait()
print(f"{'step':<22} {'median ms':>10} {'p90 ms':>8}")
for name, s in samples.items():
    s.sort()
    print(f"{name:<22} {statistics.median(s):>10.2f} {s[int(0.9 * (len(s) - 1))]:>8.2f}")
PY

#!/usr/bin/env python3
"""Event delivery under load: subscribers, create/start/die/destroy cycles, and the audit of what
each subscriber saw. Used by bench/events-load.sh; Python 3 standard library only.

    events_load.py subscribe --host H --api docker|sse [--slow-ms 50] --out FILE
        One subscriber. Opens GET /events?filters={"type":["container"]} (Docker's format) or
        GET /berth/v1/events?type=container (Berth's SSE), writes "READY" to FILE's .ready file once
        the response headers are in, then one JSON line per event to FILE:
        {"recv": <wall clock ns when the event's last line was read>, "t": <event time ns>,
         "id": <container id>, "action": <create|start|die|destroy|...>}. With --slow-ms it sleeps
        that long after each event (a deliberately slow reader); with --stall-s it
        also stops reading for that long once, after the first event. Ends when the server closes the
        stream (then writes {"eof": <ns>}) or on SIGTERM.
    events_load.py cycles --host H --image I --n 500 --workers 4 --out FILE
        N cycles create -> start -> wait -> delete through the Engine API; writes the container ids
        (one a line) to FILE and prints "<seconds> <failures>" on stdout.
    events_load.py analyze --label L --ids FILE --sub NAME=FILE[:slow] ...
        Per subscriber: lost / duplicated / out-of-order events of the containers in --ids; delivery
        latency (recv - t) p50/p99/max of the subscribers that are not slow, and of the slow ones.
        Prints a JSON summary on stdout, and details of every anomaly on stderr.

H is tcp://host:port or unix:///path.sock.
"""
import argparse
import http.client
import json
import os
import signal
import socket
import sys
import threading
import time
import urllib.parse

EXPECTED = ["create", "start", "die", "destroy"]
# Berth's SSE event types (CloudEvents type) -> Docker's action names
SSE_ACTIONS = {
    "io.berth.container.Created": "create",
    "io.berth.container.Started": "start",
    "io.berth.container.Died": "die",
    "io.berth.container.Removed": "destroy",
}


class UnixHTTPConnection(http.client.HTTPConnection):
    """HTTP over a unix socket (Docker's default transport)."""

    def __init__(self, path, timeout=None):
        super().__init__("localhost", timeout=timeout)
        self.unix_path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        if self.timeout is not None:
            self.sock.settimeout(self.timeout)
        self.sock.connect(self.unix_path)


def connection(host, timeout=None):
    if host.startswith("unix://"):
        return UnixHTTPConnection(host[len("unix://"):], timeout=timeout)
    u = urllib.parse.urlparse(host.replace("tcp://", "http://", 1))
    return http.client.HTTPConnection(u.hostname, u.port or 2375, timeout=timeout)


def rfc3339_ns(s):
    """2026-11-29T10:00:00.123456789Z (or +00:00) -> ns since the epoch, keeping all digits."""
    import calendar

    s = s.strip()
    tz = 0
    if s.endswith("Z"):
        s = s[:-1]
    elif len(s) > 6 and s[-6] in "+-" and s[-3] == ":":
        sign = 1 if s[-6] == "+" else -1
        tz = sign * (int(s[-5:-3]) * 3600 + int(s[-2:]) * 60)
        s = s[:-6]
    frac = 0
    if "." in s:
        s, f = s.split(".", 1)
        frac = int((f + "000000000")[:9])
    secs = calendar.timegm(time.strptime(s, "%Y-%m-%dT%H:%M:%S")) - tz
    return secs * 1_000_000_000 + frac


def subscribe(args):
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: (stop.set(), os._exit(0)))
    conn = connection(args.host, timeout=None)
    if args.api == "docker":
        q = urllib.parse.urlencode({"filters": json.dumps({"type": ["container"]})})
        conn.request("GET", "/events?" + q)
    else:
        conn.request("GET", "/berth/v1/events?type=container", headers={"Accept": "text/event-stream"})
    resp = conn.getresponse()
    if resp.status != 200:
        print(f"subscribe {args.api} {args.host}: HTTP {resp.status}: {resp.read()[:300]!r}", file=sys.stderr)
        return 1
    out = open(args.out, "w", buffering=1)
    with open(args.out + ".ready", "w") as r:
        r.write("READY\n")
    slow = args.slow_ms / 1000.0
    stall = args.stall_s
    sse_type, sse_data = None, []
    while True:
        line = resp.readline()
        if not line:
            break
        recv = time.time_ns()
        rec = None
        if args.api == "docker":
            line = line.strip()
            if not line:
                continue
            m = json.loads(line)
            rec = {"recv": recv, "t": int(m.get("timeNano") or int(m.get("time", 0)) * 1_000_000_000),
                   "id": (m.get("Actor") or {}).get("ID") or m.get("id"), "action": m.get("Action") or m.get("status")}
        else:
            line = line.decode("utf-8").rstrip("\r\n")
            if line.startswith("event:"):
                sse_type = line[6:].strip()
            elif line.startswith("data:"):
                sse_data.append(line[5:].lstrip(" "))
            elif line == "":
                if sse_data:
                    ce = json.loads("\n".join(sse_data))
                    typ = sse_type or ce.get("type")
                    data = ce.get("data") or {}
                    cid = data.get("containerId") if isinstance(data, dict) else None
                    rec = {"recv": recv, "t": rfc3339_ns(ce["time"]), "id": cid or ce.get("subject"),
                           "action": SSE_ACTIONS.get(typ, typ)}
                sse_type, sse_data = None, []
        if rec is not None:
            out.write(json.dumps(rec) + "\n")
            if stall:
                time.sleep(stall)
                stall = 0
            if slow:
                time.sleep(slow)
    out.write(json.dumps({"eof": time.time_ns()}) + "\n")
    out.close()
    return 0


def api(host, method, path, body=None, timeout=120):
    conn = connection(host, timeout=timeout)
    try:
        headers = {}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        conn.request(method, path, body=data, headers=headers)
        resp = conn.getresponse()
        payload = resp.read()
        return resp.status, payload
    finally:
        conn.close()


def cycles(args):
    ids, failures = [], []
    lock = threading.Lock()
    counter = iter(range(args.n))

    def worker():
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            try:
                st, b = api(args.host, "POST", "/containers/create",
                            {"Image": args.image, "Cmd": ["true"], "HostConfig": {"NetworkMode": "none"}})
                if st != 201:
                    raise RuntimeError(f"create: HTTP {st} {b[:200]!r}")
                cid = json.loads(b)["Id"]
                with lock:
                    ids.append(cid)
                st, b = api(args.host, "POST", f"/containers/{cid}/start")
                if st not in (204, 304):
                    raise RuntimeError(f"start {cid[:12]}: HTTP {st} {b[:200]!r}")
                st, b = api(args.host, "POST", f"/containers/{cid}/wait?condition=not-running")
                if st != 200:
                    raise RuntimeError(f"wait {cid[:12]}: HTTP {st} {b[:200]!r}")
                st, b = api(args.host, "DELETE", f"/containers/{cid}")
                if st != 204:
                    raise RuntimeError(f"delete {cid[:12]}: HTTP {st} {b[:200]!r}")
            except Exception as e:  # noqa: BLE001 - reported and counted
                with lock:
                    failures.append(str(e))
                print(f"cycle {i}: {e}", file=sys.stderr)

    start = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(args.workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    secs = time.monotonic() - start
    with open(args.out, "w") as f:
        f.write("\n".join(ids) + ("\n" if ids else ""))
    print(f"{secs:.3f} {len(failures)}")
    return 0


def pct(sorted_vals, p):
    if not sorted_vals:
        return float("nan")
    import math

    k = min(len(sorted_vals), max(1, math.ceil(p * len(sorted_vals))))  # nearest rank
    return sorted_vals[k - 1]


def analyze(args):
    with open(args.ids) as f:
        ids = [l.strip() for l in f if l.strip()]
    idset = set(ids)
    subs = []
    lat_fast, lat_slow = [], []
    for spec in args.sub:
        name, rest = spec.split("=", 1)
        slow = rest.endswith(":slow")
        path = rest[:-5] if slow else rest
        seen = {}
        eof = None
        foreign = 0
        other_actions = 0
        lats = []
        try:
            with open(path) as f:
                for line in f:
                    line = line.strip()
                    if not line:
                        continue
                    try:
                        r = json.loads(line)
                    except json.JSONDecodeError:
                        continue
                    if "eof" in r:
                        eof = r["eof"]
                        continue
                    if r["id"] not in idset:
                        foreign += 1
                        continue
                    if r["action"] not in EXPECTED:
                        other_actions += 1
                        print(f"[{args.label}] {name}: {r['id'][:12]} unexpected action {r['action']}", file=sys.stderr)
                    seen.setdefault(r["id"], []).append(r["action"])
                    lats.append((r["recv"] - r["t"]) / 1e6)
        except FileNotFoundError:
            pass
        lost = dup = ooo = 0
        lost_containers = 0
        samples = []
        for cid in ids:
            acts = [a for a in seen.get(cid, []) if a in EXPECTED]
            l_c = sum(1 for a in EXPECTED if a not in acts)
            d_c = len(acts) - (len(EXPECTED) - l_c)
            firsts = []
            for a in acts:
                if a not in firsts:
                    firsts.append(a)
            ordered = [a for a in EXPECTED if a in firsts]
            o_c = 1 if firsts != ordered else 0
            lost += l_c
            dup += d_c
            ooo += o_c
            if l_c:
                lost_containers += 1
            if (l_c or d_c or o_c) and len(samples) < 5:
                samples.append(f"{cid[:12]} saw {seen.get(cid, [])}")
        for s in samples:
            print(f"[{args.label}] {name}: {s}", file=sys.stderr)
        (lat_slow if slow else lat_fast).extend(lats)
        subs.append({"name": name, "slow": slow, "events": sum(len(v) for v in seen.values()),
                     "expected": len(EXPECTED) * len(ids), "lost": lost, "lost_containers": lost_containers,
                     "duplicated": dup, "out_of_order": ooo, "other_actions": other_actions,
                     "foreign": foreign, "stream_closed": eof is not None})
    lat_fast.sort()
    lat_slow.sort()

    def lat(v):
        return {"n": len(v), "p50": pct(v, 0.50), "p99": pct(v, 0.99), "max": v[-1] if v else float("nan")}

    out = {"label": args.label, "containers": len(ids), "subscribers": subs,
           "lost": sum(s["lost"] for s in subs), "duplicated": sum(s["duplicated"] for s in subs),
           "out_of_order": sum(s["out_of_order"] for s in subs),
           "latency_ms": lat(lat_fast), "latency_slow_ms": lat(lat_slow)}
    print(json.dumps(out))
    return 0


def main():
    p = argparse.ArgumentParser()
    sp = p.add_subparsers(dest="cmd", required=True)
    s = sp.add_parser("subscribe")
    s.add_argument("--host", required=True)
    s.add_argument("--api", choices=["docker", "sse"], required=True)
    s.add_argument("--slow-ms", type=float, default=0)
    s.add_argument("--stall-s", type=float, default=0,
                   help="sleep this long once, after the first event (a reader that stops for a while)")
    s.add_argument("--out", required=True)
    c = sp.add_parser("cycles")
    c.add_argument("--host", required=True)
    c.add_argument("--image", required=True)
    c.add_argument("--n", type=int, default=500)
    c.add_argument("--workers", type=int, default=4)
    c.add_argument("--out", required=True)
    a = sp.add_parser("analyze")
    a.add_argument("--label", required=True)
    a.add_argument("--ids", required=True)
    a.add_argument("--sub", action="append", default=[])
    args = p.parse_args()
    return {"subscribe": subscribe, "cycles": cycles, "analyze": analyze}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Sum the proportional set size (Pss in /proc/<pid>/smaps_rollup) of a platform's own processes.

    PSS_MATCH='regex' pss.py [--exclude-trees PID,PID,...] [--detail FILE]

A platform process is one whose command line (arguments joined by spaces) matches the extended
regular expression in the environment variable PSS_MATCH (given through the environment so that no
process, this one included, carries the pattern on its own command line), plus every descendant of
such a process. Excluded are the process trees rooted at the pids given with --exclude-trees (the
containers' own init processes: what runs inside a container is the container's, not the
platform's), this process and its ancestors (the benchmark itself).

Prints "<total Pss kB> <process count> <total Rss kB>" on stdout; with --detail, appends one line per
process (pid, Pss and Rss in kB, command line cut to 150 characters) to FILE. A counted process that
lives in another pid namespace than this one is marked and warned about on stderr: it is most likely
a container's process whose init pid was not given with --exclude-trees. Needs root to read other users' smaps.
"""
import argparse
import os
import re
import sys


def read_procs():
    procs = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        pid = int(name)
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmdline = f.read().replace(b"\0", b" ").decode(errors="replace").strip()
            with open(f"/proc/{pid}/stat", "rb") as f:
                stat = f.read().decode(errors="replace")
            # the comm field may hold spaces and parentheses: the ppid is the 2nd field after the last ')'
            ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        except (FileNotFoundError, ProcessLookupError, ValueError, PermissionError):
            continue
        if not cmdline:  # kernel threads, zombies
            continue
        procs[pid] = (ppid, cmdline)
    return procs


def pss_rss_kb(pid):
    pss = rss = None
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1])
                elif line.startswith("Rss:"):
                    rss = int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return pss, rss


def pid_ns(pid):
    try:
        return os.readlink(f"/proc/{pid}/ns/pid")
    except OSError:
        return None


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--exclude-trees", default="")
    ap.add_argument("--detail")
    args = ap.parse_args()
    pattern = os.environ.get("PSS_MATCH")
    if not pattern:
        print("pss.py: PSS_MATCH is not set", file=sys.stderr)
        return 2
    regex = re.compile(pattern)
    procs = read_procs()
    children = {}
    for pid, (ppid, _) in procs.items():
        children.setdefault(ppid, []).append(pid)

    def tree(root):
        out, stack = set(), [root]
        while stack:
            p = stack.pop()
            if p in out:
                continue
            out.add(p)
            stack.extend(children.get(p, []))
        return out

    excluded = set()
    for tok in args.exclude_trees.replace(",", " ").split():
        if tok.isdigit() and int(tok) > 0:
            excluded |= tree(int(tok))
    p = os.getpid()
    while p > 1:  # this process and the benchmark that runs it
        excluded.add(p)
        p = procs.get(p, (0, ""))[0]

    selected = set()
    for pid, (_, cmdline) in procs.items():
        if regex.search(cmdline):
            selected |= tree(pid)
    selected -= excluded

    own_ns = pid_ns(os.getpid())
    total, total_rss, count, other_ns, lines = 0, 0, 0, 0, []
    for pid in sorted(selected):
        kb, rss = pss_rss_kb(pid)
        if kb is None:  # ended meanwhile
            continue
        total += kb
        total_rss += rss or 0
        count += 1
        mark = ""
        if pid_ns(pid) != own_ns:
            # in another pid namespace: most likely a container's process whose init pid was not given
            other_ns += 1
            mark = "  [other pid namespace]"
        lines.append(f"{pid:>8} {kb:>9} kB Pss {rss or 0:>9} kB Rss  {procs[pid][1][:150]}{mark}")
    if args.detail:
        with open(args.detail, "a") as f:
            f.write("\n".join(lines) + "\n" + f"{'total':>8} {total:>9} kB Pss {total_rss:>9} kB Rss  ({count} processes)\n")
    if other_ns:
        print(f"pss.py: warning: {other_ns} counted process(es) live in another pid namespace (containers' "
              "processes not excluded?); see the detail file", file=sys.stderr)
    print(total, count, total_rss)
    return 0


if __name__ == "__main__":
    sys.exit(main())

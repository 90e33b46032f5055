#!/usr/bin/env python3
"""Run one command and print how long it took, in milliseconds, on the monotonic clock.

    timer.py TIMEOUT_S COMMAND [ARG...]

Prints "<ms> <exit code>" on stdout (ms with 3 decimals). The command's stdout is discarded and its
stderr goes to this script's stderr. Python's own start-up is outside the timed interval: the clock
starts just before fork/exec and stops when the command has been reaped. A command still running
after TIMEOUT_S seconds is killed (its whole process group) and reported with exit code 124, as
coreutils' timeout(1) does.
"""
import os
import signal
import subprocess
import sys
import time


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    timeout = float(sys.argv[1])
    cmd = sys.argv[2:]
    start = time.monotonic_ns()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, start_new_session=True)
    try:
        rc = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
        rc = 124
    end = time.monotonic_ns()
    print(f"{(end - start) / 1e6:.3f} {rc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

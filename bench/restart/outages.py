"""Reads the pod polls of bench/rolling-restart.sh ("<ns> <pod> <uid> <serving>" lines).

    outages.py done POLLS BEFORE     exit 0 once every pod of BEFORE ("pod=uid ...") serves in a new incarnation
    outages.py median POLLS BEFORE   the median time out of service of a pod, in seconds: from the
                                     last poll its old incarnation served in to the first its new one did
"""
import statistics
import sys
from collections import defaultdict

command, path, before = sys.argv[1], sys.argv[2], dict(p.split("=") for p in sys.argv[3].split())
polls = defaultdict(dict)  # time -> pod -> (uid, serving)
for line in open(path):
    t, pod, uid, serving = line.split()
    polls[int(t)][pod] = (uid, serving == "1")
times = sorted(polls)


def serves_again(t, pod):
    uid, serving = polls[t].get(pod, (None, False))
    return uid not in (None, before[pod]) and serving


if command == "done":
    sys.exit(0 if times and all(serves_again(times[-1], pod) for pod in before) else 1)

outages = []
for pod, old in before.items():
    last_old = max((t for t in times if polls[t].get(pod) == (old, True)), default=times[0])
    back = next((t for t in times if t > last_old and serves_again(t, pod)), None)
    if back is not None:
        outages.append((back - last_old) / 1e9)
print(f"{statistics.median(outages):.1f}" if outages else "-")

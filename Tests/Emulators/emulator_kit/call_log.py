"""The call log: entries numbered by `seq`, kept up to a limit, queried by sequence number and
a predicate, with counts per `count_key` (an entry field, or a function of the entry). Callers
store no secrets in entries."""

import collections
import threading
import time

CALL_LOG_LIMIT = 100_000


class CallLog:
    def __init__(self, count_key):
        self.count_key = count_key if callable(count_key) else (lambda entry: entry[count_key])
        self.lock = threading.Lock()
        self.entries = collections.deque(maxlen=CALL_LOG_LIMIT)
        self.next_seq = 1

    def append(self, entry, started=None):
        """Numbers the entry; with `started` (a time.monotonic() value) adds `duration_ms`."""
        if started is not None:
            entry["duration_ms"] = round((time.monotonic() - started) * 1000, 3)
        with self.lock:
            entry["seq"] = self.next_seq
            self.next_seq += 1
            self.entries.append(entry)

    def clear(self):
        with self.lock:
            self.entries.clear()

    def query(self, since=0, keep=None):
        with self.lock:
            calls = [dict(e) for e in self.entries
                     if e["seq"] > since and (keep is None or keep(e))]
            next_seq = self.next_seq
        counts = collections.Counter(self.count_key(e) for e in calls)
        return {"calls": calls, "counts": dict(counts), "next_seq": next_seq}

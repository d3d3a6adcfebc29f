"""Mirrors the account's TXT records into pebble-challtestsrv so real DNS clients see them.

challtestsrv can only append a value (`/set-txt`) or drop every value of a name (`/clear-txt`),
and matches names case-sensitively with a trailing dot. So the mirror remembers what it pushed
per name: when only values were added it appends them (no gap in DNS answers); otherwise it
clears the name and re-adds what remains.

With `dns_follows_propagation`, a zone's names are pushed when the last emulated CloudNS server
reports "updated", so a client that does not wait for update-status sees stale DNS, as it would
against the real service.
"""

import collections
import json
import sys
import threading
import urllib.request


class DnsMirror:
    def __init__(self, store, management_url):
        self.store = store
        self.url = management_url.rstrip("/")
        self.pushed = {}  # name -> list of values challtestsrv serves
        self.pending = {}  # zone name -> (due monotonic time, set of names)
        self.errors = []
        self.wakeup = threading.Condition(store.lock)
        self.stopping = False
        self.worker = threading.Thread(target=self.run_due_pushes, name="dns-mirror", daemon=True)
        self.worker.start()
        store.on_change = self.zone_changed

    def zone_changed(self, zone_names, names):
        """Called by the store (lock held) after a change touching TXT `names`."""
        delays = [0.0]
        if self.store.settings.dns_follows_propagation:
            delays += [self.store.seconds_until_updated(self.store.zones[z])
                       for z in zone_names if z in self.store.zones]
        wait = max(delays)
        if wait <= 0:
            waiting = set().union(*(pending for _, pending in self.pending.values()))
            for name in names:
                if name not in waiting:  # a later due push will carry it
                    self.sync(name)
            return
        due = self.store.clock() + wait
        for zone_name in zone_names:
            _, earlier = self.pending.get(zone_name, (due, set()))
            self.pending[zone_name] = (due, earlier | set(names))
        self.wakeup.notify_all()

    def run_due_pushes(self):
        with self.wakeup:
            while not self.stopping:
                now = self.store.clock()
                due_zones = [z for z, (due, _) in self.pending.items() if due <= now]
                for zone_name in due_zones:
                    for name in sorted(self.pending.pop(zone_name)[1]):
                        self.sync(name)
                waits = [due - now for due, _ in self.pending.values()]
                self.wakeup.wait(timeout=min(waits) if waits else None)

    def stop(self):
        with self.wakeup:
            self.stopping = True
            self.wakeup.notify_all()

    def sync(self, name):
        desired = self.store.txt_values(name)
        served = self.pushed.get(name, [])
        missing = collections.Counter(desired) - collections.Counter(served)
        if not collections.Counter(served) - collections.Counter(desired):
            for value in missing.elements():
                self.post("/set-txt", {"host": name, "value": value})
        else:
            self.post("/clear-txt", {"host": name})
            for value in desired:
                self.post("/set-txt", {"host": name, "value": value})
        if desired:
            self.pushed[name] = list(desired)
        else:
            self.pushed.pop(name, None)

    def resync_all(self):
        """Pushes every name again from scratch (e.g. after challtestsrv restarted)."""
        with self.store.lock:
            self.pending.clear()
            for name in sorted(set(self.pushed) | set(self.store.all_txt_names())):
                self.post("/clear-txt", {"host": name})
                self.pushed.pop(name, None)
                self.sync(name)

    def forget_everything(self):
        """Clears every name this mirror pushed (control-API reset)."""
        with self.store.lock:
            self.pending.clear()
            for name in sorted(self.pushed):
                self.post("/clear-txt", {"host": name})
            self.pushed = {}
            self.errors = []

    def post(self, path, body):
        request = urllib.request.Request(self.url + path, data=json.dumps(body).encode(),
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                response.read()
        except OSError as error:
            message = f"challtestsrv {path} {body['host']}: {error}"
            self.errors.append(message)
            print(f"cloudns-emulator: warning: {message}", file=sys.stderr, flush=True)

    def to_json(self):
        with self.store.lock:
            return {"url": self.url, "served": {n: list(v) for n, v in sorted(self.pushed.items())},
                    "pending": {z: sorted(names) for z, (_, names) in self.pending.items()},
                    "errors": list(self.errors[-20:])}

"""Injected faults, consumed in insertion order. Each emulator brings its own Fault class (its
kinds and fields) with `matches(target)`, `count`, `skip` and `to_json()`."""

import threading


class FaultQueue:
    def __init__(self, make_fault):
        self.make_fault = make_fault  # (spec, id) -> Fault; raises ValueError on a bad spec
        self.lock = threading.Lock()
        self.faults = []
        self.next_id = 1

    def add(self, spec):
        with self.lock:
            fault = self.make_fault(spec, self.next_id)
            self.next_id += 1
            self.faults.append(fault)
            return fault

    def take(self, target):
        """The fault that applies to this call, consuming one of its uses (after its skips)."""
        with self.lock:
            for fault in self.faults:
                if not fault.matches(target):
                    continue
                if fault.skip:
                    fault.skip -= 1
                    continue
                fault.count -= 1
                if fault.count == 0:
                    self.faults.remove(fault)
                return fault
            return None

    def clear(self):
        with self.lock:
            self.faults = []

    def to_json(self):
        with self.lock:
            return [f.to_json() for f in self.faults]

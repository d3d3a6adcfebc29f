"""Injected faults, consumed in insertion order. Each emulator brings its own Fault class (its
kinds and fields, on top of QueuedFault) with `matches(*target)` and `to_json()`."""

import threading


class QueuedFault:
    """What every emulator's fault has: a kind out of the class's KINDS, an id, and how many
    matching calls it skips and then hits."""

    KINDS = ()

    def __init__(self, spec, fault_id):
        kind = spec.get("kind")
        if kind not in self.KINDS:
            raise ValueError(f"kind: expected one of {', '.join(self.KINDS)}")
        self.id = fault_id
        self.kind = kind
        self.count = int(spec.get("count", 1))
        self.skip = int(spec.get("skip", 0))
        if self.count < 1 or self.skip < 0:
            raise ValueError("count must be >= 1 and skip >= 0")


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

    def take(self, *target):
        """The fault that applies to this call (`fault.matches(*target)`), consuming one of its
        uses (after its skips)."""
        return self.take_first(lambda fault: fault.matches(*target))

    def take_first(self, accepts):
        """The first fault `accepts` takes, consuming one of its uses (after its skips)."""
        with self.lock:
            for fault in self.faults:
                if not accepts(fault):
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

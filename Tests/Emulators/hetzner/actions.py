"""Cloud actions: started `running`, progress rising with time, then `success` or `error`.

State is settled lazily: before every request the store calls `settle(now)`, which finishes
the actions whose time is up and runs their completion hooks (an image becomes available, a
deleted server disappears). A negative duration means the action never finishes ("stuck").
"""

import datetime


def iso(timestamp):
    return datetime.datetime.fromtimestamp(timestamp, datetime.timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%S+00:00")


class Action:
    def __init__(self, action_id, command, resources, started, duration, failure=None,
                 on_success=None, on_error=None):
        self.id = action_id
        self.command = command
        self.resources = resources  # [{"id": int, "type": str}]
        self.started = started
        self.duration = duration
        self.failure = failure  # None or {"code", "message"}
        self.on_success = on_success
        self.on_error = on_error
        self.finished = None

    @property
    def status(self):
        if self.finished is None:
            return "running"
        return "error" if self.failure else "success"

    def due(self, now):
        return self.finished is None and self.duration >= 0 and now >= self.started + self.duration

    def to_json(self, now):
        if self.finished is not None:
            progress = 100
        elif self.duration <= 0:
            progress = 0
        else:
            progress = max(0, min(99, int(100 * (now - self.started) / self.duration)))
        return {"id": self.id, "command": self.command, "status": self.status,
                "progress": progress, "started": iso(self.started),
                "finished": iso(self.finished) if self.finished is not None else None,
                "resources": [dict(r) for r in self.resources],
                "error": dict(self.failure) if self.finished is not None and self.failure
                else None}


class ActionBook:
    """The actions of one project, in creation order."""

    def __init__(self):
        self.actions = {}

    def add(self, action):
        self.actions[action.id] = action
        if action.duration == 0:
            self.finish(action, action.started)
        return action

    def finish(self, action, when):
        action.finished = when
        hook = action.on_error if action.failure else action.on_success
        if hook:
            hook()

    def settle(self, now):
        for action in list(self.actions.values()):
            if action.due(now):
                self.finish(action, action.started + action.duration)

    def running_on(self, resource_type, resource_id):
        return [a for a in self.actions.values() if a.finished is None and any(
            r["type"] == resource_type and r["id"] == resource_id for r in a.resources)]

    def of_resource(self, resource_type, resource_id):
        return [a for a in self.actions.values() if any(
            r["type"] == resource_type and r["id"] == resource_id for r in a.resources)]

    def of_type(self, resource_type):
        return [a for a in self.actions.values()
                if any(r["type"] == resource_type for r in a.resources)]

"""Everything the emulator holds: projects (one per token set) with their cloud resources,
the Robot account, settings, and the id counters. One re-entrant lock guards it all."""

import ipaddress
import threading
import time

import catalog
from actions import Action, ActionBook
from cloud_errors import locked
from settings import Settings

SERVER_IPV4_POOLS = ("198.51.100.0/24", "192.0.2.0/24")  # documentation ranges
LB_IPV4_POOL = "203.0.113.0/24"


class Project:
    def __init__(self, name):
        self.name = name
        self.servers = {}
        self.load_balancers = {}
        self.networks = {}
        self.certificates = {}
        self.images = {}
        self.actions = ActionBook()


class Store:
    def __init__(self, settings=None):
        self.lock = threading.RLock()
        self.settings = settings or Settings()
        self.clock = time.time
        self.action_fault = lambda command: None  # set by the front: (code, message) or None
        self.clear()

    def clear(self):
        self.projects = {}
        self.tokens = {}  # token -> (project name, read_only)
        self.robot_users = {}  # user -> password
        self.robot_servers = {}  # server_number -> dict
        self.health = {}  # (lb id, target key, listen port) -> status scripted by tests
        self.counters = {}
        self.used_ipv4 = set()

    # --- ids and addresses -------------------------------------------------------------

    def allocate(self, kind, wanted=None):
        if wanted is not None:
            self.counters[kind] = max(self.counters.get(kind, 0), int(wanted))
            return int(wanted)
        self.counters[kind] = self.counters.get(kind, 0) + 1
        return self.counters[kind]

    def allocate_ipv4(self, pools):
        for pool in pools:
            for address in ipaddress.ip_network(pool).hosts():
                if str(address) not in self.used_ipv4:
                    self.used_ipv4.add(str(address))
                    return str(address)
        raise RuntimeError("documentation IPv4 pools exhausted")

    def allocate_ipv6(self, kind):
        number = self.allocate(f"ipv6-{kind}")
        return f"2001:db8:{0x100 if kind == 'lb' else 0x200:x}:{number:x}::/64"

    # --- projects and actions ----------------------------------------------------------

    def project(self, name):
        if name not in self.projects:
            self.projects[name] = Project(name)
        return self.projects[name]

    def all_projects(self):
        return list(self.projects.values())

    def settle(self):
        now = self.clock()
        for project in self.projects.values():
            project.actions.settle(now)

    def start_action(self, project, command, resources, on_success=None, on_error=None):
        """A new action for `resources` ([(type, id)]); an `action-error` fault makes it fail."""
        failure = self.action_fault(command)
        action = Action(self.allocate("action"), command,
                        [{"id": rid, "type": rtype} for rtype, rid in resources], self.clock(),
                        self.settings.duration_of(command),
                        {"code": failure[0], "message": failure[1]} if failure else None,
                        on_success, on_error)
        return project.actions.add(action)

    def ensure_unlocked(self, project, resource_type, resource_id, label=None):
        if project.actions.running_on(resource_type, resource_id):
            raise locked(label or resource_type.replace("_", " "))

    def action_json(self, action):
        return action.to_json(self.clock())

    def find_action(self, action_id):
        for project in self.projects.values():
            if action_id in project.actions.actions:
                return project, project.actions.actions[action_id]
        return None, None


def location_or_default(name):
    return catalog.find(catalog.LOCATIONS, name or "fsn1")

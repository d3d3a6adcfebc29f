"""Starts the emulator on free loopback ports for tests, talks to it, and runs the real gh
against it. Every process started here is stopped by `Rig.stop`."""

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))  # emulator_kit, shared by the emulators

from emulator_kit.harness import (LOOPBACK, EmulatorProcessTestCase, EmulatorRig,
                                  EmulatorTestCase,  # noqa: E402,F401
                                  Response, start_process, stop_process)

EMULATOR = os.path.join(HERE, "emulator.py")


class GithubResponse(Response):
    def links(self):
        """{rel: url} from the Link header."""
        result = {}
        for part in filter(None, (self.headers.get("link") or "").split(", ")):
            url, _, rel = part.partition("; ")
            result[rel.removeprefix('rel="').removesuffix('"')] = url.strip("<>")
        return result


class Rig(EmulatorRig):
    response_class = GithubResponse

    def __init__(self, tls=False, emulator_args=()):
        self.directory = tempfile.mkdtemp(prefix="github-emulator-test-")
        port_file = os.path.join(self.directory, "port")
        self.env_file = os.path.join(self.directory, "gh.env")
        command = [sys.executable, EMULATOR, "--port", "0", "--port-file", port_file,
                   "--env-file", self.env_file, "--work-dir", self.directory, *emulator_args]
        if tls:
            command.append("--tls")
        self.log_path = os.path.join(self.directory, "emulator.log")
        try:
            self.process, self.port = start_process(command, port_file, self.log_path, 15)
        except BaseException:
            shutil.rmtree(self.directory, ignore_errors=True)
            raise
        self.environment = read_env_file(self.env_file)

    def log(self):
        with open(self.log_path, errors="replace") as handle:
            return handle.read()

    def stop(self):
        stop_process(self.process)
        shutil.rmtree(self.directory, ignore_errors=True)

    # --- HTTP -----------------------------------------------------------------------------

    def request(self, method, target, token=None, body=None, headers=None, scheme="token"):
        """`target` is a path with query, or an absolute URL on the plain listener."""
        if "://" in target:
            parts = urllib.parse.urlsplit(target)
            target = parts.path + (f"?{parts.query}" if parts.query else "")
        headers = dict(headers or {})
        if token is not None:
            headers["Authorization"] = f"{scheme} {token}"
        return super().request(method, target, body=body, headers=headers)

    def reseed(self, document, settings=None):
        self.control("POST", "reset")
        if settings:
            self.control("POST", "settings", settings)
        return self.control("POST", "seed", document)

    def collect(self, target, token):
        """Follows rel="next" from `target`; returns (all items, number of pages)."""
        items, pages = [], 0
        while target:
            response = self.request("GET", target, token)
            assert response.status == 200, (response.status, response.body)
            items += response.json()
            pages += 1
            target = response.links().get("next")
        return items, pages

    # --- the real gh ----------------------------------------------------------------------

    def gh(self, *arguments, token=None, extra_env=None, timeout=60):
        """Runs gh with only the environment the emulator's env file names (plus PATH/HOME)
        and GH_ENTERPRISE_TOKEN; returns the CompletedProcess (text)."""
        environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": self.directory,
                       **self.environment}
        if token is not None:
            environment["GH_ENTERPRISE_TOKEN"] = token
        environment.update(extra_env or {})
        return subprocess.run(["gh", *arguments], env=environment, capture_output=True,
                              text=True, timeout=timeout)


class GithubTestCase(EmulatorTestCase):
    rig_class = Rig


class GithubProcessTestCase(EmulatorProcessTestCase):
    rig_class = Rig


def read_env_file(path):
    variables = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            name, _, value = line.rstrip("\n").partition("=")
            variables[name] = shlex.split(value)[0] if value else ""
    return variables

"""Pieces the test emulators (cloudns, github, hetzner) share: fault queue, call log, control-API
dispatch, the HTTP front's plumbing, the process entry, the test harness and the base TestCase.
Standard library only."""

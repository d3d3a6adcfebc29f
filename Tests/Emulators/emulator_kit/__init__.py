"""Pieces the test emulators (cloudns, github) share: fault queue, call log, control-API
dispatch, TLS wrapping and connection resets. Standard library only."""

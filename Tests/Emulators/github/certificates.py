"""TLS for the GH_HOST route: gh forces https for any host but github.com, so the emulator makes
a throw-away CA and a certificate for 127.0.0.1/localhost with `openssl` at start-up, and the
client trusts the CA through SSL_CERT_FILE (Go's crypto/x509 reads it on Linux)."""

import os
import shutil
import subprocess

CURVE = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]


def make_certificates(directory):
    """Writes ca.pem, server.pem, server.key into `directory`; returns their paths."""
    openssl = shutil.which("openssl")
    if openssl is None:
        raise RuntimeError("--tls needs the openssl command: apt-get install openssl")
    os.makedirs(directory, mode=0o700, exist_ok=True)
    ca_key, ca = os.path.join(directory, "ca.key"), os.path.join(directory, "ca.pem")
    key, certificate = os.path.join(directory, "server.key"), os.path.join(directory, "server.pem")
    run = [openssl, "req", "-x509", *CURVE, "-days", "7"]
    subprocess.run(run + ["-keyout", ca_key, "-out", ca, "-subj", "/CN=github-emulator test CA",
                          "-addext", "basicConstraints=critical,CA:TRUE",
                          "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
                   check=True, capture_output=True)
    subprocess.run(run + ["-keyout", key, "-out", certificate, "-subj", "/CN=127.0.0.1",
                          "-CA", ca, "-CAkey", ca_key,
                          "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                          "-addext", "basicConstraints=CA:FALSE",
                          "-addext", "extendedKeyUsage=serverAuth"],
                   check=True, capture_output=True)
    os.remove(ca_key)  # nothing else is ever signed with it
    os.chmod(key, 0o600)
    return ca, certificate, key

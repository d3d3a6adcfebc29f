"""Uploaded certificates: fields read from the PEM with `openssl x509`, list/get/create/
update/delete. A certificate still used by a load balancer service cannot be deleted."""

import calendar
import re
import subprocess
import time

import listing
from actions import iso
from cloud_errors import ApiError, invalid_input, uniqueness


def inspect_pem(certificate, private_key=None):
    """(not_valid_before, not_valid_after, domain_names, fingerprint) or invalid_input."""
    if not isinstance(certificate, str) or "-----BEGIN CERTIFICATE-----" not in certificate:
        raise invalid_input({"certificate": ["invalid certificate"]})
    result = subprocess.run(
        ["openssl", "x509", "-noout", "-startdate", "-enddate", "-fingerprint", "-sha256",
         "-ext", "subjectAltName", "-subject", "-nameopt", "RFC2253"],
        input=certificate.encode(), capture_output=True, timeout=10)
    if result.returncode != 0:
        raise invalid_input({"certificate": ["invalid certificate"]})
    text = result.stdout.decode()
    dates = dict(re.findall(r"^(notBefore|notAfter)=(.+)$", text, re.M))
    fingerprint = re.search(r"Fingerprint=([0-9A-F:]+)", text).group(1).lower()
    names = re.findall(r"DNS:([^,\s]+)", text)
    if not names:
        common_name = re.search(r"^subject=.*?CN=([^,\n]+)", text, re.M)
        names = [common_name.group(1)] if common_name else []
    if private_key is not None:
        check_key_matches(certificate, private_key)
    return parse_date(dates["notBefore"]), parse_date(dates["notAfter"]), names, fingerprint


def parse_date(text):
    return calendar.timegm(time.strptime(text.replace("  ", " "), "%b %d %H:%M:%S %Y GMT"))


def check_key_matches(certificate, private_key):
    if not isinstance(private_key, str) or "PRIVATE KEY-----" not in private_key:
        raise invalid_input({"private_key": ["invalid private key"]})
    key = subprocess.run(["openssl", "pkey", "-pubout"], input=private_key.encode(),
                         capture_output=True, timeout=10)
    cert = subprocess.run(["openssl", "x509", "-noout", "-pubkey"], input=certificate.encode(),
                          capture_output=True, timeout=10)
    if key.returncode != 0:
        raise invalid_input({"private_key": ["invalid private key"]})
    if key.stdout.strip() != cert.stdout.strip():
        raise invalid_input({"private_key": ["private key does not match the certificate"]})


def add_certificate(store, project, spec, certificate_id=None):
    name = spec.get("name")
    if not isinstance(name, str) or not name:
        raise invalid_input({"name": ["name is required"]})
    if any(c["name"] == name for c in project.certificates.values()):
        raise uniqueness("name")
    not_before, not_after, domains, fingerprint = inspect_pem(spec.get("certificate"),
                                                              spec.get("private_key"))
    certificate_id = store.allocate("certificate", certificate_id)
    project.certificates[certificate_id] = {
        "id": certificate_id, "name": name, "labels": listing.validate_labels(spec.get("labels")),
        "type": "uploaded", "certificate": spec["certificate"], "created": store.clock(),
        "not_valid_before": not_before, "not_valid_after": not_after, "domain_names": domains,
        "fingerprint": fingerprint}
    return project.certificates[certificate_id]


def used_by(project, certificate_id):
    return [{"id": lb["id"], "type": "load_balancer"} for lb in project.load_balancers.values()
            if any(certificate_id in ((s.get("http") or {}).get("certificates") or [])
                   for s in lb["services"])]


def certificate_json(project, certificate):
    return {"id": certificate["id"], "name": certificate["name"],
            "labels": dict(certificate["labels"]), "type": certificate["type"],
            "certificate": certificate["certificate"], "created": iso(certificate["created"]),
            "not_valid_before": iso(certificate["not_valid_before"]),
            "not_valid_after": iso(certificate["not_valid_after"]),
            "domain_names": list(certificate["domain_names"]),
            "fingerprint": certificate["fingerprint"], "status": None,
            "used_by": used_by(project, certificate["id"])}


def certificate_by_path(ctx, certificate_id):
    return listing.by_id(ctx.project.certificates, certificate_id, "certificate")


def list_certificates(ctx):
    items = [certificate_json(ctx.project, c) for c in ctx.project.certificates.values()]
    items = listing.filter_items(items, ctx.query, {"type": lambda c: c["type"]})
    return ctx.page(listing.sort_items(items, ctx.query), "certificates")


def get_certificate(ctx, certificate_id):
    return 200, {"certificate": certificate_json(ctx.project,
                                                 certificate_by_path(ctx, certificate_id))}


def create_certificate(ctx):
    body = ctx.json_object()
    if body.get("type", "uploaded") != "uploaded":
        raise ApiError("unsupported_error", "the emulator only models uploaded certificates")
    missing = {field: [f"{field} is required"] for field in ("name", "certificate", "private_key")
               if not body.get(field)}
    if missing:
        raise invalid_input(missing)
    certificate = add_certificate(ctx.store, ctx.project, body)
    return 201, {"certificate": certificate_json(ctx.project, certificate), "action": None}


def update_certificate(ctx, certificate_id):
    certificate = certificate_by_path(ctx, certificate_id)
    listing.update_name_and_labels(certificate, ctx.json_object(),
                                   ctx.project.certificates.values())
    return 200, {"certificate": certificate_json(ctx.project, certificate)}


def delete_certificate(ctx, certificate_id):
    certificate = certificate_by_path(ctx, certificate_id)
    if used_by(ctx.project, certificate["id"]):
        # Seen from the live API: "certificate still in use (service_error, <correlation id>)".
        raise ApiError("service_error", "certificate still in use")
    del ctx.project.certificates[certificate["id"]]
    return 204, None

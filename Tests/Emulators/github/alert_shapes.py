"""The JSON GitHub sends for each alert kind, built from the store's flat alert records.

`links` carries the two bases a response refers to: `api` (e.g. https://HOST/api/v3) and `web`
(https://HOST), both taken from the request so that URLs point back at this emulator.
"""

import hashlib
import time

KIND_PATHS = {"code_scanning": "code-scanning", "dependabot": "dependabot",
              "secret_scanning": "secret-scanning"}
CWES = ("CWE-79", "CWE-89", "CWE-400", "CWE-502", "CWE-22")


def timestamp(seconds):
    return None if seconds is None else time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


def sha(*parts):
    return hashlib.sha1("/".join(str(p) for p in parts).encode()).hexdigest()


def user_json(login, user_id, links):
    return {"login": login, "id": user_id, "node_id": f"U_emu{user_id}", "type": "User",
            "site_admin": False, "url": f"{links['api']}/users/{login}",
            "html_url": f"{links['web']}/{login}"}


def repository_json(repo, links):
    """The short repository object org-level alerts carry."""
    return {"id": repo.id, "node_id": f"R_emu{repo.id}", "name": repo.name,
            "full_name": repo.full_name, "private": repo.private,
            "owner": {"login": repo.owner, "id": 1, "type": "Organization",
                      "url": f"{links['api']}/users/{repo.owner}",
                      "html_url": f"{links['web']}/{repo.owner}"},
            "html_url": f"{links['web']}/{repo.full_name}", "description": None, "fork": False,
            "url": f"{links['api']}/repos/{repo.full_name}"}


def alert_json(kind, repo, alert, links, hide_secret=False, with_repository=False):
    number = alert["number"]
    api = f"{links['api']}/repos/{repo.full_name}/{KIND_PATHS[kind]}/alerts/{number}"
    web = f"{links['web']}/{repo.full_name}/security/{KIND_PATHS[kind]}/{number}"
    if kind == "code_scanning":
        body = code_scanning_json(repo, alert, api)
    elif kind == "dependabot":
        body = dependabot_json(alert)
    else:
        body = secret_scanning_json(repo, alert, api, links, hide_secret)
    result = {"number": number, "created_at": timestamp(alert["created_at"]),
              "updated_at": timestamp(alert["updated_at"]), "url": api, "html_url": web,
              "state": alert["state"], **body}
    if with_repository:
        result["repository"] = repository_json(repo, links)
    return result


def code_scanning_json(repo, alert, api):
    dismissed = alert["state"] == "dismissed"
    return {
        "fixed_at": timestamp(alert["fixed_at"]),
        "dismissed_by": None, "dismissed_at": timestamp(alert["updated_at"]) if dismissed else None,
        "dismissed_reason": alert["dismissed_reason"] if dismissed else None,
        "dismissed_comment": None,
        "rule": {"id": alert["rule_id"], "name": alert["rule_name"],
                 "severity": alert["rule_severity"],
                 "security_severity_level": alert["security_severity_level"],
                 "description": alert["rule_description"],
                 "tags": ["security"] if alert["security_severity_level"] else ["maintainability"]},
        "tool": {"name": alert["tool"], "guid": None, "version": "2.15.0"},
        "most_recent_instance": {
            "ref": alert["ref"], "analysis_key": ".github/workflows/codeql.yml:analyze",
            "environment": "{}", "category": ".github/workflows/codeql.yml:analyze",
            "state": alert["state"], "commit_sha": sha(repo.full_name, alert["number"]),
            "message": {"text": alert["message"]},
            "location": {"path": alert["path"], "start_line": alert["start_line"],
                         "end_line": alert["start_line"], "start_column": 5, "end_column": 30},
            "classifications": []},
        "instances_url": f"{api}/instances",
    }


def dependabot_json(alert):
    package = {"ecosystem": alert["ecosystem"], "name": alert["package"]}
    identifiers = [{"type": "GHSA", "value": alert["ghsa_id"]}]
    if alert["cve_id"]:
        identifiers.append({"type": "CVE", "value": alert["cve_id"]})
    dismissed = alert["state"] in ("dismissed", "auto_dismissed")
    patched = alert["first_patched_version"]
    vulnerability = {"package": package, "severity": alert["severity"],
                     "vulnerable_version_range": alert["vulnerable_version_range"],
                     "first_patched_version": {"identifier": patched} if patched else None}
    cwe = CWES[alert["number"] % len(CWES)]
    return {
        "dependency": {"package": package, "manifest_path": alert["manifest_path"],
                       "scope": alert["scope"], "relationship": "direct"},
        "security_advisory": {
            "ghsa_id": alert["ghsa_id"], "cve_id": alert["cve_id"], "summary": alert["summary"],
            "description": f"{alert['summary']}. Upgrade to a patched version.",
            "severity": alert["severity"], "identifiers": identifiers,
            "references": [{"url": f"https://github.com/advisories/{alert['ghsa_id']}"}],
            "published_at": timestamp(alert["created_at"] - 86400),
            "updated_at": timestamp(alert["created_at"] - 86400), "withdrawn_at": None,
            "vulnerabilities": [vulnerability],
            "cvss": {"score": alert["cvss_score"],
                     "vector_string": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"},
            "cwes": [{"cwe_id": cwe, "name": f"Weakness {cwe}"}]},
        "security_vulnerability": vulnerability,
        "dismissed_at": timestamp(alert["updated_at"]) if dismissed else None,
        "dismissed_by": None,
        "dismissed_reason": alert["dismissed_reason"] if dismissed else None,
        "dismissed_comment": None, "fixed_at": timestamp(alert["fixed_at"]),
        "auto_dismissed_at": timestamp(alert["updated_at"])
        if alert["state"] == "auto_dismissed" else None,
    }


def location_details(repo, alert, links):
    commit = sha(repo.full_name, "secret", alert["number"])
    blob = sha(repo.full_name, alert["path"])
    return {"path": alert["path"], "start_line": alert["start_line"],
            "end_line": alert["start_line"], "start_column": 9, "end_column": 49,
            "blob_sha": blob, "blob_url": f"{links['api']}/repos/{repo.full_name}/git/blobs/{blob}",
            "commit_sha": commit,
            "commit_url": f"{links['api']}/repos/{repo.full_name}/git/commits/{commit}"}


def secret_scanning_json(repo, alert, api, links, hide_secret):
    resolved = alert["state"] == "resolved"
    body = {
        "locations_url": f"{api}/locations",
        "resolution": alert["resolution"] if resolved else None,
        "resolved_at": timestamp(alert["updated_at"]) if resolved else None,
        "resolved_by": None, "resolution_comment": None,
        "secret_type": alert["secret_type"],
        "secret_type_display_name": alert["secret_type_display_name"],
        "secret": alert["secret"],
        "validity": alert["validity"],
        "push_protection_bypassed": alert["push_protection_bypassed"],
        "push_protection_bypassed_by": None,
        "push_protection_bypassed_at": timestamp(alert["created_at"])
        if alert["push_protection_bypassed"] else None,
        "publicly_leaked": alert["publicly_leaked"], "multi_repo": False,
        "is_base64_encoded": False,
        "first_location_detected": location_details(repo, alert, links),
        "has_more_locations": False,
    }
    if hide_secret:
        del body["secret"]
    return body


def secret_locations_json(repo, alert, links):
    return [{"type": "commit", "details": location_details(repo, alert, links)}]

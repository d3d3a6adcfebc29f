"""The GitHub REST endpoints: routing, authentication, access and feature checks, the answers.

`answer` gets a parsed request (path without the /api/v3 prefix) and returns an Answer; errors
carry GitHub's wording and statuses as the reference records them.
"""

import json
import re

from alert_shapes import (KIND_PATHS, alert_json, repository_json, secret_locations_json,
                          timestamp, user_json)
from github_store import URL_KINDS
from listing import ApiError, cursor_page, filter_alerts, offset_page, sorted_alerts

DOCS_ROOT = "https://docs.github.com/rest"
LIST_DOCS = {
    "code_scanning": "https://docs.github.com/rest/code-scanning/code-scanning"
                     "#list-code-scanning-alerts-for-a",
    "dependabot": "https://docs.github.com/rest/dependabot/alerts#list-dependabot-alerts-for-a",
    "secret_scanning": "https://docs.github.com/rest/secret-scanning/secret-scanning"
                       "#list-secret-scanning-alerts-for-a",
}
ACCEPTED_SCOPES = "repo, security_events"
FEATURE_ERRORS = {
    ("code_scanning", "disabled"):
        (403, "Advanced Security must be enabled for this repository to use code scanning."),
    ("code_scanning", "advanced-security-off"):
        (403, "Advanced Security must be enabled for this repository to use code scanning."),
    ("code_scanning", "code-security-off"):
        (403, "GitHub Code Security or GitHub Advanced Security is not enabled"),
    ("code_scanning", "not-set-up"): (404, "Code scanning is not enabled for this repository."),
    ("code_scanning", "no-analysis"): (404, "no analysis found"),
    ("dependabot", "disabled"): (403, "Dependabot alerts are disabled for this repository."),
    ("secret_scanning", "disabled"): (404, "Secret scanning is disabled on this repository."),
}
KIND_PATTERN = "(code-scanning|dependabot|secret-scanning)"
ROUTES = [
    ("root", re.compile(r"/?")),
    ("user", re.compile(r"/user")),
    ("rate_limit", re.compile(r"/rate_limit")),
    ("repo", re.compile(r"/repos/([^/]+)/([^/]+)")),
    ("repo_alerts", re.compile(rf"/repos/([^/]+)/([^/]+)/{KIND_PATTERN}/alerts")),
    ("repo_alerts", re.compile(rf"/repositories/(\d+)/{KIND_PATTERN}/alerts")),
    ("repo_alert", re.compile(rf"/repos/([^/]+)/([^/]+)/{KIND_PATTERN}/alerts/(\d+)")),
    ("secret_locations",
     re.compile(r"/repos/([^/]+)/([^/]+)/secret-scanning/alerts/(\d+)/locations")),
    ("vulnerability_alerts", re.compile(r"/repos/([^/]+)/([^/]+)/vulnerability-alerts")),
    ("org_alerts", re.compile(rf"/orgs/([^/]+)/{KIND_PATTERN}/alerts")),
    ("org_repos", re.compile(r"/orgs/([^/]+)/repos")),
]


class Answer:
    def __init__(self, status, body, headers=None):
        self.status = status
        self.body = body          # a JSON value, or None for an empty answer (204)
        self.headers = headers or {}


class Request:
    """One API request as the routes see it; `links` = {"api": base URL, "web": site URL}."""

    def __init__(self, method, path, pairs, links, token, body=b""):
        self.method = method
        self.path = path
        self.pairs = pairs
        self.query = dict(pairs)
        self.links = links
        self.token = token
        self.body = body


def endpoint_of(method, path):
    """(endpoint name, match) for logging and routing; ("graphql", None) or ("unknown", None)."""
    if path == "/graphql":
        return ("graphql" if method == "POST" else "unknown"), None
    for name, pattern in ROUTES:
        match = pattern.fullmatch(path)
        if match:
            return name, match
    return "unknown", None


def token_from(store, authorization):
    """(token or None, error Answer or None) from an Authorization header."""
    if not authorization:
        return None, None
    scheme, _, value = authorization.strip().partition(" ")
    token = store.token(value.strip()) if scheme.lower() in ("token", "bearer") else None
    if token is None:
        return None, Answer(401, {"message": "Bad credentials", "documentation_url": DOCS_ROOT,
                                  "status": "401"})
    return token, None


def answer(store, settings, request):
    name, match = endpoint_of(request.method, request.path)
    try:
        if name == "unknown" or (name != "graphql" and request.method != "GET"):
            raise ApiError(404, "Not Found")
        if name in ("root", "rate_limit"):
            return HANDLERS[name](store, settings, request, match)
        if request.token is None:
            raise ApiError(401, "Requires authentication")
        return HANDLERS[name](store, settings, request, match)
    except ApiError as error:
        return Answer(error.status, error.body(), dict(error.headers))


def permission_error(token):
    who = "integration" if token.kind == "integration" else "personal access token"
    return ApiError(403, f"Resource not accessible by {who}",
                    headers={"X-Accepted-OAuth-Scopes": ACCEPTED_SCOPES})


def visible_repo(request, repo):
    if repo is None or not request.token.sees(repo.full_name):
        raise ApiError(404, "Not Found")
    return repo


def check_scopes(token, repo):
    if token.kind != "classic":
        return
    granted = set(token.scopes)
    if not granted & {"repo", "security_events"} and (repo.private or "public_repo" not in granted):
        raise permission_error(token)


def check_feature(token, repo, kind, docs):
    state = repo.features[kind]
    if state == "enabled":
        return
    if state == "no-access":
        raise permission_error(token)
    status, message = FEATURE_ERRORS[(kind, state)]
    raise ApiError(status, message, docs)


# --- handlers -------------------------------------------------------------------------------

def root(store, settings, request, match):
    api = request.links["api"]
    return Answer(200, {"current_user_url": f"{api}/user", "rate_limit_url": f"{api}/rate_limit",
                        "organization_url": f"{api}/orgs/{{org}}",
                        "repository_url": f"{api}/repos/{{owner}}/{{repo}}"})


def user(store, settings, request, match):
    token = request.token
    body = user_json(token.login, token.user_id, request.links)
    body.update({"name": token.login.title(), "created_at": timestamp(1262304000)})
    return Answer(200, body)


def rate_limit(store, settings, request, match):
    # The front end fills in the numbers: /rate_limit is not counted against the limit.
    return Answer(200, {"resources": {}, "rate": {}})


def repo_json(store, settings, request, match):
    repo = visible_repo(request, store.repo(match[1], match[2]))
    body = repository_json(repo, request.links)
    body.update({"visibility": "private" if repo.private else "public",
                 "default_branch": "main"})
    return Answer(200, body)


def repo_alerts(store, settings, request, match):
    """/repos/{owner}/{repo}/{kind}/alerts, or /repositories/{id}/{kind}/alerts as in the Link
    URLs GitHub itself sends (setting link_style=repository-id)."""
    by_id = match.re.pattern.startswith("/repositories/")
    kind = URL_KINDS[match[2] if by_id else match[3]]
    docs = LIST_DOCS[kind] + "-repository"
    repo = visible_repo(request, store.repo_by_id(int(match[1])) if by_id
                        else store.repo(match[1], match[2]))
    check_scopes(request.token, repo)
    if kind == "dependabot" and "page" in request.query:
        raise ApiError(400, "Pagination using the `page` parameter is not supported.", docs)
    check_feature(request.token, repo, kind, docs)
    items = [(repo, alert) for alert in repo.alerts[kind]]
    path = (f"/repositories/{repo.id}/{KIND_PATHS[kind]}/alerts"
            if settings.link_style == "repository-id" else request.path)
    return listed(settings, request, kind, items, docs, with_repository=False, path=path)


def org_alerts(store, settings, request, match):
    kind = URL_KINDS[match[2]]
    docs = LIST_DOCS[kind] + "n-organization"
    login = store.org(match[1])
    if login is None:
        raise ApiError(404, "Not Found")
    if not request.token.administers(login):
        raise permission_error(request.token)
    if kind == "dependabot" and "page" in request.query:
        raise ApiError(400, "Pagination using the `page` parameter is not supported.", docs)
    # Repositories whose feature is off (or refused) simply contribute nothing, as on GitHub.
    items = [(repo, alert) for repo in store.org_repos(login)
             if request.token.sees(repo.full_name) and repo.features[kind] == "enabled"
             for alert in repo.alerts[kind]]
    return listed(settings, request, kind, items, docs, with_repository=True)


def listed(settings, request, kind, items, docs, with_repository, path=None):
    items = filter_alerts(kind, items, request.query, docs)
    items, field, descending = sorted_alerts(items, request.query, docs)
    base_url = request.links["api"] + (path or request.path)
    if kind == "dependabot":
        page, link = cursor_page(items, request.pairs, request.query, base_url,
                                 settings.per_page_default, field, descending, docs)
    else:
        page, link = offset_page(items, request.pairs, request.query, base_url,
                                 settings.per_page_default)
    hide_secret = request.query.get("hide_secret", "").lower() == "true"
    body = [alert_json(kind, repo, alert, request.links, hide_secret, with_repository)
            for repo, alert in page]
    return Answer(200, body, {"Link": link} if link else {})


def one_alert(store, settings, request, match, locations=False):
    kind = "secret_scanning" if locations else URL_KINDS[match[3]]
    number = int(match[3] if locations else match[4])
    repo = visible_repo(request, store.repo(match[1], match[2]))
    check_scopes(request.token, repo)
    check_feature(request.token, repo, kind, DOCS_ROOT)
    alert = next((a for a in repo.alerts[kind] if a["number"] == number), None)
    if alert is None:
        raise ApiError(404, "No alert found for alert number " + str(number))
    if locations:
        body = secret_locations_json(repo, alert, request.links)
    else:
        body = alert_json(kind, repo, alert, request.links,
                          request.query.get("hide_secret", "").lower() == "true")
    return Answer(200, body)


def vulnerability_alerts(store, settings, request, match):
    """204 when Dependabot alerts are on, 404 when off: the documented feature probe."""
    repo = visible_repo(request, store.repo(match[1], match[2]))
    state = repo.features["dependabot"]
    if state == "no-access":
        raise permission_error(request.token)
    if state != "enabled":
        raise ApiError(404, "Not Found")
    return Answer(204, None)


def org_repos(store, settings, request, match):
    login = store.org(match[1])
    if login is None:
        raise ApiError(404, "Not Found")
    repos = [r for r in store.org_repos(login) if request.token.sees(r.full_name)]
    page, link = offset_page(repos, request.pairs, request.query,
                             request.links["api"] + request.path, settings.per_page_default)
    return Answer(200, [repository_json(r, request.links) for r in page],
                  {"Link": link} if link else {})


def graphql(store, settings, request, match):
    """Only `viewer { login }`, which `gh auth status` asks for."""
    try:
        query = json.loads(request.body or b"{}").get("query", "")
    except (ValueError, AttributeError):
        query = ""
    if "viewer" in query:
        return Answer(200, {"data": {"viewer": {"login": request.token.login}}})
    return Answer(200, {"errors": [{"message": "the emulator answers only viewer { login }"}]})


HANDLERS = {
    "root": root, "user": user, "rate_limit": rate_limit, "repo": repo_json,
    "repo_alerts": repo_alerts, "org_alerts": org_alerts,
    "repo_alert": one_alert,
    "secret_locations": lambda *a: one_alert(*a, locations=True),
    "vulnerability_alerts": vulnerability_alerts, "org_repos": org_repos, "graphql": graphql,
}

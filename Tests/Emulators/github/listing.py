"""Filtering, sorting and the two paging styles of the alert lists, with their Link headers.

Code scanning and secret scanning page by offset (`page`, `per_page`) and send first/prev/next/
last links; Dependabot pages by cursor (`before`, `after`) and refuses `page` with a 400.
"""

import base64
import binascii
import urllib.parse

MAX_PER_PAGE = 100
DOCS = "https://docs.github.com/rest"


class ApiError(Exception):
    """An answer with GitHub's error body: {"message", "documentation_url", "status"}."""

    def __init__(self, status, message, documentation_url=DOCS, headers=None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.documentation_url = documentation_url
        self.headers = headers or {}

    def body(self):
        return {"message": self.message, "documentation_url": self.documentation_url,
                "status": str(self.status)}


# --- filters --------------------------------------------------------------------------------

def one_of(query, name, allowed, docs):
    """The comma-separated values of a parameter, each checked against `allowed` (if given)."""
    raw = query.get(name)
    if raw is None or raw == "":
        return None
    values = [v.strip() for v in raw.split(",") if v.strip()]
    bad = [v for v in values if allowed is not None and v not in allowed]
    if bad:
        # The exact wording is not documented; status 422 is GitHub's usual validation failure.
        raise ApiError(422, f"Invalid value for {name}: {', '.join(bad)}. "
                       f"Expected one of: {', '.join(allowed)}.", docs)
    return set(values)


def filter_alerts(kind, items, query, docs):
    """`items` are (repo, alert) pairs; returns those the query's filters keep."""
    if kind == "code_scanning":
        states = one_of(query, "state", ("open", "closed", "dismissed", "fixed"), docs)
        if states and "closed" in states:
            states |= {"dismissed", "fixed"}
        severities = one_of(query, "severity", ("critical", "high", "medium", "low", "warning",
                                                "note", "error"), docs)
        tools = one_of(query, "tool_name", None, docs)
        ref = query.get("ref")
        return [(r, a) for r, a in items
                if (not states or a["state"] in states)
                and (not severities or a["security_severity_level"] in severities
                     or a["rule_severity"] in severities)
                and (not tools or a["tool"] in tools)
                and (not ref or ref in (a["ref"], a["ref"].removeprefix("refs/heads/")))]
    if kind == "dependabot":
        checks = (("state", ("auto_dismissed", "dismissed", "fixed", "open"), "state"),
                  ("severity", ("low", "medium", "high", "critical"), "severity"),
                  ("ecosystem", None, "ecosystem"), ("package", None, "package"),
                  ("manifest", None, "manifest_path"),
                  ("scope", ("development", "runtime"), "scope"))
    else:
        checks = (("state", ("open", "resolved"), "state"), ("secret_type", None, "secret_type"),
                  ("resolution", ("false_positive", "wont_fix", "revoked", "used_in_tests",
                                  "pattern_edited", "pattern_deleted"), "resolution"),
                  ("validity", ("active", "inactive", "unknown"), "validity"))
    wanted = [(field, one_of(query, name, allowed, docs)) for name, allowed, field in checks]
    return [(r, a) for r, a in items
            if all(values is None or a[field] in values for field, values in wanted)]


def sort_key(pair, field):
    repo, alert = pair
    return (alert[field], repo.id, alert["number"])


def sorted_alerts(items, query, docs):
    sort = query.get("sort") or "created"
    direction = query.get("direction") or "desc"
    if sort not in ("created", "updated") or direction not in ("asc", "desc"):
        raise ApiError(422, f"Invalid sort or direction: {sort} {direction}.", docs)
    field = f"{sort}_at"
    return (sorted(items, key=lambda p: sort_key(p, field), reverse=direction == "desc"),
            field, direction == "desc")


# --- paging ---------------------------------------------------------------------------------

def per_page(query, name, default):
    try:
        value = int(query.get(name) or default)
    except ValueError:
        return default
    return default if value < 1 else min(value, MAX_PER_PAGE)


def url_with(base_url, pairs, **changes):
    """`base_url` with the original query pairs, `changes` replacing or (None) removing keys."""
    kept = [(k, v) for k, v in pairs if k not in changes]
    kept += [(k, str(v)) for k, v in changes.items() if v is not None]
    return f"{base_url}?{urllib.parse.urlencode(kept)}" if kept else base_url


def link_header(links):
    return ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links if url)


def offset_page(items, pairs, query, base_url, default_per_page):
    """Returns (the page's items, Link header or None)."""
    size = per_page(query, "per_page", default_per_page)
    try:
        page = max(1, int(query.get("page") or 1))
    except ValueError:
        page = 1
    last = max(1, -(-len(items) // size))
    chunk = items[(page - 1) * size:page * size]
    if len(items) <= size and page == 1:
        return chunk, None
    links = [("prev", url_with(base_url, pairs, page=min(page - 1, last)) if page > 1 else None),
             ("next", url_with(base_url, pairs, page=page + 1) if page < last else None),
             ("last", url_with(base_url, pairs, page=last) if page < last else None),
             ("first", url_with(base_url, pairs, page=1) if page > 1 else None)]
    return chunk, link_header(links)


def encode_cursor(pair, field):
    key = sort_key(pair, field)
    return base64.b64encode(f"cursor:v2:{key[0]}:{key[1]}:{key[2]}".encode()).decode()


def decode_cursor(text, name, docs):
    try:
        raw = base64.b64decode(text.encode(), validate=True).decode()
        prefix, version, *numbers = raw.split(":")
        if (prefix, version) != ("cursor", "v2") or len(numbers) != 3:
            raise ValueError(raw)
        return tuple(int(n) for n in numbers)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ApiError(400, f"Invalid {name} cursor.", docs) from None


def cursor_page(items, pairs, query, base_url, default_per_page, field, descending, docs):
    """Dependabot paging: `after`/`before` cursors; `page` is refused as GitHub does."""
    if "page" in query:
        raise ApiError(400, "Pagination using the `page` parameter is not supported.", docs)
    if query.get("before") and query.get("after"):
        raise ApiError(400, "Only one of before and after may be given.", docs)
    if query.get("first") and query.get("last"):
        raise ApiError(400, "Only one of first and last may be given.", docs)
    size = per_page(query, "first" if query.get("first") else "last" if query.get("last")
                    else "per_page", default_per_page)
    keys = [sort_key(p, field) for p in items]

    def comes_after(key, cursor):
        return key < cursor if descending else key > cursor

    if query.get("after"):
        cursor = decode_cursor(query["after"], "after", docs)
        start = next((i for i, k in enumerate(keys) if comes_after(k, cursor)), len(items))
        end = start + size
    elif query.get("before"):
        cursor = decode_cursor(query["before"], "before", docs)
        end = next((i for i, k in enumerate(keys) if not comes_after(cursor, k)), len(items))
        start = max(0, end - size)
    elif query.get("last"):
        start, end = max(0, len(items) - size), len(items)
    else:
        start, end = 0, size
    chunk = items[start:end]
    changes = {"before": None, "after": None, "first": None, "last": None}
    if query.get("first") or query.get("last"):
        changes["per_page"] = size
    links = [("prev", url_with(base_url, pairs, **{**changes,
                                                   "before": encode_cursor(chunk[0], field)})
              if chunk and start > 0 else None),
             ("next", url_with(base_url, pairs, **{**changes,
                                                   "after": encode_cursor(chunk[-1], field)})
              if chunk and end < len(items) else None)]
    return chunk, link_header(links) or None

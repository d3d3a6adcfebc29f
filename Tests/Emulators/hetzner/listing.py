"""List endpoints: pagination (page/per_page, meta.pagination, Link header), sort, name and
label_selector filters, exactly as the Cloud API documents them."""

import re
import urllib.parse

from cloud_errors import invalid_input, not_found, uniqueness

DEFAULT_PER_PAGE = 25
MAX_PER_PAGE = 50
SORT_FIELDS = ("id", "name", "created")


def integer_parameter(query, name, default, minimum):
    values = query.get(name)
    if not values or values[-1] == "":
        return default
    try:
        value = int(values[-1])
    except ValueError:
        raise invalid_input({name: ["must be an integer"]})
    if value < minimum:
        raise invalid_input({name: [f"must be greater than or equal to {minimum}"]})
    return value


def paginate(items, query, root_key, request_url):
    """Returns (payload, headers) for one page of `items` (already filtered and sorted).

    per_page above 50 is clamped to 50 (the stored docs say "maximum 50" without saying how a
    larger value is treated; clamping is what hcloud-go's callers never notice)."""
    page = integer_parameter(query, "page", 1, 1)
    per_page = min(integer_parameter(query, "per_page", DEFAULT_PER_PAGE, 1), MAX_PER_PAGE)
    total = len(items)
    last_page = max(1, -(-total // per_page))
    chunk = items[(page - 1) * per_page: page * per_page]
    pagination = {"page": page, "per_page": per_page,
                  "previous_page": page - 1 if page > 1 else None,
                  "next_page": page + 1 if page < last_page else None,
                  "last_page": last_page, "total_entries": total}
    links = []
    for relation, target in (("prev", pagination["previous_page"]),
                             ("next", pagination["next_page"]), ("last", last_page)):
        if target is None or (relation == "last" and page >= last_page):
            continue
        links.append(f'<{page_url(request_url, query, target, per_page)}>; rel="{relation}"')
    headers = {"Link": ", ".join(links)} if links else {}
    return {root_key: chunk, "meta": {"pagination": pagination}}, headers


def page_url(request_url, query, page, per_page):
    pairs = [(k, v) for k, values in query.items() if k not in ("page", "per_page")
             for v in values]
    pairs += [("page", str(page)), ("per_page", str(per_page))]
    return f"{request_url}?{urllib.parse.urlencode(pairs)}"


def sort_items(items, query, fields=SORT_FIELDS):
    """Applies every `sort=field[:asc|:desc]` (first one wins), then id as the tie-breaker."""
    specs = query.get("sort", [])
    ordered = sorted(items, key=lambda item: item["id"])
    for spec in reversed(specs):
        field, _, direction = spec.partition(":")
        if field not in fields or direction not in ("", "asc", "desc"):
            raise invalid_input({"sort": [f"invalid sort field or direction: {spec}"]})
        ordered.sort(key=lambda item: (item.get(field) is None, item.get(field) or ""),
                     reverse=direction == "desc")
    return ordered


def filter_items(items, query, extra=None):
    """`name` (exact), `label_selector`, and any `extra` {param: getter} multi-value filters."""
    names = query.get("name")
    if names:
        items = [item for item in items if item.get("name") == names[-1]]
    selectors = query.get("label_selector")
    if selectors:
        matcher = parse_label_selector(selectors[-1])
        items = [item for item in items if matcher(item.get("labels") or {})]
    for parameter, getter in (extra or {}).items():
        wanted = query.get(parameter)
        if wanted:
            items = [item for item in items if str(getter(item)) in wanted]
    return items


SELECTOR_TERM = re.compile(
    r"^\s*(?:(?P<absent>!)\s*(?P<akey>[^\s=!,()]+)"
    r"|(?P<key>[^\s=!,()]+)\s*(?:(?P<op>==|=|!=)\s*(?P<value>[^\s,()]*)"
    r"|\s+(?P<setop>in|notin)\s*\((?P<set>[^)]*)\))?)\s*$")


def split_terms(selector):
    terms, depth, current = [], 0, ""
    for character in selector:
        if character == "(":
            depth += 1
        elif character == ")":
            depth -= 1
        if character == "," and depth == 0:
            terms.append(current)
            current = ""
        else:
            current += character
    terms.append(current)
    return terms


def parse_label_selector(selector):
    """The documented selector language as a predicate over a labels dict; comma means AND."""
    checks = []
    for term in split_terms(selector):
        match = SELECTOR_TERM.match(term)
        if not match or not term.strip():
            raise invalid_input({"label_selector": [f"unable to parse label selector: {selector}"]})
        if match.group("absent"):
            key = match.group("akey")
            checks.append(lambda labels, key=key: key not in labels)
        elif match.group("op"):
            key, op, value = match.group("key"), match.group("op"), match.group("value")
            if op == "!=":
                checks.append(lambda labels, key=key, value=value: labels.get(key) != value)
            else:
                checks.append(lambda labels, key=key, value=value: labels.get(key) == value)
        elif match.group("setop"):
            key = match.group("key")
            values = {v.strip() for v in match.group("set").split(",")}
            if match.group("setop") == "in":
                checks.append(lambda labels, key=key, values=values: labels.get(key) in values)
            else:
                checks.append(lambda labels, key=key, values=values:
                              labels.get(key) not in values)
        else:
            key = match.group("key")
            checks.append(lambda labels, key=key: key in labels)
    return lambda labels: all(check(labels) for check in checks)


def validate_labels(labels, field="labels"):
    if labels is None:
        return {}
    if not isinstance(labels, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                               for k, v in labels.items()):
        raise invalid_input({field: ["labels must be an object of strings"]})
    for key, value in labels.items():
        prefix, _, name = key.rpartition("/")
        if prefix.startswith("hetzner.cloud") or not re.fullmatch(
                r"[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?", name) or len(prefix) > 253:
            raise invalid_input({field: [f"label key '{key}' is invalid"]})
        if value and not re.fullmatch(r"[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?", value):
            raise invalid_input({field: [f"label value '{value}' is invalid"]})
    return dict(labels)




def by_id(collection, key, kind):
    """The object with id `key` (a path segment) in a dict keyed by id, or 404 not_found."""
    item = collection.get(int(key))
    if item is None:
        raise not_found(kind, key)
    return item


def update_name_and_labels(item, body, siblings):
    """PUT semantics shared by every resource: a unique non-empty name, labels replaced whole.
    Everything is validated before anything changes."""
    if "name" in body:
        if not isinstance(body["name"], str) or not body["name"]:
            raise invalid_input({"name": ["name must be a non-empty string"]})
        if any(other["name"] == body["name"] and other is not item for other in siblings):
            raise uniqueness("name")
    labels = validate_labels(body["labels"]) if "labels" in body else None
    if "name" in body:
        item["name"] = body["name"]
    if labels is not None:
        item["labels"] = labels

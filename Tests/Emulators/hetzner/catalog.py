"""Fixed Hetzner Cloud catalogue data: locations, load balancer types, server types.

Figures follow the reference where it gives them (lb11: 20 000 connections, 5 services,
25 targets, 10 certificates); the rest are plausible values in the same shape.
"""

LOCATIONS = [
    {"id": 1, "name": "fsn1", "description": "Falkenstein DC Park 1", "country": "DE",
     "city": "Falkenstein", "latitude": 50.47612, "longitude": 12.370071,
     "network_zone": "eu-central"},
    {"id": 2, "name": "nbg1", "description": "Nuremberg DC Park 1", "country": "DE",
     "city": "Nuremberg", "latitude": 49.452102, "longitude": 11.076665,
     "network_zone": "eu-central"},
    {"id": 3, "name": "hel1", "description": "Helsinki DC Park 1", "country": "FI",
     "city": "Helsinki", "latitude": 60.169855, "longitude": 24.938379,
     "network_zone": "eu-central"},
    {"id": 4, "name": "ash", "description": "Ashburn, VA", "country": "US", "city": "Ashburn, VA",
     "latitude": 39.045821, "longitude": -77.487073, "network_zone": "us-east"},
    {"id": 5, "name": "hil", "description": "Hillsboro, OR", "country": "US",
     "city": "Hillsboro, OR", "latitude": 45.54222, "longitude": -122.951924,
     "network_zone": "us-west"},
    {"id": 6, "name": "sin", "description": "Singapore", "country": "SG", "city": "Singapore",
     "latitude": 1.283333, "longitude": 103.833333, "network_zone": "ap-southeast"},
]

NETWORK_ZONES = sorted({location["network_zone"] for location in LOCATIONS})


def _prices(monthly):
    return [{"location": location["name"],
             "price_hourly": {"net": f"{monthly / 730:.4f}", "gross": f"{monthly * 1.19 / 730:.4f}"},
             "price_monthly": {"net": f"{monthly:.4f}", "gross": f"{monthly * 1.19:.4f}"},
             "included_traffic": 20 * 1024 ** 4, "price_per_tb_traffic": {"net": "1.0000",
                                                                          "gross": "1.1900"}}
            for location in LOCATIONS]


LOAD_BALANCER_TYPES = [
    {"id": 1, "name": "lb11", "description": "LB11", "max_connections": 20000, "max_services": 5,
     "max_targets": 25, "max_assigned_certificates": 10, "deprecated": None,
     "prices": _prices(5.39)},
    {"id": 2, "name": "lb21", "description": "LB21", "max_connections": 40000,
     "max_services": 15, "max_targets": 75, "max_assigned_certificates": 25, "deprecated": None,
     "prices": _prices(16.40)},
    {"id": 3, "name": "lb31", "description": "LB31", "max_connections": 80000,
     "max_services": 30, "max_targets": 150, "max_assigned_certificates": 50, "deprecated": None,
     "prices": _prices(32.90)},
]


def _server_type(type_id, name, cores, memory, disk, cpu_type="shared", architecture="x86"):
    return {"id": type_id, "name": name, "description": name.upper(), "cores": cores,
            "memory": memory, "disk": disk, "deprecated": False, "deprecation": None,
            "storage_type": "local", "cpu_type": cpu_type, "architecture": architecture,
            "prices": _prices(cores * 2.0)}


SERVER_TYPES = [
    _server_type(1, "cx22", 2, 4.0, 40),
    _server_type(2, "cx32", 4, 8.0, 80),
    _server_type(3, "cx42", 8, 16.0, 160),
    _server_type(4, "cpx11", 2, 2.0, 40),
    _server_type(5, "cpx21", 3, 4.0, 80),
    _server_type(6, "cax11", 2, 4.0, 40, architecture="arm"),
    _server_type(7, "ccx13", 2, 8.0, 80, cpu_type="dedicated"),
]


def datacenter_for(location):
    """The legacy `datacenter` object for a location (removed from the live API 2026-07-01)."""
    return {"id": location["id"], "name": f"{location['name']}-dc{location['id'] + 13}",
            "description": f"{location['city']} virtual DC", "location": location,
            "server_types": {"supported": [t["id"] for t in SERVER_TYPES],
                             "available": [t["id"] for t in SERVER_TYPES],
                             "available_for_migration": [t["id"] for t in SERVER_TYPES]}}


def find(collection, key):
    """A catalogue entry by id (int or digit string) or name, or None."""
    for entry in collection:
        if str(entry["id"]) == str(key) or entry["name"] == key:
            return entry
    return None

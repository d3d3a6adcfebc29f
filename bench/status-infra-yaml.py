"""Writes the infra.yaml infra-status reads for the first hosts of a fleet hosts.tsv.

Galera is expected with as many members as the healthy fake nodes report (3, or fewer when the
fleet has fewer db hosts); cache.sentinel is on, so redis hosts report their role too.
usage: status-infra-yaml.py HOSTS_TSV KEY > infra.yaml
"""
import json
import sys

hosts_tsv, key = sys.argv[1:3]
rows = [line.rstrip("\n").split("\t") for line in open(hosts_tsv) if line.strip()]
print("hosts:")
for name, address, port, role, services, *_ in rows:
    print(f"  {name}:")
    print(f"    ip: {address}")
    print(f"    role: {role}")
    print(f"    ssh: {{ user: root, key: {json.dumps(key)}, port: {port} }}")
    print(f"    services: [{', '.join(s for s in services.split(',') if s)}]")
databases = [row[0] for row in rows if row[3] == "db"][:3]
if databases:
    print("database:")
    print("  nodes:")
    for name in databases:
        print(f"    - {{ host: {name} }}")
print("cache:")
print("  sentinel: true")

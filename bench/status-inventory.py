"""Writes an ansible YAML inventory for a fleet hosts.tsv, each host carrying its probe command.

The command is tagged !unsafe so that Jinja leaves docker's {{.Names}} alone.
usage: status-inventory.py HOSTS_TSV COMMAND_DIR STATE_DIR KEY > inventory.yml
"""
import json
import sys

hosts_tsv, command_dir, state, key = sys.argv[1:5]
print("all:")
print("  vars:")
print("    ansible_port: 2222")
print("    ansible_user: root")
print(f"    ansible_ssh_private_key_file: {json.dumps(key)}")
print("    ansible_python_interpreter: /usr/bin/python3")
print("  hosts:")
for line in open(hosts_tsv):
    name, address = line.split("\t")[:2]
    command = open(f"{command_dir}/{name}").read()
    print(f"    {name}:")
    print(f"      ansible_host: {address}")
    # Ansible expands ~ in its remote tmp through ~user (/root), not $HOME: keep it in the host's home.
    print(f"      ansible_remote_tmp: {json.dumps(f'{state}/hosts/{name}/home/.ansible/tmp')}")
    print(f"      probe_cmd: !unsafe {json.dumps(command)}")

#!/bin/bash
# Starts a fake fleet: one real OpenSSH sshd per host on a loopback address, each with its own
# host keys, /etc/os-release (private mount namespace) and fake docker/mariadb/redis-cli/systemctl.
#
#   fleet-up.sh STATE_DIR SPEC_FILE
#
# SPEC_FILE has one host per line: NAME ADDRESS PORT ROLE KIND [NET]
#   ROLE: app | db | cache | ci | bastion (no services)
#   KIND: healthy | galera1 | redis_down | hang | badkey | down | tarpit | unknown | rsa_host | ecdsa_known
#         | noforward (a bastion whose sshd refuses direct-tcpip: AllowTcpForwarding no)
#   NET:  direct (default): listens where the test can connect;
#         behind: listens only inside a network namespace of the fleet's own, which the test
#           process cannot reach at all (a connect to its address is refused);
#         bastion: its sshd runs inside that namespace too, and netns-relay.py relays its address
#           from outside, so it is the only way in (every relayed connection is counted in
#           hosts/NAME/connections).
# Writes into STATE_DIR: keys/ (id_ed25519, id_rsa, id_stranger, authorized_keys), known_hosts,
# hosts.tsv (NAME ADDRESS PORT ROLE SERVICES KIND NET), run/*.pid; fleet-down.sh STATE_DIR stops it all.
set -euo pipefail

state=$1
spec=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$state"/{keys,run,hosts}
state=$(cd "$state" && pwd)
: > "$state/hosts.tsv"
: > "$state/known_hosts.plain"
: > "$state/known_hosts.hashed"

fail() {
    echo "fleet-up: $*" >&2
    "$here/fleet-down.sh" "$state" || true
    exit 1
}

answers_tcp() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# The network namespace of the hosts behind the bastion, held open by a sleeping process.
netns_pid=
inside() { nsenter --net="/proc/$netns_pid/ns/net" "$@"; }
answers_inside() { inside bash -c 'exec 3<>"/dev/tcp/$1/$2"' sh "$1" "$2" 2>/dev/null; }
start_netns() {
    [ -n "$netns_pid" ] && return
    setsid unshare -n sh -c 'ip link set lo up && exec sleep infinity' < /dev/null > /dev/null 2>&1 &
    netns_pid=$!
    echo "$netns_pid" > "$state/run/netns.pid"
    for _ in $(seq 100); do
        inside ip -o link show lo 2>/dev/null | grep -q 'UP' && return
        sleep 0.02
    done
    fail "the fleet's network namespace did not come up"
}

keygen() { ssh-keygen -q -t "$1" ${3:+-b "$3"} -N '' -C fleet -f "$2"; }

mkdir -p /run/sshd
keygen ed25519 "$state/keys/id_ed25519"
keygen rsa "$state/keys/id_rsa" 2048
keygen ed25519 "$state/keys/id_stranger"
keygen ed25519 "$state/keys/decoy_ed25519"
keygen ecdsa "$state/keys/decoy_ecdsa"
cat "$state/keys/id_ed25519.pub" "$state/keys/id_rsa.pub" > "$state/keys/authorized_keys"

# PATH for every session: the host's fakes, then the system's commands minus the real ones we fake.
if [ ! -d "$state/sysbin" ]; then
    mkdir -p "$state/sysbin"
    cp -rs /usr/bin/. "$state/sysbin/"
    rm -f "$state/sysbin/"{docker,mariadb,mysql,redis-cli,systemctl}
fi

services_for() {
    case "$1" in
    app) echo docker,traefik,coolify ;;
    db) echo galera ;;
    cache) echo redis ;;
    ci) echo docker,forgejo-runner ;;
    *) echo - ;;  # never empty: read with IFS=tab would merge the columns
    esac
}

os_names=("Debian GNU/Linux 12 (bookworm)" "Ubuntu 24.04.1 LTS" "Ubuntu 22.04.5 LTS")
docker_versions=("Docker version 27.3.1, build ce12230" "Docker version 26.1.4, build 5650f9b"
    "Docker version 24.0.7, build afdd53b")

write_answers() { # NAME INDEX ROLE KIND DIR
    local name=$1 index=$2 role=$3 kind=$4 dir=$5 answers=$5/answers tools=()
    mkdir -p "$answers" "$dir/bin" "$dir/home"
    : > "$dir/home/.bashrc"
    printf 'PRETTY_NAME="%s"\nID=fleet\n' "${os_names[index % 3]}" > "$dir/os-release"
    echo "${docker_versions[index % 3]}" > "$answers/docker-version"
    : > "$answers/containers"
    case "$role" in
    app)
        tools=(docker)
        printf '%s\t%s\t%s\n' coolify ghcr.io/coollabsio/coolify:4.0.0 "Up 3 days (healthy)" \
            coolify-db postgres:15-alpine "Up 3 days (healthy)" \
            coolify-redis redis:7-alpine "Up 3 days (healthy)" \
            coolify-realtime ghcr.io/coollabsio/coolify-realtime:1.0.4 "Up 3 days (healthy)" \
            coolify-proxy traefik:v3.1 "Up 3 days (healthy)" \
            "$name-web" nginx:1.27 "Up 5 hours" > "$answers/containers"
        ;;
    db)
        # Odd hosts run MariaDB in a container named mariadb, even hosts on the host itself.
        if (( index % 2 )); then
            tools=(docker)
            printf 'mariadb\tmariadb:11.4\tUp 2 days\n' > "$answers/containers"
        else
            tools=(mariadb)
        fi
        printf 'wsrep_cluster_size\t3\nwsrep_cluster_status\tPrimary\nwsrep_local_state_comment\tSynced\nwsrep_ready\tON\n' \
            > "$answers/wsrep"
        ;;
    cache)
        if (( index % 2 )); then
            tools=(docker)
            printf 'redis\tredis:7.4\tUp 2 days\n' > "$answers/containers"
        else
            tools=(redis-cli)
        fi
        echo up > "$answers/redis"
        printf 'master\n3129659\n' > "$answers/redis-role"
        ;;
    ci)
        tools=(docker systemctl)
        printf '%s\t%s\t%s\n' "runner-$index-dind" docker:27-dind "Up 6 hours" > "$answers/containers"
        echo forgejo-runner > "$answers/units"
        ;;
    esac
    case "$kind" in
    galera1)
        printf 'wsrep_cluster_size\t1\nwsrep_cluster_status\tnon-Primary\nwsrep_local_state_comment\tInitialized\nwsrep_ready\tOFF\n' \
            > "$answers/wsrep" ;;
    redis_down) echo down > "$answers/redis" ;;
    hang) touch "$answers/hang" ;;
    esac
    for tool in "${tools[@]}"; do ln -sf "$here/fakes/$tool" "$dir/bin/$tool"; done
}

known_line() { # ADDRESS PORT PUBFILE
    echo "[$1]:$2 $(cut -d' ' -f1,2 "$3")"
}

index=0
pids=()
while read -r name address port role kind net; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    net=${net:-direct}
    index=$((index + 1))
    dir="$state/hosts/$name"
    rm -rf "$dir"
    mkdir -p "$dir"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$address" "$port" "$role" "$(services_for "$role")" "$kind" "$net" \
        >> "$state/hosts.tsv"
    if [[ "$kind" != down ]] && answers_tcp "$address" "$port"; then
        fail "$address:$port already answers (a forgotten fleet?); stop it first"
    fi
    # Where this host's listener runs: here, or inside the namespace behind the bastion.
    within=()
    if [[ "$net" != direct ]]; then
        start_netns
        within=(nsenter --net="/proc/$netns_pid/ns/net")
    fi
    write_answers "$name" "$index" "$role" "$kind" "$dir"
    known=$state/known_hosts.plain
    (( index % 2 )) || known=$state/known_hosts.hashed
    case "$kind" in
    down) continue ;;
    tarpit)
        setsid "${within[@]}" /usr/bin/python3 "$here/tarpit.py" "$address" "$port" < /dev/null > /dev/null 2>&1 &
        echo $! > "$state/run/$name.pid"
        known_line "$address" "$port" "$state/keys/decoy_ed25519.pub" >> "$known"
        continue
        ;;
    esac
    host_keys=()
    if [[ "$kind" == rsa_host ]]; then
        keygen rsa "$dir/ssh_host_rsa_key" 2048
        host_keys=("$dir/ssh_host_rsa_key")
        known_line "$address" "$port" "$dir/ssh_host_rsa_key.pub" >> "$known"
    else
        keygen ed25519 "$dir/ssh_host_ed25519_key"
        keygen ecdsa "$dir/ssh_host_ecdsa_key"
        host_keys=("$dir/ssh_host_ed25519_key" "$dir/ssh_host_ecdsa_key")
        case "$kind" in
        badkey)
            known_line "$address" "$port" "$state/keys/decoy_ed25519.pub" >> "$known"
            known_line "$address" "$port" "$state/keys/decoy_ecdsa.pub" >> "$known" ;;
        unknown) ;;
        ecdsa_known) known_line "$address" "$port" "$dir/ssh_host_ecdsa_key.pub" >> "$known" ;;
        # Only the ed25519 key, as many real known_hosts files hold: libssh2 would pick ECDSA
        # by default and call the host unknown unless the prober orders its preference.
        *) known_line "$address" "$port" "$dir/ssh_host_ed25519_key.pub" >> "$known" ;;
        esac
    fi
    {
        echo "ListenAddress $address:$port"
        for key in "${host_keys[@]}"; do echo "HostKey $key"; done
        echo "PidFile $dir/sshd.pid"
        echo "AuthorizedKeysFile $state/keys/authorized_keys"
        echo "StrictModes no"
        echo "UsePAM no"
        echo "PermitRootLogin prohibit-password"
        echo "PasswordAuthentication no"
        echo "KbdInteractiveAuthentication no"
        echo "UseDNS no"
        echo "PrintMotd no"
        echo "MaxStartups 200"
        [[ "$kind" == noforward ]] && echo "AllowTcpForwarding no"
        echo "SetEnv PATH=$dir/bin:$state/sysbin:/usr/sbin HOME=$dir/home FLEET_HOST=$dir FLEET_STATE=$state FLEET_FAKES=$here/fakes"
    } > "$dir/sshd_config"
    /usr/sbin/sshd -t -f "$dir/sshd_config" || fail "$name: sshd rejects its config"
    # The private mount namespace gives this sshd (and its sessions) its own /etc/os-release.
    setsid "${within[@]}" unshare -m --propagation private sh -c \
        'mount --bind "$1/os-release" /etc/os-release && exec /usr/sbin/sshd -D -f "$1/sshd_config" -E "$1/sshd.log"' \
        sh "$dir" < /dev/null > /dev/null 2>&1 &
    echo $! > "$state/run/$name.pid"
    if [[ "$net" == bastion ]]; then
        : > "$dir/connections"
        setsid /usr/bin/python3 "$here/netns-relay.py" "$address" "$port" "/proc/$netns_pid/ns/net" "$dir/connections" \
            < /dev/null > /dev/null 2>&1 &
        echo $! > "$state/run/$name.relay.pid"
    fi
done < "$spec"

if [ -s "$state/known_hosts.hashed" ]; then
    ssh-keygen -q -H -f "$state/known_hosts.hashed" > /dev/null 2>&1
    rm -f "$state/known_hosts.hashed.old"
fi
cat "$state/known_hosts.plain" "$state/known_hosts.hashed" > "$state/known_hosts"

# Wait until every listener answers (a few hundred ms even for 50 hosts).
while IFS=$'\t' read -r name address port role services kind net; do
    [[ "$kind" == down ]] && continue
    for _ in $(seq 200); do
        case "$net" in
        direct) answers_tcp "$address" "$port" && continue 2 ;;
        behind) answers_inside "$address" "$port" && continue 2 ;;
        # The relay accepts before the bastion's sshd listens, so check the sshd itself.
        bastion) answers_inside "$address" "$port" && answers_tcp "$address" "$port" && continue 2 ;;
        esac
        kill -0 "$(cat "$state/run/$name.pid")" 2>/dev/null || fail "$name: listener exited (see $state/hosts/$name/sshd.log)"
        sleep 0.05
    done
    fail "$name: $address:$port does not answer after 10 s"
done < "$state/hosts.tsv"
echo "$state"

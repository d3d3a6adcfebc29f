/// The POSIX sh script run on a host, in one exec, to gather everything its services need.
///
/// It prints one self-contained line per fact, `KEY<TAB>WORD[<TAB>TEXT]`, flushed as each
/// command finishes, and brackets every command with `begin` / `end RC`. A transcript cut off
/// by a hang therefore still parses, and shows which command was running when time ran out.
///
///     infra-probe   1
///     os            Debian GNU/Linux 12 (bookworm)
///     docker        begin
///     docker        line    Docker version 27.3.1, build ce12230
///     docker        end     0
///     galera        source  container mariadb
///     galera        begin
///     galera        line    wsrep_cluster_size<TAB>3
///     galera        end     0
///     redis         absent
///     infra-probe   done
enum ProbeScript {
    static let galeraQuery =
        "SHOW GLOBAL STATUS WHERE Variable_name IN "
        + "('wsrep_cluster_size','wsrep_cluster_status','wsrep_local_state_comment','wsrep_ready')"

    /// The script for one host's services.
    static func script(for target: ProbeTarget) -> String {
        let services = Set(target.services.map { $0.lowercased() })
        var parts = [prelude]
        if !services.isEmpty { parts.append(containerList) }
        if services.contains("galera") { parts.append(galera) }
        if services.contains("redis") { parts.append(redis(withRole: target.redisSentinel)) }
        if services.contains("forgejo-runner") { parts.append(runnerUnit) }
        parts.append("say infra-probe done")
        return parts.joined(separator: "\n") + "\n"
    }

    /// The exec command: the script handed to /bin/sh whatever the account's login shell is.
    static func command(for target: ProbeTarget) -> String {
        "exec /bin/sh -c " + shellQuoted(script(for: target))
    }

    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    // `run KEY CMD…` leaves the output in $o and the status in $r for the steps that follow.
    private static let prelude = #"""
        say() { if [ $# -gt 2 ]; then printf '%s\t%s\t%s\n' "$1" "$2" "$3"; else printf '%s\t%s\n' "$1" "$2"; fi; }
        have() { command -v "$1" >/dev/null 2>&1; }
        run() {
            k=$1; shift; say "$k" begin
            o=$("$@" 2>&1); r=$?
            if [ -n "$o" ]; then printf '%s\n' "$o" | while IFS= read -r l; do printf '%s\tline\t%s\n' "$k" "$l"; done; fi
            say "$k" end "$r"
        }
        say infra-probe 1
        if [ -r /etc/os-release ]; then f=/etc/os-release; else f=/usr/lib/os-release; fi
        while IFS= read -r l; do case $l in PRETTY_NAME=*) say os "${l#PRETTY_NAME=}";; esac; done < "$f"
        names=
        tab=$(printf '\t')
        if have docker; then run docker docker --version; else say docker absent; fi
        """#

    private static let containerList = #"""
        if have docker; then
            run containers docker ps --format '{{.Names}}\t{{.Image}}\t{{.Status}}'
            if [ "$r" = 0 ]; then
                while IFS= read -r l; do names="$names ${l%%"$tab"*}"; done <<EOF
        $o
        EOF
            fi
        fi
        # container NAME: the running container called NAME, else the first whose name contains it.
        container() {
            for c in $names; do [ "$c" = "$1" ] && return 0; done
            for c in $names; do case $c in *"$1"*) return 0;; esac; done
            return 1
        }
        """#

    private static let galera = #"""
        q="\#(galeraQuery)"
        r=1
        if container mariadb; then say galera source "container $c"; run galera docker exec "$c" mariadb -N -B -e "$q"; fi
        if [ "$r" != 0 ]; then
            for cli in mariadb mysql; do
                if have $cli; then say galera source "host $cli"; run galera $cli -N -B -e "$q"; break; fi
            done
        fi
        """#

    private static func redis(withRole: Bool) -> String {
        var text = #"""
            o=
            if container redis; then say redis source "container $c"; run redis docker exec "$c" redis-cli ping; fi
            if [ "$o" != PONG ] && have redis-cli; then c=; say redis source host; run redis redis-cli ping; fi
            """#
        if withRole {
            text += "\n" + #"""
                if [ "$o" = PONG ]; then
                    if [ -n "$c" ]; then run redis-role docker exec "$c" redis-cli role; else run redis-role redis-cli role; fi
                fi
                """#
        }
        return text
    }

    private static let runnerUnit = #"""
        if have systemctl; then run runner-unit systemctl is-active forgejo-runner; fi
        """#
}

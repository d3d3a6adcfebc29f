# fish completion for infra-dns
# Generated from the tool's declaration; do not edit. Run scripts/regenerate-docs.

function __infra_dns_command_names
    switch "$argv[1]"
        case ''
            printf '%s\n' 'zones' 'list' 'set' 'delete' 'plan' 'apply' 'export' 'help'
    end
end

function __infra_dns_commands
    switch "$argv[1]"
        case ''
            printf '%s\n' 'zones	List the zones of the CloudNS account.' 'list	List the records of a zone.' 'set	Create or update a record; prints created, updated or unchanged.' 'delete	Delete a record, or every record of a host and type.' 'plan	Show the changes that would bring the zones in line with infra.yaml.' 'apply	Make the changes plan shows.' 'export	Print a zone as a dns.zones fragment for infra.yaml.' 'help	Show help for a command.'
    end
end

function __infra_dns_options
    switch "$argv[1]"
        case ''
            printf '%s\n' '--config	Read the topology from FILE instead of the infra.yaml found by walking up from the current directory.' '--json	Print results as JSON on stdout; progress goes to stderr.' '--color	Color the output.' '--verbose	Trace what the tool does on stderr.' '-v	Trace what the tool does on stderr.' '--quiet	Print no warnings or notes on stderr, only errors.' '-q	Print no warnings or notes on stderr, only errors.' '--help	Show help and exit.' '-h	Show help and exit.' '--version	Show the version and exit.' '--credentials	Read CloudNS credentials from FILE (NAME=value lines, owner-only).'
        case 'zones'
            printf '%s\n' '--config	Read the topology from FILE instead of the infra.yaml found by walking up from the current directory.' '--json	Print results as JSON on stdout; progress goes to stderr.' '--color	Color the output.' '--verbose	Trace what the tool does on stderr.' '-v	Trace what the tool does on stderr.' '--quiet	Print no warnings or notes on stderr, only errors.' '-q	Print no warnings or notes on stderr, only errors.' '--help	Show help and exit.' '-h	Show help and exit.' '--version	Show the version and exit.' '--credentials	Read CloudNS credentials from FILE (NAME=value lines, owner-only).'
        case 'list'
            printf '%s\n' '--config	Read the topology from FILE instead of the infra.yaml found by walking up from the current directory.' '--json	Print results as JSON on stdout; progress goes to stderr.' '--color	Color the output.' '--verbose	Trace what the tool does on stderr.' '-v	Trace what the tool does on stderr.' '--quiet	Print no warnings or notes on stderr, only errors.' '-q	Print no warnings or notes on stderr, only errors.' '--help	Show help and exit.' '-h	Show help and exit.' '--version	Show the version and exit.' '--credentials	Read CloudNS credentials from FILE (NAME=value lines, owner-only).' '--type	Only records of this type.' '-t	Only records of this type.' '--host	Only records of this host name (@ for the apex).'
        case 'set'
            printf '%s\n' '--config	Read the topology from FILE instead of the infra.yaml found by walking up from the current directory.' '--json	Print results as JSON on stdout; progress goes to stderr.' '--color	Color the output.' '--verbose	Trace what the tool does on stderr.' '-v	Trace what the tool does on stderr.' '--quiet	Print no warnings or notes on stderr, only errors.' '-q	Print no warnings or notes on stderr, only errors.' '--help	Show help and exit.' '-h	Show help and exit.' '--version	Show the version and exit.' '--credentials	Read CloudNS credentials from FILE (NAME=value lines, owner-only).' '--zone	The zone holding the record; by default the infra.yaml zone HOST ends in, else its only zone, else for a HOST ending in a dot the account zone holding it.' '-z	The zone holding the record; by default the infra.yaml zone HOST ends in, else its only zone, else for a HOST ending in a dot the account zone holding it.' '--ttl	Time to live of the record.' '--replace	Make VALUE the only record of HOST and TYPE, changing or deleting the others.'
        case 'delete'
            printf '%s\n' '--config	Read the topology from FILE instead of the infra.yaml found by walking up from the current directory.' '--json	Print results as JSON on stdout; progress goes to stderr.' '--color	Color the output.' '--verbose	Trace what the tool does on stderr.' '-v	Trace what the tool does on stderr.' '--quiet	Print no warnings or notes on stderr, only errors.' '-q	Print no warnings or notes on stderr, only errors.' '--help	Show help and exit.' '-h	Show help and exit.' '--version	Show the version and exit.' '--credentials	Read CloudNS credentials from FILE (NAME=value lines, owner-only).' '--zone	The zone holding the record; by default the infra.yaml zone HOST ends in, else its only zone, else for a HOST ending in a dot the account zone holding it.' '-z	The zone holding the record; by default the infra.yaml zone HOST ends in, else its only zone, else for a HOST ending in a dot the account zone holding it.'
        case 'plan'
            printf '%s\n' '--config	Read the topology from FILE instead of the infra.yaml found by walking up from the current directory.' '--json	Print results as JSON on stdout; progress goes to stderr.' '--color	Color the output.' '--verbose	Trace what the tool does on stderr.' '-v	Trace what the tool does on stderr.' '--quiet	Print no warnings or notes on stderr, only errors.' '-q	Print no warnings or notes on stderr, only errors.' '--help	Show help and exit.' '-h	Show help and exit.' '--version	Show the version and exit.' '--credentials	Read CloudNS credentials from FILE (NAME=value lines, owner-only).' '--prune	Include the deletions apply --prune would make.' '--exit-code	Exit 0 when no changes are pending, 2 when some are, and 1 on any error.'
        case 'apply'
            printf '%s\n' '--config	Read the topology from FILE instead of the infra.yaml found by walking up from the current directory.' '--json	Print results as JSON on stdout; progress goes to stderr.' '--color	Color the output.' '--verbose	Trace what the tool does on stderr.' '-v	Trace what the tool does on stderr.' '--quiet	Print no warnings or notes on stderr, only errors.' '-q	Print no warnings or notes on stderr, only errors.' '--help	Show help and exit.' '-h	Show help and exit.' '--version	Show the version and exit.' '--credentials	Read CloudNS credentials from FILE (NAME=value lines, owner-only).' '--yes	Apply without asking.' '-y	Apply without asking.' '--prune	Also delete records that infra.yaml does not declare.' '--force	Allow --prune to delete more than 30% of a zone\'s records.'
        case 'export'
            printf '%s\n' '--config	Read the topology from FILE instead of the infra.yaml found by walking up from the current directory.' '--json	Print results as JSON on stdout; progress goes to stderr.' '--color	Color the output.' '--verbose	Trace what the tool does on stderr.' '-v	Trace what the tool does on stderr.' '--quiet	Print no warnings or notes on stderr, only errors.' '-q	Print no warnings or notes on stderr, only errors.' '--help	Show help and exit.' '-h	Show help and exit.' '--version	Show the version and exit.' '--credentials	Read CloudNS credentials from FILE (NAME=value lines, owner-only).'
    end
end

function __infra_dns_value_options
    switch "$argv[1]"
        case ''
            printf '%s\n' '--config' '--color' '--credentials'
        case 'zones'
            printf '%s\n' '--config' '--color' '--credentials'
        case 'list'
            printf '%s\n' '--config' '--color' '--credentials' '--type' '-t' '--host'
        case 'set'
            printf '%s\n' '--config' '--color' '--credentials' '--zone' '-z' '--ttl'
        case 'delete'
            printf '%s\n' '--config' '--color' '--credentials' '--zone' '-z'
        case 'plan'
            printf '%s\n' '--config' '--color' '--credentials'
        case 'apply'
            printf '%s\n' '--config' '--color' '--credentials'
        case 'export'
            printf '%s\n' '--config' '--color' '--credentials'
    end
end

function __infra_dns_is_raw
    return 1
end

function __infra_dns_value
    switch "$argv[1]:$argv[2]"
        case ':--config'
            __fish_complete_path (commandline -ct)
        case ':--color'
            printf '%s\n' 'auto' 'always' 'never'
        case ':--credentials'
            __fish_complete_path (commandline -ct)
        case 'zones:--config'
            __fish_complete_path (commandline -ct)
        case 'zones:--color'
            printf '%s\n' 'auto' 'always' 'never'
        case 'zones:--credentials'
            __fish_complete_path (commandline -ct)
        case 'list:--config'
            __fish_complete_path (commandline -ct)
        case 'list:--color'
            printf '%s\n' 'auto' 'always' 'never'
        case 'list:--credentials'
            __fish_complete_path (commandline -ct)
        case 'list:--type' 'list:-t'
            printf '%s\n' 'A' 'AAAA' 'CAA' 'CNAME' 'MX' 'NS' 'PTR' 'SRV' 'TXT'
        case 'list:--host'
            return
        case 'set:--config'
            __fish_complete_path (commandline -ct)
        case 'set:--color'
            printf '%s\n' 'auto' 'always' 'never'
        case 'set:--credentials'
            __fish_complete_path (commandline -ct)
        case 'set:--zone' 'set:-z'
            __infra_dns_dynamic 'zone' $argv[3] $argv[4]
        case 'set:--ttl'
            return
        case 'delete:--config'
            __fish_complete_path (commandline -ct)
        case 'delete:--color'
            printf '%s\n' 'auto' 'always' 'never'
        case 'delete:--credentials'
            __fish_complete_path (commandline -ct)
        case 'delete:--zone' 'delete:-z'
            __infra_dns_dynamic 'zone' $argv[3] $argv[4]
        case 'plan:--config'
            __fish_complete_path (commandline -ct)
        case 'plan:--color'
            printf '%s\n' 'auto' 'always' 'never'
        case 'plan:--credentials'
            __fish_complete_path (commandline -ct)
        case 'apply:--config'
            __fish_complete_path (commandline -ct)
        case 'apply:--color'
            printf '%s\n' 'auto' 'always' 'never'
        case 'apply:--credentials'
            __fish_complete_path (commandline -ct)
        case 'export:--config'
            __fish_complete_path (commandline -ct)
        case 'export:--color'
            printf '%s\n' 'auto' 'always' 'never'
        case 'export:--credentials'
            __fish_complete_path (commandline -ct)
    end
end

function __infra_dns_argument
    switch "$argv[1]:$argv[2]"
        case 'list:0'
            __infra_dns_dynamic 'zone' $argv[3] $argv[4]
        case 'set:0'
            return
        case 'set:1'
            printf '%s\n' 'A' 'AAAA' 'CAA' 'CNAME' 'MX' 'NS' 'PTR' 'SRV' 'TXT'
        case 'set:2'
            return
        case 'delete:0'
            return
        case 'delete:1'
            printf '%s\n' 'A' 'AAAA' 'CAA' 'CNAME' 'MX' 'NS' 'PTR' 'SRV' 'TXT'
        case 'delete:2'
            return
        case 'export:0'
            __infra_dns_dynamic 'zone' $argv[3] $argv[4]
    end
end

function __infra_dns_dynamic
    if test -n "$argv[3]"
        $argv[2] __complete $argv[1] --config $argv[3] 2>/dev/null
    else
        $argv[2] __complete $argv[1] 2>/dev/null
    end
end

function __infra_dns_complete
    set -l tokens (commandline -opc)
    set -l cur (commandline -ct)
    set -l tool $tokens[1]
    set -e tokens[1]
    set -l cmd_path ''
    set -l config ''
    set -l pending ''
    set -l only_args 0
    set -l count 0
    for word in $tokens
        if test -n "$pending"
            test "$pending" = --config; and set config $word
            set pending ''
        else if test $only_args = 1
            set count (math $count + 1)
        else if test "$word" = --
            set only_args 1
        else if string match -q -- '--*=*' $word
            string match -q -- '--config=*' $word; and set config (string replace -- '--config=' '' $word)
        else if string match -q -- '-?*' $word
            contains -- $word (__infra_dns_value_options $cmd_path); and set pending $word
        else if test $count = 0; and contains -- $word (__infra_dns_command_names $cmd_path)
            set cmd_path (string trim -- "$cmd_path $word")
        else
            set count (math $count + 1)
            __infra_dns_is_raw $cmd_path; and set only_args 1
        end
    end

    set -l names (__infra_dns_command_names $cmd_path)
    if test -n "$pending"
        __infra_dns_value $cmd_path $pending $tool $config
    else if test $only_args = 0; and string match -q -- '--*=*' $cur
        set -l option (string split -m 1 -- = $cur)[1]
        __infra_dns_value $cmd_path $option $tool $config | string replace -r -- '^' "$option="
    else if test $only_args = 0; and string match -q -- '-*' $cur
        __infra_dns_options $cmd_path
    else if test $only_args = 0 -a $count = 0 -a (count $names) -gt 0
        __infra_dns_commands $cmd_path
    else if not __infra_dns_is_raw $cmd_path; or test $only_args = 0 -a $count = 0
        __infra_dns_argument $cmd_path $count $tool $config
    end
end

complete -c infra-dns -f -a '(__infra_dns_complete)'

# fish completion for infra-status
# Generated from the tool's declaration; do not edit. Run scripts/regenerate-docs.

function __infra_status_command_names
    switch "$argv[1]"
    end
end

function __infra_status_commands
    switch "$argv[1]"
    end
end

function __infra_status_options
    switch "$argv[1]"
        case ''
            printf '%s\n' '--config	Read the topology from FILE instead of the infra.yaml found by walking up from the current directory.' '--json	Print results as JSON on stdout; progress goes to stderr.' '--color	Color the output.' '--verbose	Trace what the tool does on stderr.' '-v	Trace what the tool does on stderr.' '--quiet	Print no warnings or notes on stderr, only errors.' '-q	Print no warnings or notes on stderr, only errors.' '--help	Show help and exit.' '-h	Show help and exit.' '--version	Show the version and exit.' '--host	Check this host.' '--role	Check the hosts with this role.' '--timeout	Seconds, fractions allowed, each host may take to connect, log in and answer the probe.' '--jobs	Probe at most N hosts at once.' '-j	Probe at most N hosts at once.' '--known-hosts	Check host keys against FILE instead of ~/.ssh/known_hosts.' '--accept-new	Trust and record the key of a host not yet known.' '--format	Output format.' '--output	Write the report to FILE, atomically, instead of stdout.' '-o	Write the report to FILE, atomically, instead of stdout.' '--nagios	Print one Nagios status line and exit 0, 1, 2 or 3.'
    end
end

function __infra_status_value_options
    switch "$argv[1]"
        case ''
            printf '%s\n' '--config' '--color' '--host' '--role' '--timeout' '--jobs' '-j' '--known-hosts' '--format' '--output' '-o'
    end
end

function __infra_status_is_raw
    return 1
end

function __infra_status_value
    switch "$argv[1]:$argv[2]"
        case ':--config'
            __fish_complete_path (commandline -ct)
        case ':--color'
            printf '%s\n' 'auto' 'always' 'never'
        case ':--host'
            __infra_status_dynamic 'host' $argv[3] $argv[4]
        case ':--role'
            __infra_status_dynamic 'role' $argv[3] $argv[4]
        case ':--timeout'
            return
        case ':--jobs' ':-j'
            return
        case ':--known-hosts'
            __fish_complete_path (commandline -ct)
        case ':--format'
            printf '%s\n' 'table' 'json' 'prometheus'
        case ':--output' ':-o'
            __fish_complete_path (commandline -ct)
    end
end

function __infra_status_argument
    switch "$argv[1]:$argv[2]"
    end
end

function __infra_status_dynamic
    if test -n "$argv[3]"
        $argv[2] __complete $argv[1] --config $argv[3] 2>/dev/null
    else
        $argv[2] __complete $argv[1] 2>/dev/null
    end
end

function __infra_status_complete
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
            contains -- $word (__infra_status_value_options $cmd_path); and set pending $word
        else if test $count = 0; and contains -- $word (__infra_status_command_names $cmd_path)
            set cmd_path (string trim -- "$cmd_path $word")
        else
            set count (math $count + 1)
            __infra_status_is_raw $cmd_path; and set only_args 1
        end
    end

    set -l names (__infra_status_command_names $cmd_path)
    if test -n "$pending"
        __infra_status_value $cmd_path $pending $tool $config
    else if test $only_args = 0; and string match -q -- '--*=*' $cur
        set -l option (string split -m 1 -- = $cur)[1]
        __infra_status_value $cmd_path $option $tool $config | string replace -r -- '^' "$option="
    else if test $only_args = 0; and string match -q -- '-*' $cur
        __infra_status_options $cmd_path
    else if test $only_args = 0 -a $count = 0 -a (count $names) -gt 0
        __infra_status_commands $cmd_path
    else if not __infra_status_is_raw $cmd_path; or test $only_args = 0 -a $count = 0
        __infra_status_argument $cmd_path $count $tool $config
    end
end

complete -c infra-status -f -a '(__infra_status_complete)'

# fish completion for infra-monitor
# Generated from the tool's declaration; do not edit. Run scripts/regenerate-docs.

function __infra_monitor_command_names
    switch "$argv[1]"
    end
end

function __infra_monitor_commands
    switch "$argv[1]"
    end
end

function __infra_monitor_options
    switch "$argv[1]"
        case ''
            printf '%s\n' '--config	Read the topology from FILE instead of the infra.yaml found by walking up from the current directory.' '--json	Print results as JSON on stdout; progress goes to stderr.' '--color	Color the output.' '--verbose	Trace what the tool does on stderr.' '-v	Trace what the tool does on stderr.' '--quiet	Print no warnings or notes on stderr, only errors.' '-q	Print no warnings or notes on stderr, only errors.' '--help	Show help and exit.' '-h	Show help and exit.' '--version	Show the version and exit.' '--repo	Check this repository.' '-r	Check this repository.' '--repos-file	Check the repositories listed in FILE, one OWNER/NAME a line, # starting a comment; - reads standard input.' '--org	Check every repository of this organization at once, through the organization-level alert lists, which need an owner or security manager.' '--kind	Only read alerts of this kind.' '-k	Only read alerts of this kind.' '--severity	Only show findings this severe or worse.' '-s	Only show findings this severe or worse.' '--fail-on	Exit 1 when a finding is this severe or worse, whatever --severity shows.' '--format	Output format.' '--jobs	gh runs at once.' '-j	gh runs at once.' '--timeout	Longest one gh run (one alert list, every page) may take.'
    end
end

function __infra_monitor_value_options
    switch "$argv[1]"
        case ''
            printf '%s\n' '--config' '--color' '--repo' '-r' '--repos-file' '--org' '--kind' '-k' '--severity' '-s' '--fail-on' '--format' '--jobs' '-j' '--timeout'
    end
end

function __infra_monitor_is_raw
    return 1
end

function __infra_monitor_value
    switch "$argv[1]:$argv[2]"
        case ':--config'
            __fish_complete_path (commandline -ct)
        case ':--color'
            printf '%s\n' 'auto' 'always' 'never'
        case ':--repo' ':-r'
            __infra_monitor_dynamic 'repository' $argv[3] $argv[4]
        case ':--repos-file'
            __fish_complete_path (commandline -ct)
        case ':--org'
            __infra_monitor_dynamic 'organization' $argv[3] $argv[4]
        case ':--kind' ':-k'
            printf '%s\n' 'code-scanning' 'dependabot' 'secret-scanning'
        case ':--severity' ':-s'
            printf '%s\n' 'critical' 'high' 'medium' 'low'
        case ':--fail-on'
            printf '%s\n' 'critical' 'high' 'medium' 'low'
        case ':--format'
            printf '%s\n' 'table' 'json' 'csv'
        case ':--jobs' ':-j'
            return
        case ':--timeout'
            return
    end
end

function __infra_monitor_argument
    switch "$argv[1]:$argv[2]"
    end
end

function __infra_monitor_dynamic
    if test -n "$argv[3]"
        $argv[2] __complete $argv[1] --config $argv[3] 2>/dev/null
    else
        $argv[2] __complete $argv[1] 2>/dev/null
    end
end

function __infra_monitor_complete
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
            contains -- $word (__infra_monitor_value_options $cmd_path); and set pending $word
        else if test $count = 0; and contains -- $word (__infra_monitor_command_names $cmd_path)
            set cmd_path (string trim -- "$cmd_path $word")
        else
            set count (math $count + 1)
            __infra_monitor_is_raw $cmd_path; and set only_args 1
        end
    end

    set -l names (__infra_monitor_command_names $cmd_path)
    if test -n "$pending"
        __infra_monitor_value $cmd_path $pending $tool $config
    else if test $only_args = 0; and string match -q -- '--*=*' $cur
        set -l option (string split -m 1 -- = $cur)[1]
        __infra_monitor_value $cmd_path $option $tool $config | string replace -r -- '^' "$option="
    else if test $only_args = 0; and string match -q -- '-*' $cur
        __infra_monitor_options $cmd_path
    else if test $only_args = 0 -a $count = 0 -a (count $names) -gt 0
        __infra_monitor_commands $cmd_path
    else if not __infra_monitor_is_raw $cmd_path; or test $only_args = 0 -a $count = 0
        __infra_monitor_argument $cmd_path $count $tool $config
    end
end

complete -c infra-monitor -f -a '(__infra_monitor_complete)'

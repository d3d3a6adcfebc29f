# fish completion for infra-setup
# Generated from the tool's declaration; do not edit. Run scripts/regenerate-docs.

function __infra_setup_command_names
    switch "$argv[1]"
        case ''
            printf '%s\n' 'run' 'discover' 'snapshot' 'help'
    end
end

function __infra_setup_commands
    switch "$argv[1]"
        case ''
            printf '%s\n' 'run	Run the pipeline (the default command).' 'discover	Compare the hosts of infra.yaml with the servers of Hetzner Cloud and Robot.' 'snapshot	Take a snapshot of a Cloud server and print the image id.' 'help	Show help for a command.'
    end
end

function __infra_setup_options
    switch "$argv[1]"
        case ''
            printf '%s\n' '--config	Read the topology from FILE instead of the infra.yaml found by walking up from the current directory.' '--json	Print results as JSON on stdout; progress goes to stderr.' '--color	Color the output.' '--verbose	Trace what the tool does on stderr.' '-v	Trace what the tool does on stderr.' '--quiet	Print no warnings or notes on stderr, only errors.' '-q	Print no warnings or notes on stderr, only errors.' '--help	Show help and exit.' '-h	Show help and exit.' '--version	Show the version and exit.' '--dry-run	Show the plan and change nothing; exit 2 when changes are pending.' '-n	Show the plan and change nothing; exit 2 when changes are pending.' '--step	Run only this step.' '--yes	Apply without asking.' '-y	Apply without asking.'
        case 'run'
            printf '%s\n' '--config	Read the topology from FILE instead of the infra.yaml found by walking up from the current directory.' '--json	Print results as JSON on stdout; progress goes to stderr.' '--color	Color the output.' '--verbose	Trace what the tool does on stderr.' '-v	Trace what the tool does on stderr.' '--quiet	Print no warnings or notes on stderr, only errors.' '-q	Print no warnings or notes on stderr, only errors.' '--help	Show help and exit.' '-h	Show help and exit.' '--version	Show the version and exit.' '--dry-run	Show the plan and change nothing; exit 2 when changes are pending.' '-n	Show the plan and change nothing; exit 2 when changes are pending.' '--step	Run only this step.' '--yes	Apply without asking.' '-y	Apply without asking.'
        case 'discover'
            printf '%s\n' '--config	Read the topology from FILE instead of the infra.yaml found by walking up from the current directory.' '--json	Print results as JSON on stdout; progress goes to stderr.' '--color	Color the output.' '--verbose	Trace what the tool does on stderr.' '-v	Trace what the tool does on stderr.' '--quiet	Print no warnings or notes on stderr, only errors.' '-q	Print no warnings or notes on stderr, only errors.' '--help	Show help and exit.' '-h	Show help and exit.' '--version	Show the version and exit.'
        case 'snapshot'
            printf '%s\n' '--config	Read the topology from FILE instead of the infra.yaml found by walking up from the current directory.' '--json	Print results as JSON on stdout; progress goes to stderr.' '--color	Color the output.' '--verbose	Trace what the tool does on stderr.' '-v	Trace what the tool does on stderr.' '--quiet	Print no warnings or notes on stderr, only errors.' '-q	Print no warnings or notes on stderr, only errors.' '--help	Show help and exit.' '-h	Show help and exit.' '--version	Show the version and exit.' '--description	The snapshot\'s description (default: HOST and the date).'
    end
end

function __infra_setup_value_options
    switch "$argv[1]"
        case ''
            printf '%s\n' '--config' '--color' '--step'
        case 'run'
            printf '%s\n' '--config' '--color' '--step'
        case 'discover'
            printf '%s\n' '--config' '--color'
        case 'snapshot'
            printf '%s\n' '--config' '--color' '--description'
    end
end

function __infra_setup_is_raw
    return 1
end

function __infra_setup_value
    switch "$argv[1]:$argv[2]"
        case ':--config'
            __fish_complete_path (commandline -ct)
        case ':--color'
            printf '%s\n' 'auto' 'always' 'never'
        case ':--step'
            printf '%s\n' 'all' 'discover' 'lb' 'dns'
        case 'run:--config'
            __fish_complete_path (commandline -ct)
        case 'run:--color'
            printf '%s\n' 'auto' 'always' 'never'
        case 'run:--step'
            printf '%s\n' 'all' 'discover' 'lb' 'dns'
        case 'discover:--config'
            __fish_complete_path (commandline -ct)
        case 'discover:--color'
            printf '%s\n' 'auto' 'always' 'never'
        case 'snapshot:--config'
            __fish_complete_path (commandline -ct)
        case 'snapshot:--color'
            printf '%s\n' 'auto' 'always' 'never'
        case 'snapshot:--description'
            return
    end
end

function __infra_setup_argument
    switch "$argv[1]:$argv[2]"
        case 'snapshot:0'
            __infra_setup_dynamic 'host' $argv[3] $argv[4]
    end
end

function __infra_setup_dynamic
    if test -n "$argv[3]"
        $argv[2] __complete $argv[1] --config $argv[3] 2>/dev/null
    else
        $argv[2] __complete $argv[1] 2>/dev/null
    end
end

function __infra_setup_complete
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
            contains -- $word (__infra_setup_value_options $cmd_path); and set pending $word
        else if test $count = 0; and contains -- $word (__infra_setup_command_names $cmd_path)
            set cmd_path (string trim -- "$cmd_path $word")
        else
            set count (math $count + 1)
            __infra_setup_is_raw $cmd_path; and set only_args 1
        end
    end

    set -l names (__infra_setup_command_names $cmd_path)
    if test -n "$pending"
        __infra_setup_value $cmd_path $pending $tool $config
    else if test $only_args = 0; and string match -q -- '--*=*' $cur
        set -l option (string split -m 1 -- = $cur)[1]
        __infra_setup_value $cmd_path $option $tool $config | string replace -r -- '^' "$option="
    else if test $only_args = 0; and string match -q -- '-*' $cur
        __infra_setup_options $cmd_path
    else if test $only_args = 0 -a $count = 0 -a (count $names) -gt 0
        __infra_setup_commands $cmd_path
    else if not __infra_setup_is_raw $cmd_path; or test $only_args = 0 -a $count = 0
        __infra_setup_argument $cmd_path $count $tool $config
    end
end

complete -c infra-setup -f -a '(__infra_setup_complete)'

# fish completion for infra-lb
# Generated from the tool's declaration; do not edit. Run scripts/regenerate-docs.

function __infra_lb_command_names
    switch "$argv[1]"
        case ''
            printf '%s\n' 'status' 'plan' 'apply' 'delete' 'cert' 'help'
        case 'cert'
            printf '%s\n' 'deploy' 'help'
    end
end

function __infra_lb_commands
    switch "$argv[1]"
        case ''
            printf '%s\n' 'status	Show a load balancer and the health of its targets.' 'plan	Show the changes that would bring the load balancer in line with infra.yaml.' 'apply	Make the changes plan shows.' 'delete	Delete a load balancer.' 'cert	Certificates of the load balancer\'s https services.' 'help	Show help for a command.'
        case 'cert'
            printf '%s\n' 'deploy	Upload a certificate and switch every https service of the load balancer to it.' 'help	Show help for a command.'
    end
end

function __infra_lb_options
    switch "$argv[1]"
        case ''
            printf '%s\n' '--config	Read the topology from FILE instead of the infra.yaml found by walking up from the current directory.' '--json	Print results as JSON on stdout; progress goes to stderr.' '--color	Color the output.' '--verbose	Trace what the tool does on stderr.' '-v	Trace what the tool does on stderr.' '--quiet	Print no warnings or notes on stderr, only errors.' '-q	Print no warnings or notes on stderr, only errors.' '--help	Show help and exit.' '-h	Show help and exit.' '--version	Show the version and exit.'
        case 'status'
            printf '%s\n' '--config	Read the topology from FILE instead of the infra.yaml found by walking up from the current directory.' '--json	Print results as JSON on stdout; progress goes to stderr.' '--color	Color the output.' '--verbose	Trace what the tool does on stderr.' '-v	Trace what the tool does on stderr.' '--quiet	Print no warnings or notes on stderr, only errors.' '-q	Print no warnings or notes on stderr, only errors.' '--help	Show help and exit.' '-h	Show help and exit.' '--version	Show the version and exit.'
        case 'plan'
            printf '%s\n' '--config	Read the topology from FILE instead of the infra.yaml found by walking up from the current directory.' '--json	Print results as JSON on stdout; progress goes to stderr.' '--color	Color the output.' '--verbose	Trace what the tool does on stderr.' '-v	Trace what the tool does on stderr.' '--quiet	Print no warnings or notes on stderr, only errors.' '-q	Print no warnings or notes on stderr, only errors.' '--help	Show help and exit.' '-h	Show help and exit.' '--version	Show the version and exit.' '--exit-code	Exit 0 when no changes are pending, 2 when some are, and 1 on any error.'
        case 'apply'
            printf '%s\n' '--config	Read the topology from FILE instead of the infra.yaml found by walking up from the current directory.' '--json	Print results as JSON on stdout; progress goes to stderr.' '--color	Color the output.' '--verbose	Trace what the tool does on stderr.' '-v	Trace what the tool does on stderr.' '--quiet	Print no warnings or notes on stderr, only errors.' '-q	Print no warnings or notes on stderr, only errors.' '--help	Show help and exit.' '-h	Show help and exit.' '--version	Show the version and exit.' '--yes	Apply without asking.' '-y	Apply without asking.'
        case 'delete'
            printf '%s\n' '--config	Read the topology from FILE instead of the infra.yaml found by walking up from the current directory.' '--json	Print results as JSON on stdout; progress goes to stderr.' '--color	Color the output.' '--verbose	Trace what the tool does on stderr.' '-v	Trace what the tool does on stderr.' '--quiet	Print no warnings or notes on stderr, only errors.' '-q	Print no warnings or notes on stderr, only errors.' '--help	Show help and exit.' '-h	Show help and exit.' '--version	Show the version and exit.' '--yes	Really delete; delete refuses without it.' '-y	Really delete; delete refuses without it.'
        case 'cert'
            printf '%s\n' '--config	Read the topology from FILE instead of the infra.yaml found by walking up from the current directory.' '--json	Print results as JSON on stdout; progress goes to stderr.' '--color	Color the output.' '--verbose	Trace what the tool does on stderr.' '-v	Trace what the tool does on stderr.' '--quiet	Print no warnings or notes on stderr, only errors.' '-q	Print no warnings or notes on stderr, only errors.' '--help	Show help and exit.' '-h	Show help and exit.' '--version	Show the version and exit.'
        case 'cert deploy'
            printf '%s\n' '--config	Read the topology from FILE instead of the infra.yaml found by walking up from the current directory.' '--json	Print results as JSON on stdout; progress goes to stderr.' '--color	Color the output.' '--verbose	Trace what the tool does on stderr.' '-v	Trace what the tool does on stderr.' '--quiet	Print no warnings or notes on stderr, only errors.' '-q	Print no warnings or notes on stderr, only errors.' '--help	Show help and exit.' '-h	Show help and exit.' '--version	Show the version and exit.' '--cert	The certificate chain, leaf first (PEM).' '--key	The certificate\'s private key (PEM); never printed.'
    end
end

function __infra_lb_value_options
    switch "$argv[1]"
        case ''
            printf '%s\n' '--config' '--color'
        case 'status'
            printf '%s\n' '--config' '--color'
        case 'plan'
            printf '%s\n' '--config' '--color'
        case 'apply'
            printf '%s\n' '--config' '--color'
        case 'delete'
            printf '%s\n' '--config' '--color'
        case 'cert'
            printf '%s\n' '--config' '--color'
        case 'cert deploy'
            printf '%s\n' '--config' '--color' '--cert' '--key'
    end
end

function __infra_lb_is_raw
    return 1
end

function __infra_lb_value
    switch "$argv[1]:$argv[2]"
        case ':--config'
            __fish_complete_path (commandline -ct)
        case ':--color'
            printf '%s\n' 'auto' 'always' 'never'
        case 'status:--config'
            __fish_complete_path (commandline -ct)
        case 'status:--color'
            printf '%s\n' 'auto' 'always' 'never'
        case 'plan:--config'
            __fish_complete_path (commandline -ct)
        case 'plan:--color'
            printf '%s\n' 'auto' 'always' 'never'
        case 'apply:--config'
            __fish_complete_path (commandline -ct)
        case 'apply:--color'
            printf '%s\n' 'auto' 'always' 'never'
        case 'delete:--config'
            __fish_complete_path (commandline -ct)
        case 'delete:--color'
            printf '%s\n' 'auto' 'always' 'never'
        case 'cert:--config'
            __fish_complete_path (commandline -ct)
        case 'cert:--color'
            printf '%s\n' 'auto' 'always' 'never'
        case 'cert deploy:--config'
            __fish_complete_path (commandline -ct)
        case 'cert deploy:--color'
            printf '%s\n' 'auto' 'always' 'never'
        case 'cert deploy:--cert'
            __fish_complete_path (commandline -ct)
        case 'cert deploy:--key'
            __fish_complete_path (commandline -ct)
    end
end

function __infra_lb_argument
    switch "$argv[1]:$argv[2]"
        case 'status:0'
            __infra_lb_dynamic 'load-balancer' $argv[3] $argv[4]
        case 'delete:0'
            __infra_lb_dynamic 'load-balancer' $argv[3] $argv[4]
        case 'cert deploy:'*
            __infra_lb_dynamic 'load-balancer' $argv[3] $argv[4]
    end
end

function __infra_lb_dynamic
    if test -n "$argv[3]"
        $argv[2] __complete $argv[1] --config $argv[3] 2>/dev/null
    else
        $argv[2] __complete $argv[1] 2>/dev/null
    end
end

function __infra_lb_complete
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
            contains -- $word (__infra_lb_value_options $cmd_path); and set pending $word
        else if test $count = 0; and contains -- $word (__infra_lb_command_names $cmd_path)
            set cmd_path (string trim -- "$cmd_path $word")
        else
            set count (math $count + 1)
            __infra_lb_is_raw $cmd_path; and set only_args 1
        end
    end

    set -l names (__infra_lb_command_names $cmd_path)
    if test -n "$pending"
        __infra_lb_value $cmd_path $pending $tool $config
    else if test $only_args = 0; and string match -q -- '--*=*' $cur
        set -l option (string split -m 1 -- = $cur)[1]
        __infra_lb_value $cmd_path $option $tool $config | string replace -r -- '^' "$option="
    else if test $only_args = 0; and string match -q -- '-*' $cur
        __infra_lb_options $cmd_path
    else if test $only_args = 0 -a $count = 0 -a (count $names) -gt 0
        __infra_lb_commands $cmd_path
    else if not __infra_lb_is_raw $cmd_path; or test $only_args = 0 -a $count = 0
        __infra_lb_argument $cmd_path $count $tool $config
    end
end

complete -c infra-lb -f -a '(__infra_lb_complete)'

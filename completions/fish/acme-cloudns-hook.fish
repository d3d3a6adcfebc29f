# fish completion for acme-cloudns-hook
# Generated from the tool's declaration; do not edit. Run scripts/regenerate-docs.

function __acme_cloudns_hook_command_names
    switch "$argv[1]"
        case ''
            printf '%s\n' 'present' 'cleanup' 'deploy_challenge' 'clean_challenge' 'check' 'help'
    end
end

function __acme_cloudns_hook_commands
    switch "$argv[1]"
        case ''
            printf '%s\n' 'present	Publish a challenge value (lego, or by hand).' 'cleanup	Remove a challenge value (lego, or by hand).' 'deploy_challenge	dehydrated: publish the challenge records.' 'clean_challenge	dehydrated: remove the challenge records.' 'check	Verify the credentials and list the zones the hook can manage.' 'help	Show help for a command.'
    end
end

function __acme_cloudns_hook_options
    switch "$argv[1]"
        case ''
            printf '%s\n' '--config	Read the topology from FILE instead of the infra.yaml found by walking up from the current directory.' '--json	Print results as JSON on stdout; progress goes to stderr.' '--color	Color the output.' '--verbose	Trace what the tool does on stderr.' '-v	Trace what the tool does on stderr.' '--quiet	Print no warnings or notes on stderr, only errors.' '-q	Print no warnings or notes on stderr, only errors.' '--help	Show help and exit.' '-h	Show help and exit.' '--version	Show the version and exit.'
        case 'present'
            printf '%s\n' '--config	Read the topology from FILE instead of the infra.yaml found by walking up from the current directory.' '--json	Print results as JSON on stdout; progress goes to stderr.' '--color	Color the output.' '--verbose	Trace what the tool does on stderr.' '-v	Trace what the tool does on stderr.' '--quiet	Print no warnings or notes on stderr, only errors.' '-q	Print no warnings or notes on stderr, only errors.' '--help	Show help and exit.' '-h	Show help and exit.' '--version	Show the version and exit.'
        case 'cleanup'
            printf '%s\n' '--config	Read the topology from FILE instead of the infra.yaml found by walking up from the current directory.' '--json	Print results as JSON on stdout; progress goes to stderr.' '--color	Color the output.' '--verbose	Trace what the tool does on stderr.' '-v	Trace what the tool does on stderr.' '--quiet	Print no warnings or notes on stderr, only errors.' '-q	Print no warnings or notes on stderr, only errors.' '--help	Show help and exit.' '-h	Show help and exit.' '--version	Show the version and exit.'
        case 'deploy_challenge'
            printf '%s\n' '--config	Read the topology from FILE instead of the infra.yaml found by walking up from the current directory.' '--json	Print results as JSON on stdout; progress goes to stderr.' '--color	Color the output.' '--verbose	Trace what the tool does on stderr.' '-v	Trace what the tool does on stderr.' '--quiet	Print no warnings or notes on stderr, only errors.' '-q	Print no warnings or notes on stderr, only errors.' '--help	Show help and exit.' '-h	Show help and exit.' '--version	Show the version and exit.'
        case 'clean_challenge'
            printf '%s\n' '--config	Read the topology from FILE instead of the infra.yaml found by walking up from the current directory.' '--json	Print results as JSON on stdout; progress goes to stderr.' '--color	Color the output.' '--verbose	Trace what the tool does on stderr.' '-v	Trace what the tool does on stderr.' '--quiet	Print no warnings or notes on stderr, only errors.' '-q	Print no warnings or notes on stderr, only errors.' '--help	Show help and exit.' '-h	Show help and exit.' '--version	Show the version and exit.'
        case 'check'
            printf '%s\n' '--config	Read the topology from FILE instead of the infra.yaml found by walking up from the current directory.' '--json	Print results as JSON on stdout; progress goes to stderr.' '--color	Color the output.' '--verbose	Trace what the tool does on stderr.' '-v	Trace what the tool does on stderr.' '--quiet	Print no warnings or notes on stderr, only errors.' '-q	Print no warnings or notes on stderr, only errors.' '--help	Show help and exit.' '-h	Show help and exit.' '--version	Show the version and exit.'
    end
end

function __acme_cloudns_hook_value_options
    switch "$argv[1]"
        case ''
            printf '%s\n' '--config' '--color'
        case 'present'
            printf '%s\n' '--config' '--color'
        case 'cleanup'
            printf '%s\n' '--config' '--color'
        case 'deploy_challenge'
            printf '%s\n' '--config' '--color'
        case 'clean_challenge'
            printf '%s\n' '--config' '--color'
        case 'check'
            printf '%s\n' '--config' '--color'
    end
end

function __acme_cloudns_hook_is_raw
    contains -- "$argv[1]" '' 'present' 'cleanup' 'deploy_challenge' 'clean_challenge'
end

function __acme_cloudns_hook_value
    switch "$argv[1]:$argv[2]"
        case ':--config'
            __fish_complete_path (commandline -ct)
        case ':--color'
            printf '%s\n' 'auto' 'always' 'never'
        case 'present:--config'
            __fish_complete_path (commandline -ct)
        case 'present:--color'
            printf '%s\n' 'auto' 'always' 'never'
        case 'cleanup:--config'
            __fish_complete_path (commandline -ct)
        case 'cleanup:--color'
            printf '%s\n' 'auto' 'always' 'never'
        case 'deploy_challenge:--config'
            __fish_complete_path (commandline -ct)
        case 'deploy_challenge:--color'
            printf '%s\n' 'auto' 'always' 'never'
        case 'clean_challenge:--config'
            __fish_complete_path (commandline -ct)
        case 'clean_challenge:--color'
            printf '%s\n' 'auto' 'always' 'never'
        case 'check:--config'
            __fish_complete_path (commandline -ct)
        case 'check:--color'
            printf '%s\n' 'auto' 'always' 'never'
    end
end

function __acme_cloudns_hook_argument
    switch "$argv[1]:$argv[2]"
        case 'present:0'
            return
        case 'present:1'
            return
        case 'cleanup:0'
            return
        case 'cleanup:1'
            return
        case 'deploy_challenge:0'
            return
        case 'deploy_challenge:1'
            return
        case 'deploy_challenge:2'
            return
        case 'clean_challenge:0'
            return
        case 'clean_challenge:1'
            return
        case 'clean_challenge:2'
            return
    end
end

function __acme_cloudns_hook_dynamic
    if test -n "$argv[3]"
        $argv[2] __complete $argv[1] --config $argv[3] 2>/dev/null
    else
        $argv[2] __complete $argv[1] 2>/dev/null
    end
end

function __acme_cloudns_hook_complete
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
            contains -- $word (__acme_cloudns_hook_value_options $cmd_path); and set pending $word
        else if test $count = 0; and contains -- $word (__acme_cloudns_hook_command_names $cmd_path)
            set cmd_path (string trim -- "$cmd_path $word")
        else
            set count (math $count + 1)
            __acme_cloudns_hook_is_raw $cmd_path; and set only_args 1
        end
    end

    set -l names (__acme_cloudns_hook_command_names $cmd_path)
    if test -n "$pending"
        __acme_cloudns_hook_value $cmd_path $pending $tool $config
    else if test $only_args = 0; and string match -q -- '--*=*' $cur
        set -l option (string split -m 1 -- = $cur)[1]
        __acme_cloudns_hook_value $cmd_path $option $tool $config | string replace -r -- '^' "$option="
    else if test $only_args = 0; and string match -q -- '-*' $cur
        __acme_cloudns_hook_options $cmd_path
    else if test $only_args = 0 -a $count = 0 -a (count $names) -gt 0
        __acme_cloudns_hook_commands $cmd_path
    else if not __acme_cloudns_hook_is_raw $cmd_path; or test $only_args = 0 -a $count = 0
        __acme_cloudns_hook_argument $cmd_path $count $tool $config
    end
end

complete -c acme-cloudns-hook -f -a '(__acme_cloudns_hook_complete)'

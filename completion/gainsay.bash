# gainsay.bash - bash completion for gainsay.  The options come from
# `gainsay <command> --help` itself, so they cannot drift from it.
_gainsay()
{
    local cur=${COMP_WORDS[COMP_CWORD]} cmd=${COMP_WORDS[1]:-} opts prev
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "check train eval score explain split --help --version" -- "$cur"))
        return
    fi
    # the value of an option whose --help reads --opt=(a|b|c): bash splits
    # --opt=x at the '=' into the words --opt, = and x
    prev=${COMP_WORDS[COMP_CWORD-1]:-}
    if [ "$cur" = "=" ]; then
        cur=
    elif [ "$prev" = "=" ] && [ "$COMP_CWORD" -ge 2 ]; then
        prev=${COMP_WORDS[COMP_CWORD-2]}
    fi
    case $prev in
    --[a-z]*)
        opts=$("${COMP_WORDS[0]}" "$cmd" --help 2>/dev/null |
            sed -n "s/^ *\(-[a-zA-Z], \)\{0,1\}$prev=(\([a-z0-9|-]*\)).*/\2/p" |
            tr '|' ' ')
        if [ -n "$opts" ]; then
            COMPREPLY=($(compgen -W "$opts" -- "$cur"))
            return
        fi
        ;;
    esac
    case $cur in
    -*)
        opts=$("${COMP_WORDS[0]}" "$cmd" --help 2>/dev/null |
            sed -n 's/^ *\(-[a-zA-Z], \)\{0,1\}\(--[a-z0-9-]*\).*/\2/p')
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        ;;
    *)
        COMPREPLY=($(compgen -f -- "$cur"))
        ;;
    esac
}
complete -o filenames -F _gainsay gainsay

# gainsay.bash - bash completion for gainsay.  The options come from
# `gainsay <command> --help` itself, so they cannot drift from it.
_gainsay()
{
    local cur=${COMP_WORDS[COMP_CWORD]} cmd=${COMP_WORDS[1]:-} opts
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "check train eval score explain split --help --version" -- "$cur"))
        return
    fi
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

# bash completion for tkvv(1).                                -*- shell-script -*-
# Installed as the completion of `tkvv` (bash-completion's completionsdir).
# To add a command or an option: one line in _tkvv_opts (command, then its
# options) and, when an option takes a value from a fixed list, one line in
# _tkvv_values (command:option, then the values; *:option for any command).

_tkvv_opts='
ui
demo --seed --scale --as-of
import --sheet --encoding
export --format --force --bom --sep
search --format --limit
check
backup
summary
report --as-of --from --to --format --out --force
regroup --commune --hamlet --all --min --max --moves-weight --max-moves --new-leaders --format --save --apply --note --no-merges --review-leaders --org-tolerance --tradeoff --no-tradeoff
plan --format --note
roster --hamlet --group --plan --format --force
map --hamlet --plan --force
sheet --group --hamlet --commune --month --force
sync --site --role --communes
'

_tkvv_values='
demo:--scale district province
export:--format csv json text xlsx
export:--sep , ; tab
import:--encoding utf-8 utf-16 utf-16le utf-16be cp1258
search:--format text csv json
report:--format text csv json xlsx
regroup:--format text csv json
plan:--format text csv json
roster:--format csv xlsx
sync:--role office laptop
'

# The words after the command that name what it works on.
_tkvv_kinds='communes hamlets groups members loans payments programs'
_tkvv_subcommands='
report kpi groups compare
plan list show apply discard undo
sheet import
sync key init status
import KIND
export KIND
'

# Options that take a value (completed as a value, not as the next word).
_tkvv_takes_value='--db --config --seed --scale --as-of --format --limit --from --to --out --commune --hamlet --min --max --moves-weight --max-moves --note --group --plan --month --org-tolerance --sheet --encoding --sep --site --role --communes'

_tkvv()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	COMPREPLY=()

	# The command: the first word that is neither an option nor its value.
	local i cmd= cmdi=0 w
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		-*) [[ " $_tkvv_takes_value " == *" $w "* ]] && ((i++)) ;;
		*) cmd=$w cmdi=$i; break ;;
		esac
	done

	# A value of the option before the cursor.
	case $prev in
	--db | --config | --out)
		COMPREPLY=($(compgen -f -- "$cur"))
		return 0
		;;
	esac
	if [[ " $_tkvv_takes_value " == *" $prev "* ]]; then
		local line vals=
		while read -r line; do
			[[ -z $line ]] && continue
			case ${line%% *} in
			"$cmd:$prev" | "*:$prev") vals=${line#* } ;;
			esac
		done <<<"$_tkvv_values"
		[[ -n $vals ]] && COMPREPLY=($(compgen -W "$vals" -- "$cur"))
		return 0
	fi

	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W '--db --config --help --version' -- "$cur"))
		else
			local cmds=
			while read -r line; do
				[[ -n $line ]] && cmds="$cmds ${line%% *}"
			done <<<"$_tkvv_opts"
			COMPREPLY=($(compgen -W "$cmds" -- "$cur"))
		fi
		return 0
	fi

	if [[ $cur == -* ]]; then
		local opts=
		while read -r line; do
			[[ ${line%% *} == "$cmd" && $line == *" "* ]] && opts=${line#* }
		done <<<"$_tkvv_opts"
		COMPREPLY=($(compgen -W "$opts --help" -- "$cur"))
		return 0
	fi

	# The first word after the command: its subcommand or kind.
	local npos=0
	for ((i = cmdi + 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		-*) [[ " $_tkvv_takes_value " == *" $w "* ]] && ((i++)) ;;
		*) ((npos++)) ;;
		esac
	done
	if ((npos == 0)); then
		local subs=
		while read -r line; do
			[[ ${line%% *} == "$cmd" && $line == *" "* ]] && subs=${line#* }
		done <<<"$_tkvv_subcommands"
		[[ $subs == KIND ]] && subs=$_tkvv_kinds
		if [[ -n $subs ]]; then
			COMPREPLY=($(compgen -W "$subs" -- "$cur"))
			return 0
		fi
	fi
	case $cmd in
	import | export | backup | roster | map)
		COMPREPLY=($(compgen -f -- "$cur"))
		;;
	esac
	return 0
} && complete -o filenames -F _tkvv tkvv

#!/usr/bin/env bash
# Peer comparison for gloss: first screen, keypress latency, search, resize,
# dump throughput and peak memory, against less and bat (and w3m for HTML).
#
#   scripts/bench-compare.sh [--quick] [--runs N]
#
# Run from the repository root. Builds target/release/gloss if missing.
# --quick: 3 runs and no 100 MB documents (Markdown at 10 MB instead).
# Default: 7 runs, all sizes (about an hour on a busy 2-core machine).
# Interactive timings are taken in a private tmux server (120x40) by polling
# `tmux capture-pane`; the polling resolution is measured and printed. They
# are wall-clock times and include the cost of one tmux round trip, so compare
# ratios, not absolute values; the "floor" line (cat of a small file) shows the
# fixed overhead. The first screen and keys are also timed without tmux
# ("first_pty", "j_pty", ...): examples/first_screen.rs reads the program's
# pseudo-terminal directly, to well under a millisecond. Not run by .ci/run:
# it depends on machine speed.
set -euo pipefail

QUICK=0
RUNS=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick) QUICK=1 ;;
        --runs) RUNS="$2"; shift ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
    shift
done
if [[ -z "$RUNS" ]]; then
    if [[ $QUICK == 1 ]]; then RUNS=3; else RUNS=7; fi
fi

[[ -f Cargo.toml && -d src/cli ]] || { echo "run from the repository root" >&2; exit 2; }
for tool in tmux /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 2; }
done
[[ -x target/release/gloss ]] || cargo build --release
[[ -x target/release/examples/first_screen ]] || cargo build --release --example first_screen
GLOSS="$PWD/target/release/gloss"
FIRST_SCREEN="$PWD/target/release/examples/first_screen"
BAT=$(command -v bat || command -v batcat || true)
W3M=$(command -v w3m || true)

TMP=$(mktemp -d "${TMPDIR:-/tmp}/gloss-bench.XXXXXX")
SOCK="gloss-bench-$$"
cleanup() {
    tmux -L "$SOCK" kill-server 2>/dev/null || true
    rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'echo "bench-compare: failed at line $LINENO" >&2' ERR

# A private home so the reader's state file and less history stay out of the
# user's; no lesspipe, no LESS options.
export HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/home/.config" XDG_DATA_HOME="$TMP/home/.local/share" \
    XDG_STATE_HOME="$TMP/home/.local/state" XDG_CACHE_HOME="$TMP/home/.cache" LESSHISTFILE=- \
    BAT_PAGER="less -R" BAT_CONFIG_PATH=/dev/null
unset LESS LESSOPEN LESSCLOSE GLOSS_CONFIG NO_COLOR
mkdir -p "$HOME"

TIMEOUT_S=${BENCH_TIMEOUT:-600} # first screen; a 100 MB one can be slow
KEY_TIMEOUT_S=${BENCH_KEY_TIMEOUT:-30} # keys: w3m's j moves only the cursor
END_WORD=zyzzogeton
END_LINE="The last word of this benchmark document is $END_WORD, placed here to be searched for."
MARK_TEXT="Japan Steps Toward"

now_us() { local t=${EPOCHREALTIME/./}; echo "$t"; }

# ---------------------------------------------------------------- documents
declare -A DOC_PATH DOC_BYTES
make_doc() { # name bytes format ext
    local path="$TMP/$1.$4"
    "$GLOSS" __generate --bytes "$2" --format "$3" >"$path"
    if [[ $3 == html ]]; then
        # Before the closing tags (the last line), as a paragraph.
        sed -i '$d' "$path"
        printf '<p>%s</p>\n</article></body></html>\n' "$END_LINE" >>"$path"
    else
        printf '%s\n' "$END_LINE" >>"$path"
    fi
    DOC_PATH[$1]=$path
    DOC_BYTES[$1]=$(stat -c %s "$path")
}
MB=$((1024 * 1024))
DOCS=(text-3KB text-1MB text-10MB)
make_doc text-3KB 3072 text txt
make_doc text-1MB $MB text txt
make_doc text-10MB $((10 * MB)) text txt
make_doc html-10MB $((10 * MB)) html html
DOCS+=(html-10MB)
if [[ $QUICK == 0 ]]; then
    make_doc text-100MB $((100 * MB)) text txt
    make_doc md-100MB $((100 * MB)) markdown md
    DOCS+=(text-100MB md-100MB)
    BIG=text-100MB
else
    make_doc md-10MB $((10 * MB)) markdown md
    DOCS+=(md-10MB)
    BIG=text-10MB
fi
printf 'x\n%.0s' {1..10} >"$TMP/floor.txt"
echo "$MARK_TEXT (floor)" >>"$TMP/floor.txt"

# ---------------------------------------------------------------- tmux
tmux -L "$SOCK" -f /dev/null new-session -d -s keep -x 120 -y 40 "sleep 100000"
tmux -L "$SOCK" set-option -g status off >/dev/null
tx() { tmux -L "$SOCK" "$@"; }
screen() { tx capture-pane -p -t "$1" 2>/dev/null || true; }

# Polling resolution: mean time of one capture-pane round trip.
t0=$(now_us)
for _ in $(seq 50); do screen keep >/dev/null; done
POLL_US=$((($(now_us) - t0) / 50))

# wait_for SESSION STRING [TIMEOUT_S] -> prints microseconds since $T0, or "timeout"
wait_for() {
    local deadline=$(($(now_us) + ${3:-$TIMEOUT_S} * 1000000)) s
    while true; do
        s=$(screen "$1")
        if [[ $s == *"$2"* ]]; then echo $(($(now_us) - T0)); return; fi
        if (($(now_us) > deadline)); then echo timeout; return; fi
    done
}
# wait_gone SESSION STRING [TIMEOUT_S] -> microseconds since $T0 until STRING is off screen
wait_gone() {
    local deadline=$(($(now_us) + ${3:-$TIMEOUT_S} * 1000000)) s
    while true; do
        s=$(screen "$1")
        if [[ $s != *"$2"* ]]; then echo $(($(now_us) - T0)); return; fi
        if (($(now_us) > deadline)); then echo timeout; return; fi
    done
}
# gloss shows a large file from its first 64 KB, with a "loading the rest"
# note at the top, while the whole file loads in the background: keys and
# memory are measured on the whole document, so wait for the note to go.
LOADING_NOTE="loading the rest"
# wait_change SESSION BEFORE -> microseconds since $T0 until the screen differs
wait_change() {
    local deadline=$(($(now_us) + KEY_TIMEOUT_S * 1000000)) s
    while true; do
        s=$(screen "$1")
        if [[ $s != "$2" ]]; then echo $(($(now_us) - T0)); return; fi
        if (($(now_us) > deadline)); then echo timeout; return; fi
    done
}
# wait_stable SESSION: until two polls 50 ms apart agree (the pager settled).
wait_stable() {
    local a b
    a=$(screen "$1")
    while true; do
        sleep 0.05
        b=$(screen "$1")
        [[ $a == "$b" ]] && return
        a=$b
    done
}

# gloss keeps the reading position per file: every session starts without it.
# A session just killed may still be saving its state as the tree is removed:
# retry until the removal wins.
fresh_home() {
    local _
    for _ in $(seq 50); do rm -rf "$HOME" 2>/dev/null && break; sleep 0.1; done
    mkdir -p "$HOME"
}

declare -A RES # RES[metric|doc|tool] = space-separated samples (µs)
add() {
    RES[$1]="${RES[$1]:-} $2"
    echo "  sample $1 $2" >&2
}

# key SESSION METRIC DOC TOOL KEYS...: send keys, time until the screen changes.
key() {
    local s=$1 metric=$2 doc=$3 tool=$4 before
    shift 4
    wait_stable "$s"
    before=$(screen "$s")
    T0=$(now_us)
    tx send-keys -t "$s" "$@"
    add "$metric|$doc|$tool" "$(wait_change "$s" "$before")"
}

# One interactive session: first screen, j, Space, G, resize, g, search.
interactive() { # tool doc command...
    local tool=$1 doc=$2 s="run$RANDOM" before
    shift 2
    local marker=$MARK_TEXT
    [[ $doc == floor ]] && marker="$MARK_TEXT (floor)"
    fresh_home
    T0=$(now_us)
    tx new-session -d -s "$s" -x 120 -y 40 "$*"
    add "first|$doc|$tool" "$(wait_for "$s" "$marker")"
    [[ $tool == gloss ]] && add "loaded|$doc|$tool" "$(wait_gone "$s" "$LOADING_NOTE")"
    if [[ $doc != floor ]]; then
        key "$s" j "$doc" "$tool" j
        key "$s" space "$doc" "$tool" Space
        key "$s" G "$doc" "$tool" G
        wait_stable "$s"
        before=$(screen "$s")
        T0=$(now_us)
        tx resize-window -t "$s" -x 100 -y 40
        add "resize|$doc|$tool" "$(wait_change "$s" "$before")"
        key "$s" g "$doc" "$tool" g
        wait_stable "$s"
        tx send-keys -t "$s" -l "/$END_WORD"
        wait_stable "$s"
        T0=$(now_us)
        tx send-keys -t "$s" Enter
        add "search|$doc|$tool" "$(wait_for "$s" "$END_WORD," "$KEY_TIMEOUT_S")"
    fi
    tx kill-session -t "$s" 2>/dev/null || true
}

peers_for() { # doc -> tool names
    local tools="gloss less"
    [[ -n $BAT ]] && tools+=" bat"
    [[ -n $W3M && $1 == html-* ]] && tools+=" w3m"
    echo "$tools"
}
cmd_for() { # tool path
    case $1 in
        gloss) echo "$GLOSS '$2'" ;;
        less) echo "less '$2'" ;;
        bat) echo "$BAT --paging=always '$2'" ;;
        w3m) echo "$W3M -T text/html '$2'" ;;
    esac
}

echo "gloss bench-compare: $RUNS run(s), docs: ${DOCS[*]}; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for run in $(seq "$RUNS"); do
    echo "run $run/$RUNS ($(date +%T), load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    interactive floor floor "cat '$TMP/floor.txt'; sleep 100000"
    for doc in "${DOCS[@]}"; do
        for tool in $(peers_for "$doc"); do
            interactive "$tool" "$doc" "$(cmd_for "$tool" "${DOC_PATH[$doc]}")"
        done
    done
done

# ---------------------------------------------------------------- pty
# The first screen and keys again, timed on the pseudo-terminal itself
# (examples/first_screen.rs): each key is sent once the screen has settled
# and timed until the screen changes. gloss's keys wait for its glossary and
# timeline, like the tmux keys above wait for the whole document.
PTY_KEYS=j,space,G,g
argv_for() { # tool path -> the command as separate words, one per line
    case $1 in
        gloss) printf '%s\n' "$GLOSS" "$2" ;;
        less) printf '%s\n' less "$2" ;;
        bat) printf '%s\n' "$BAT" --paging=always "$2" ;;
        w3m) printf '%s\n' "$W3M" -T text/html "$2" ;;
    esac
}
for doc in "${DOCS[@]}"; do
    for tool in $(peers_for "$doc"); do
        fresh_home
        mapfile -t argv < <(argv_for "$tool" "${DOC_PATH[$doc]}")
        ready=()
        [[ $tool == gloss ]] && ready=(--ready "Glossary and timeline ready")
        # "run 3: first 6.17 ms, j 1.20 ms, space 1.55 ms, ..." per run; a
        # time not seen ("j not seen") is left out.
        while IFS= read -r line; do
            [[ $line == run\ * ]] || continue
            while read -r name value unit; do
                [[ $unit == ms ]] && add "${name}_pty|$doc|$tool" "$(awk -v v="$value" 'BEGIN {printf "%d", v * 1000}')"
            done < <(echo "${line#*: }" | tr ',' '\n')
        done < <("$FIRST_SCREEN" --runs "$RUNS" --timeout "$TIMEOUT_S" --marker "$MARK_TEXT" \
            --keys "$PTY_KEYS" "${ready[@]}" -- "${argv[@]}" || true)
    done
done

# ---------------------------------------------------------------- batch
# measure command...: wall and CPU (user+sys) seconds, max RSS (KB).
measure() {
    /usr/bin/time -f '%e %U %S %M' -o "$TMP/time.out" "$@" >/dev/null
    read -r wall user sys rss <"$TMP/time.out"
    echo "$wall $(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}') $rss"
}
for run in $(seq "$RUNS"); do
    for doc in text-3KB "$BIG"; do
        read -r wall cpu rss < <(measure "$GLOSS" dump --width 80 "${DOC_PATH[$doc]}")
        add "dump_wall|$doc|gloss" "$wall"
        add "dump_cpu|$doc|gloss" "$cpu"
        add "dump_rss|$doc|gloss" "$rss"
    done
    read -r wall cpu rss < <(measure fold -s -w 80 "${DOC_PATH[$BIG]}")
    add "dump_wall|$BIG|fold" "$wall"
    add "dump_cpu|$BIG|fold" "$cpu"
done
# Reader peak memory: start, wait for the first screen (gloss: for the whole
# document, its glossary and timeline), quit.
for doc in text-3KB "$BIG"; do
    for tool in gloss less; do
        s="mem$RANDOM"
        rm -f "$TMP/time.out"
        fresh_home
        T0=$(now_us)
        tx new-session -d -s "$s" -x 120 -y 40 \
            "/usr/bin/time -f '%M' -o '$TMP/time.out' $(cmd_for "$tool" "${DOC_PATH[$doc]}")"
        wait_for "$s" "$MARK_TEXT" >/dev/null
        if [[ $tool == gloss ]]; then
            # The whole document and its glossary and timeline: the peak.
            wait_gone "$s" "$LOADING_NOTE" >/dev/null
            wait_for "$s" "Glossary and timeline ready" >/dev/null
        fi
        tx send-keys -t "$s" q
        for _ in $(seq 600); do [[ -s $TMP/time.out ]] && break; sleep 0.1; done
        add "reader_rss|$doc|$tool" "$(tail -1 "$TMP/time.out")"
        tx kill-session -t "$s" 2>/dev/null || true
    done
done

# ---------------------------------------------------------------- report
median() { tr ' ' '\n' | awk 'NF && $1 != "timeout"' | sort -g | awk '{a[NR]=$1} END {if (NR==0) print "-"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
ms() { [[ $1 == - ]] && echo - || awk -v v="$1" 'BEGIN {printf "%.1f", v/1000}'; }
ratio() { [[ $1 == - || $2 == - ]] && echo - || awk -v a="$1" -v b="$2" 'BEGIN {if (b==0) print "-"; else printf "%.2f", a/b}'; }
timeouts() { local n; n=$(tr ' ' '\n' | grep -c timeout || true); [[ $n -gt 0 ]] && echo " ($n timeout)" || true; }

echo
echo "Polling resolution: one capture-pane round trip = $(ms $POLL_US) ms (timings are +/- that)."
echo "Floor (cat of a small file, first screen): $(ms "$(echo "${RES[first|floor|floor]}" | median)") ms"
echo "Medians of $RUNS run(s), milliseconds; timeouts (first screen ${TIMEOUT_S} s, keys ${KEY_TIMEOUT_S} s) are left out of the median and counted. Documents:"
for doc in "${DOCS[@]}"; do printf '  %-11s %12s bytes\n' "$doc" "${DOC_BYTES[$doc]}"; done
echo
printf '%-9s %-11s %10s %10s %10s %10s %11s %10s\n' metric doc gloss less bat w3m gloss/less gloss/bat
for metric in first first_pty loaded j j_pty space space_pty G G_pty resize g_pty search; do
    for doc in "${DOCS[@]}"; do
        g=$(echo "${RES[$metric|$doc|gloss]:-}" | median)
        l=$(echo "${RES[$metric|$doc|less]:-}" | median)
        b=$(echo "${RES[$metric|$doc|bat]:-}" | median)
        w=$(echo "${RES[$metric|$doc|w3m]:-}" | median)
        note=""
        for tool in gloss less bat w3m; do
            n=$(echo "${RES[$metric|$doc|$tool]:-}" | timeouts)
            [[ -n $n ]] && note+=" $tool$n"
        done
        printf '%-9s %-11s %10s %10s %10s %10s %11s %10s%s\n' "$metric" "$doc" "$(ms "$g")" "$(ms "$l")" \
            "$(ms "$b")" "$(ms "$w")" "$(ratio "$g" "$l")" "$(ratio "$g" "$b")" "$note"
    done
done
echo
echo "Batch (medians; seconds, MB/s = 2^20 bytes/s; RSS in MB):"
for doc in text-3KB "$BIG"; do
    wall=$(echo "${RES[dump_wall|$doc|gloss]}" | median)
    cpu=$(echo "${RES[dump_cpu|$doc|gloss]}" | median)
    rss=$(echo "${RES[dump_rss|$doc|gloss]}" | median)
    awk -v d="$doc" -v w="$wall" -v c="$cpu" -v r="$rss" -v n="${DOC_BYTES[$doc]}" 'BEGIN {
        printf "  gloss dump --width 80 %-11s wall %7.2f s  cpu %7.2f s  %8.1f MB/s wall  %8.1f MB/s cpu  max RSS %7.1f MB\n",
            d, w, c, (w > 0 ? n/1048576/w : 0), (c > 0 ? n/1048576/c : 0), r/1024 }'
done
wall=$(echo "${RES[dump_wall|$BIG|fold]}" | median)
cpu=$(echo "${RES[dump_cpu|$BIG|fold]}" | median)
awk -v d="$BIG" -v w="$wall" -v c="$cpu" -v n="${DOC_BYTES[$BIG]}" 'BEGIN {
    printf "  fold -s -w 80         %-11s wall %7.2f s  cpu %7.2f s  %8.1f MB/s wall  %8.1f MB/s cpu\n",
        d, w, c, (w > 0 ? n/1048576/w : 0), (c > 0 ? n/1048576/c : 0) }'
for doc in text-3KB "$BIG"; do
    for tool in gloss less; do
        r=$(echo "${RES[reader_rss|$doc|$tool]}" | median)
        awk -v t="$tool" -v d="$doc" -v r="$r" -v n="${DOC_BYTES[$doc]}" 'BEGIN {
            printf "  reader peak RSS  %-6s %-11s %8.1f MB  (file %.1f MB)\n", t, d, r/1024, n/1048576 }'
    done
done
echo
echo "*_pty: read from the pty directly, no tmux round trip: first_pty from process start to the marker on the"
echo "emulated screen; j/space/G/g_pty from sending the key (screen settled) until the screen changes."
echo "Note: resize rows time tmux's own re-flow of the pane, not the application's redraw;"
echo "a reader slower than the 50 ms quiet period per frame can shift later timings (see docs/PERFORMANCE.md)."
echo "Load at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores."

# shellcheck shell=bash
# The variables set here are read by the scripts that source this file, which shellcheck cannot see from here:
# shellcheck disable=SC2034
# Sourced by check-host, tune-host and pin, never run on its own. Needs bash 4.4 or newer.
#
# What the three scripts share: where sysfs, procfs and /dev are; reading and writing their files without a bash
# error on stderr; CPU lists ("0-3,8,10-11"); the kernel command line; the facts more than one script needs (online,
# isolated and nohz_full CPUs, NIC IRQs, NUMA nodes, idle states); PASS/WARN/INFO lines.

# The trees the scripts read and write. The tests point these at fake trees in a temporary directory, to check the
# scripts against hosts unlike the one they run on; on a real host they stay unset.
MP_SYSFS="${MATCHPOINT_SYSFS:-/sys}"
MP_PROCFS="${MATCHPOINT_PROCFS:-/proc}"
MP_DEVFS="${MATCHPOINT_DEVFS:-/dev}"
MP_CPU_DIR="$MP_SYSFS/devices/system/cpu"
MP_THP_DIR="$MP_SYSFS/kernel/mm/transparent_hugepage"
MP_CLOCKSOURCE_DIR="$MP_SYSFS/devices/system/clocksource/clocksource0"

# The server's hot threads, in the order its --cpus option takes their CPUs.
MP_HOT_THREADS=("matcher" "gateway" "command journal" "event journal")
MP_HOT_COUNT=${#MP_HOT_THREADS[@]}

# An idle state whose exit latency is above this many microseconds counts as deep: everything beyond C1 (C1E, C3,
# C6, ...). POLL (0) and C1 (1-2 on current Intel and AMD parts, 1 for KVM's haltpoll) are not.
MP_DEEP_IDLE_US=2

# Set by each script before anything prints, for its messages.
MP_PROG="${MP_PROG:-affinity-scripts}"

# --- Usage errors ----------------------------------------------------------------------------------------------------

# mp_usage_error MESSAGE: one line on stderr, a hint to --help, exit 1.
mp_usage_error() {
    printf '%s: %s\n' "$MP_PROG" "$*" >&2
    printf "%s: see '%s --help'\n" "$MP_PROG" "$MP_PROG" >&2
    exit 1
}

# --- Reading and writing sysfs and procfs ----------------------------------------------------------------------------

MP_READ_ERROR=''
MP_WRITE_ERROR=''

# mp_read VAR FILE: the file's content, without its last newline, into VAR. Returns 0 when read, 1 when the file does
# not exist, 2 when it exists but cannot be read (MP_READ_ERROR says why). Prints nothing, forks nothing.
mp_read() {
    local _mp_text=''
    printf -v "$1" '%s' ''
    MP_READ_ERROR=''
    if [[ ! -e $2 ]]; then
        local _mp_dir="${2%/*}"
        if [[ -d $_mp_dir && ! -x $_mp_dir ]]; then
            MP_READ_ERROR="permission denied"
            return 2
        fi
        MP_READ_ERROR="not found"
        return 1
    fi
    if [[ -d $2 ]]; then
        MP_READ_ERROR="a directory, not a file"
        return 2
    fi
    # -r asks the kernel (access(2)); the open catches what it does not (an LSM, a file that refuses reads)
    if [[ ! -r $2 ]] || ! { : <"$2"; } 2>/dev/null; then
        MP_READ_ERROR="permission denied"
        return 2
    fi
    # read -d '' reads to the end of the file and then returns 1: that is the normal case, not an error
    IFS= read -r -d '' _mp_text <"$2" 2>/dev/null || true
    printf -v "$1" '%s' "${_mp_text%$'\n'}"
}

# mp_write FILE VALUE: writes VALUE and a newline to FILE. Returns 0 when written, 1 when not (MP_WRITE_ERROR says
# why, e.g. "permission denied (needs root)" or the kernel's "Invalid argument"). Prints nothing.
mp_write() {
    local _mp_err
    MP_WRITE_ERROR=''
    if [[ ! -e $1 ]]; then
        MP_WRITE_ERROR="not found"
        return 1
    fi
    if [[ ! -w $1 ]]; then
        if ((EUID == 0)); then
            MP_WRITE_ERROR="read-only (in a container, /sys and /proc/sys are usually mounted read-only)"
        else
            MP_WRITE_ERROR="permission denied (needs root)"
        fi
        return 1
    fi
    if _mp_err="$({ printf '%s\n' "$2" >"$1"; } 2>&1)"; then
        return 0
    fi
    # bash says "...: /sys/...: Permission denied" or "...: printf: write error: Invalid argument"
    MP_WRITE_ERROR="${_mp_err##*: }"
    [[ -n $MP_WRITE_ERROR ]] || MP_WRITE_ERROR="the write failed"
    if [[ $MP_WRITE_ERROR == "Input/output error" && $1 == */irq/*/smp_affinity_list ]]; then
        MP_WRITE_ERROR+=" (a kernel-managed IRQ: the kernel sets its affinity; isolcpus=managed_irq,... keeps it off)"
    fi
    return 1
}

# mp_bracketed TEXT: the [selected] word of a sysfs choice file ("always [madvise] never" -> "madvise"), else TEXT.
mp_bracketed() {
    if [[ $1 =~ \[([^]]*)\] ]]; then
        printf '%s' "${BASH_REMATCH[1]}"
    else
        printf '%s' "$1"
    fi
}

# --- CPU lists -------------------------------------------------------------------------------------------------------

MP_CPUS=()

# mp_cpulist_expand LIST: the CPUs of a kernel-style list ("0-3,8,10-11") into the array MP_CPUS, in the order written
# (ranges ascending), duplicates kept. An empty list is valid and empty. Returns 1 when LIST is not a CPU list.
mp_cpulist_expand() {
    MP_CPUS=()
    local list="${1//[[:space:]]/}" item lo hi cpu
    [[ -n $list ]] || return 0
    local -a items
    IFS=, read -r -a items <<<"$list"
    for item in "${items[@]}"; do
        if [[ $item =~ ^([0-9]{1,5})$ ]]; then
            MP_CPUS+=("$((10#$item))")
        elif [[ $item =~ ^([0-9]{1,5})-([0-9]{1,5})$ ]]; then
            lo=$((10#${BASH_REMATCH[1]}))
            hi=$((10#${BASH_REMATCH[2]}))
            ((lo <= hi)) || return 1
            for ((cpu = lo; cpu <= hi; cpu++)); do
                MP_CPUS+=("$cpu")
            done
        else
            return 1
        fi
    done
}

# mp_cpulist_format CPU...: the CPUs as a sorted kernel-style list without duplicates ("0-3,8").
mp_cpulist_format() {
    local -a seen=()
    local cpu out='' start=-1 prev=-1
    for cpu in "$@"; do
        seen[cpu]=1
    done
    # the indices of a bash array come out in ascending order
    for cpu in "${!seen[@]}"; do
        if ((start >= 0 && cpu == prev + 1)); then
            prev=$cpu
            continue
        fi
        if ((start >= 0)); then
            out+="${out:+,}$start"
            if ((prev > start)); then out+="-$prev"; fi
        fi
        start=$cpu
        prev=$cpu
    done
    if ((start >= 0)); then
        out+="${out:+,}$start"
        if ((prev > start)); then out+="-$prev"; fi
    fi
    printf '%s' "$out"
}

# mp_cpus_verb "A..." SINGULAR PLURAL: "CPU 3 SINGULAR" for one CPU, "CPUs 2-5 PLURAL" for more ("is"/"are").
mp_cpus_verb() {
    local -a words
    read -r -a words <<<"$1"
    if ((${#words[@]} == 1)); then
        printf 'CPU %s %s' "${words[0]}" "$2"
    else
        # shellcheck disable=SC2086 # a space-separated set of CPU numbers, split on purpose
        printf 'CPUs %s %s' "$(mp_cpulist_format $1)" "$3"
    fi
}

# mp_words_minus "A..." "B...": the words of A (space-separated CPU numbers) that are not in B, in A's order.
mp_words_minus() {
    local word out=''
    for word in $1; do
        if [[ " $2 " != *" $word "* ]]; then out+="${out:+ }$word"; fi
    done
    printf '%s' "$out"
}

# mp_words_and "A..." "B...": the words of A that are also in B, in A's order.
mp_words_and() {
    local word out=''
    for word in $1; do
        if [[ " $2 " == *" $word "* ]]; then out+="${out:+ }$word"; fi
    done
    printf '%s' "$out"
}

# mp_count "A...": how many words.
mp_count() {
    local -a words
    read -r -a words <<<"$1"
    printf '%s' "${#words[@]}"
}

# mp_braces PREFIX SUFFIX WORD...: one shell word naming PREFIX<WORD>SUFFIX for each WORD: "p/cpu{0,1,2}/s" for
# several, "p/cpu0/s" for one, to print a command that writes the same value to several files.
mp_braces() {
    local prefix=$1 suffix=$2
    shift 2
    if (($# == 1)); then
        printf '%s%s%s' "$prefix" "$1" "$suffix"
    else
        local IFS=,
        printf '%s{%s}%s' "$prefix" "$*" "$suffix"
    fi
}

# --- Kernel command line ---------------------------------------------------------------------------------------------

MP_CMDLINE=''
MP_CMDLINE_STATUS=0

# mp_load_cmdline: reads /proc/cmdline into MP_CMDLINE once; MP_CMDLINE_STATUS is mp_read's status.
mp_load_cmdline() {
    MP_CMDLINE_STATUS=0
    mp_read MP_CMDLINE "$MP_PROCFS/cmdline" || MP_CMDLINE_STATUS=$?
}

# mp_cmdline_param NAME: prints the value of the last NAME=VALUE on the kernel command line (nothing for a bare
# NAME); returns 1 when NAME is not there. Like the kernel, treats '-' and '_' in names alike, and stops at "--"
# (what follows belongs to init).
mp_cmdline_param() {
    local want="${1//-/_}" word name found=1 value=''
    local -a words
    read -r -a words <<<"$MP_CMDLINE"
    for word in "${words[@]}"; do
        [[ $word != -- ]] || break
        name="${word%%=*}"
        name="${name//-/_}"
        if [[ $name == "$want" ]]; then
            found=0
            if [[ $word == *=* ]]; then value="${word#*=}"; else value=''; fi
        fi
    done
    printf '%s' "$value"
    return "$found"
}

# mp_isolcpus_list VALUE: the CPU list of an isolcpus= value, without its flags ("managed_irq,domain,2-7" -> "2-7").
mp_isolcpus_list() {
    local item out=''
    local -a items
    IFS=, read -r -a items <<<"$1"
    for item in "${items[@]}"; do
        if [[ $item =~ ^[a-z_]+$ ]]; then continue; fi
        out+="${out:+,}$item"
    done
    printf '%s' "$out"
}

# --- Facts about the host --------------------------------------------------------------------------------------------

MP_ONLINE=''       # online CPUs, space-separated, ascending
MP_ISOLATED=''     # isolated CPUs (sysfs, else isolcpus=), space-separated, ascending
MP_ISOLATED_FROM='' # where MP_ISOLATED came from, for messages
MP_ISOLATED_ERROR='' # set when neither could be read

# mp_load_online: MP_ONLINE from /sys/devices/system/cpu/online, else from the cpuN folders there.
mp_load_online() {
    local text cpu dir
    MP_ONLINE=''
    if mp_read text "$MP_CPU_DIR/online" && mp_cpulist_expand "$text"; then
        MP_ONLINE="${MP_CPUS[*]}"
        return 0
    fi
    local -a found=()
    for dir in "$MP_CPU_DIR"/cpu[0-9]*; do
        [[ -d $dir ]] || continue
        cpu="${dir##*/cpu}"
        if [[ $cpu =~ ^[0-9]+$ ]]; then found[cpu]=1; fi
    done
    MP_ONLINE="${!found[*]}"
}

# mp_load_isolated: MP_ISOLATED from /sys/devices/system/cpu/isolated (what the kernel isolated at boot), else from
# isolcpus= on the kernel command line. Needs mp_load_cmdline first.
mp_load_isolated() {
    local text status=0 value
    MP_ISOLATED=''
    MP_ISOLATED_FROM=''
    MP_ISOLATED_ERROR=''
    mp_read text "$MP_CPU_DIR/isolated" || status=$?
    if ((status == 0)) && MP_ISOLATED="$(mp_sorted_set "$text")"; then
        MP_ISOLATED_FROM="$MP_CPU_DIR/isolated"
        return 0
    fi
    if ((status == 2)); then MP_ISOLATED_ERROR="could not read $MP_CPU_DIR/isolated ($MP_READ_ERROR)"; fi
    if value="$(mp_cmdline_param isolcpus)" && MP_ISOLATED="$(mp_sorted_set "$(mp_isolcpus_list "$value")")"; then
        MP_ISOLATED_FROM="isolcpus= on the kernel command line"
        MP_ISOLATED_ERROR=''
    fi
}

# mp_sorted_set LIST: the CPUs of a list as a sorted, duplicate-free, space-separated set; returns 1 on a bad list.
mp_sorted_set() {
    mp_cpulist_expand "$1" || return 1
    local -a seen=()
    local cpu
    for cpu in "${MP_CPUS[@]}"; do
        seen[cpu]=1
    done
    printf '%s' "${!seen[*]}"
}

# mp_words_sorted "A...": the words of A (CPU numbers, space-separated) sorted, without duplicates.
mp_words_sorted() {
    local -a seen=()
    local cpu
    for cpu in $1; do
        seen[cpu]=1
    done
    printf '%s' "${!seen[*]}"
}

# mp_numa_nodes: prints "NODE:CPULIST" for each NUMA node with CPUs, one a line; nothing when sysfs has no nodes.
mp_numa_nodes() {
    local dir text
    for dir in "$MP_SYSFS"/devices/system/node/node[0-9]*; do
        [[ -d $dir ]] || continue
        mp_read text "$dir/cpulist" || continue
        [[ -n $text ]] || continue
        printf '%s:%s\n' "${dir##*/node}" "$text"
    done | sort -n
}

# mp_nic_irqs: prints "IRQ INTERFACE" for each IRQ of a network interface, one a line, sorted by IRQ. An interface
# counts when sysfs gives it a device (virtual ones, lo, bridges, veth, have none); its IRQs are the device's MSI
# vectors (a virtio NIC's are on its PCI function, one folder up), its legacy IRQ, and every /proc/interrupts line
# naming the interface ("eth0-TxRx-0").
mp_nic_irqs() {
    local net iface dev irq text line word
    local -A found=()
    local -a ifaces=()
    for net in "$MP_SYSFS"/class/net/*; do
        [[ -e $net/device ]] || continue
        iface="${net##*/}"
        ifaces+=("$iface")
        dev="$(readlink -f -- "$net/device" 2>/dev/null)" || dev="$net/device"
        local msi=''
        if [[ -d $dev/msi_irqs ]]; then
            msi="$dev/msi_irqs"
        elif [[ ${dev##*/} == virtio* && -d $dev/../msi_irqs ]]; then
            msi="$dev/../msi_irqs"
        fi
        if [[ -n $msi ]]; then
            for irq in "$msi"/*; do
                irq="${irq##*/}"
                if [[ $irq =~ ^[0-9]+$ ]]; then found[$irq]="$iface"; fi
            done
        fi
        if mp_read text "$dev/irq" && [[ $text =~ ^[0-9]+$ ]] && ((text > 0)); then
            found[$text]="$iface"
        fi
    done
    if ((${#ifaces[@]} > 0)) && mp_read text "$MP_PROCFS/interrupts"; then
        local -a words
        while IFS= read -r line; do
            [[ $line =~ ^[[:space:]]*([0-9]+): ]] || continue
            irq="${BASH_REMATCH[1]}"
            read -r -a words <<<"${line#*:}"
            for word in "${words[@]}"; do
                for iface in "${ifaces[@]}"; do
                    if [[ $word == "$iface" || $word == "$iface"[-_@:]* ]]; then found[$irq]="$iface"; fi
                done
            done
        done <<<"$text"
    fi
    for irq in "${!found[@]}"; do
        printf '%s %s\n' "$irq" "${found[$irq]}"
    done | sort -n
}

# mp_pick_hot: the CPUs pin takes when it is not given --cpus, space-separated, in thread order: isolated CPUs on
# distinct cores first (the lowest of each core), then the other isolated ones; the first four of those (fewer when
# fewer are isolated). Needs mp_load_isolated first.
mp_pick_hot() {
    local cpu text siblings chosen='' rest=''
    for cpu in $MP_ISOLATED; do
        siblings=''
        if mp_read text "$MP_CPU_DIR/cpu$cpu/topology/thread_siblings_list"; then
            siblings="$(mp_sorted_set "$text")" || siblings=''
        fi
        if [[ -n "$(mp_words_and "$siblings" "$chosen")" ]]; then
            rest+=" $cpu"
        else
            chosen+=" $cpu"
        fi
    done
    local -a in_order
    read -r -a in_order <<<"$chosen $rest"
    printf '%s' "${in_order[*]:0:MP_HOT_COUNT}"
}

# mp_hot_suggestion: the CPUs to suggest isolating when none are planned: the last four online CPUs, leaving the
# lower ones (CPU 0 takes most housekeeping interrupts) to the rest of the system. Nothing on a host with fewer than
# five online CPUs.
mp_hot_suggestion() {
    local -a online
    read -r -a online <<<"$MP_ONLINE"
    if ((${#online[@]} <= MP_HOT_COUNT)); then return 0; fi
    printf '%s' "${online[*]: -MP_HOT_COUNT}"
}

# --- PASS / WARN / INFO lines ----------------------------------------------------------------------------------------

MP_QUIET=false
MP_PASS_COUNT=0
MP_WARN_COUNT=0
MP_INFO_COUNT=0

_mp_line() {
    printf '%-4s  %-16s%s\n' "$1" "$2" "$3"
}

# mp_pass NAME MESSAGE
mp_pass() {
    MP_PASS_COUNT=$((MP_PASS_COUNT + 1))
    if ! $MP_QUIET; then _mp_line PASS "$1" "$2"; fi
}

# mp_info NAME MESSAGE: the check does not apply here, or cannot be judged (nothing to fix).
mp_info() {
    MP_INFO_COUNT=$((MP_INFO_COUNT + 1))
    if ! $MP_QUIET; then _mp_line INFO "$1" "$2"; fi
}

# mp_warn NAME MESSAGE FIX [ALTERNATIVE...]: printed even with --quiet; the fix on the next line, alternatives after.
mp_warn() {
    local name=$1 message=$2 fix
    shift 2
    MP_WARN_COUNT=$((MP_WARN_COUNT + 1))
    _mp_line WARN "$name" "$message"
    printf '%23s%s\n' '' "fix: $1"
    shift
    for fix in "$@"; do
        printf '%23s%s\n' '' " or: $fix"
    done
}

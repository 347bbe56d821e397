#!/usr/bin/env bash
# Measures the running worker as an operator sees it: idle working set, and how soon a saved knowledge edit
# is being served (the watcher's quiet period and the reload included). Runs the Release build of the bot in
# terminal-chat mode on a temporary copy of knowledge/, so the repository is never touched.
# Usage: bench/worker-figures.sh [edits=10] [idle-seconds=15]
set -euo pipefail
cd "$(dirname "$0")/.."
edits=${1:-10}
idle=${2:-15}

dotnet build -c Release src/SleepBot -v q -nologo >/dev/null
work=$(mktemp -d)
trap 'kill "$bot" 2>/dev/null || true; exec 3>&- || true; rm -rf "$work"' EXIT
cp -r knowledge "$work/knowledge"
mkfifo "$work/stdin"

Knowledge__Path="$work/knowledge" ConnectionStrings__SleepBot="Data Source=$work/bench.db" \
  dotnet src/SleepBot/bin/Release/net10.0/SleepBot.dll <"$work/stdin" >"$work/stdout" 2>"$work/stderr" &
bot=$!
exec 3>"$work/stdin" # keeps the chat's input open, so the worker stays up and idle

until grep -q "Watching" "$work/stderr"; do sleep 0.05; done
sleep "$idle"
rss_kb=$(awk '/^VmRSS/ {print $2}' "/proc/$bot/status")
hwm_kb=$(awk '/^VmHWM/ {print $2}' "/proc/$bot/status")

file="$work/knowledge/why_crying/change-is-hard.md"
delays=()
for i in $(seq 1 "$edits"); do
  before=$(grep -c "Knowledge loaded" "$work/stderr")
  start=$(date +%s%N)
  printf '\nEdit %s for the reload benchmark.\n' "$i" >>"$file"
  until [ "$(grep -c "Knowledge loaded" "$work/stderr")" -gt "$before" ]; do sleep 0.005; done
  delays+=($(( ($(date +%s%N) - start) / 1000000 )))
  sleep 0.5
done

sorted=$(printf '%s\n' "${delays[@]}" | sort -n)
median=$(echo "$sorted" | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
max=$(echo "$sorted" | tail -n 1)
printf '{"idleSeconds": %s, "idleWorkingSetMB": %.1f, "peakWorkingSetMB": %.1f, "reloadVisibleMs": {"edits": %s, "median": %s, "max": %s, "all": [%s]}}\n' \
  "$idle" "$(awk -v k="$rss_kb" 'BEGIN {print k/1024}')" "$(awk -v k="$hwm_kb" 'BEGIN {print k/1024}')" "$edits" "$median" "$max" "$(IFS=,; echo "${delays[*]}")"

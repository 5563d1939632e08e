#!/bin/sh
# Makes the queue's announcements for rtpengine (docs/telephony.md, "Announcements while waiting"):
# positie-1.wav … positie-9.wav, positie-meer.wav and muziek.wav, 8 kHz mono 16-bit WAV, in the
# directory given (default /var/lib/kcc/prompts). Needs espeak-ng and sox (Debian: espeak-ng sox).
#
# The files are made here rather than kept in git: the speech is espeak-ng's Dutch voice reading our
# own text and the music a tone sequence this script synthesises (our own work, CC0). The gateway's
# setting KCC_QUEUE_PROMPTS names the same directory; rtpengine reads the files, so run this on
# rtpengine's host.
set -eu

out="${1:-/var/lib/kcc/prompts}"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Half a second of silence first: the caller's phone starts playing early media a moment after the
# 183 arrives, and the first word should not be cut.
speak() {
	espeak-ng -v nl -s 150 -w "$work/speech.wav" "$2"
	sox "$work/speech.wav" -r 8000 -c 1 -b 16 "$out/$1.wav" pad 0.5 0.3 norm -3
}

for n in 1 2 3 4 5 6 7 8 9; do
	speak "positie-$n" "U bent nummer $n in de wachtrij. Een ogenblik geduld alstublieft."
done
speak positie-meer "Er wachten meer dan negen bellers voor u. Een ogenblik geduld alstublieft."

# Music: a slow C-major figure of soft sine tones (C5 E5 G5 E5, F5 A5 C6 A5, G5 B5 D6 B5, C5 E5 G5 C6),
# each 0.4 s with short fades, about 6.4 s; rtpengine repeats it.
i=0
for hz in 523.25 659.25 783.99 659.25 698.46 880.00 1046.50 880.00 783.99 987.77 1174.66 987.77 523.25 659.25 783.99 1046.50; do
	i=$((i + 1))
	sox -n -r 8000 -c 1 -b 16 "$work/note-$(printf %02d $i).wav" synth 0.4 sine "$hz" fade q 0.03 0.4 0.08 vol 0.3
done
sox "$work"/note-*.wav "$out/muziek.wav"
echo "announcements written to $out"

#!/usr/bin/env bash
# Builds the base of Cassini's container images, without a container daemon or a registry: a Java
# runtime cut by jlink from this machine's JDK, and the shared libraries that runtime loads, copied
# from this machine's (Debian) packages, in a root file system at
#   ${CASSINI_CACHE:-~/.cache/cassini}/images/base/rootfs
# which the Maven profile `images` puts under every image (see the README, "Container images").
# Built once per JDK and per version of this script; prints the root file system's path.
set -euo pipefail
cache="${CASSINI_CACHE:-$HOME/.cache/cassini}/images/base"
jdk="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
[[ -d "$jdk/jmods" ]] || { echo "build-image-base: $jdk has no jmods; install the full JDK (e.g. openjdk-17-jdk)" >&2; exit 1; }
key="$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-16) $("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')"
if [[ -f "$cache/key" && "$(cat "$cache/key")" == "$key" && -x "$cache/rootfs/opt/java/bin/java" ]]; then
  echo "$cache/rootfs"
  exit 0
fi
mkdir -p "$cache"
work="$(mktemp -d "$cache/build.XXXXXX")"
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
mkdir -p "$root/opt" "$root/etc" "$root/tmp" "$root/dev" "$root/proc" "$root/var/lib/cassandra"

# The Java SE modules and the JDK ones Cassandra and its tools use (Unsafe, JMX, attach, JFR, EC
# crypto, jcmd/jstack for whoever debugs a node), without the compiler, the debugger or man pages.
"$jdk/bin/jlink" \
  --add-modules java.se,jdk.unsupported,jdk.management,jdk.management.agent,jdk.attach,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.jfr,jdk.zipfs,jdk.naming.dns,jdk.net,jdk.httpserver,jdk.security.auth,jdk.charsets,jdk.jcmd,jdk.localedata \
  --include-locales=en --strip-debug --no-man-pages --no-header-files --compress=2 \
  --output "$root/opt/java"

# What the runtime's programs and libraries link against, but not what only a desktop (AWT on X11,
# sound, splash screens, fonts, colour profiles) loads: a server never loads those.
desktop='libawt_xawt|libsplashscreen|libjsound|libfontmanager|liblcms|libjavajpeg|libjawt'
mapfile -t elves < <(find "$root/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) | grep -Ev "/($desktop)\.so$")
# (ldd prints "name => path (address)", or "path (address)" for the loader)
mapfile -t libraries < <(for elf in "${elves[@]}"; do ldd "$elf" 2>/dev/null; done \
  | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' | grep -v "^$root/" | sort -u)
# and the rest of glibc's runtime, which native code in Cassandra's jars loads (Netty's epoll transport
# needs libdl, JNA and the compressors libpthread and librt; name lookups the NSS modules)
libc_dir="$(dirname "$(printf '%s\n' "${libraries[@]}" | grep '/libc\.so\.6$')")"
for name in libdl.so.2 libpthread.so.0 librt.so.1 libresolv.so.2 libnss_files.so.2 libnss_dns.so.2 libutil.so.1 libanl.so.1 libmvec.so.1; do
  [[ -e "$libc_dir/$name" ]] && libraries+=("$libc_dir/$name")
done
for lib in "${libraries[@]}"; do
  # the real file under the name the programs look for (a link in the image would point nowhere)
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done
# (the launcher has loaded lib/server/libjvm.so before any library that names it)
missing="$(for elf in "${elves[@]}"; do ldd "$elf" 2>/dev/null; done | grep 'not found' | grep -v 'libjvm\.so' | sort -u || true)"
[[ -z "$missing" ]] || { printf "build-image-base: libraries not found on this machine:\n%s\n" "$missing" >&2; exit 1; }

# The user the images run as (10001, DesiredResources.NODE_USER); a name for tools that look it up.
printf 'root:x:0:0:root:/root:/sbin/nologin\ncassini:x:10001:10001:cassini:/var/lib/cassandra:/sbin/nologin\n' >"$root/etc/passwd"
printf 'root:x:0:\ncassini:x:10001:\n' >"$root/etc/group"
printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
{
  echo "Java runtime: jlink of $("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.vm.vendor = //p') $(sed -n 's/^ *java.runtime.version = //p' < <("$jdk/bin/java" -XshowSettings:properties -version 2>&1))"
  echo "Libraries:"
  for lib in "${libraries[@]}"; do
    echo "  $lib ($({ dpkg -S "$lib" 2>/dev/null || dpkg -S "$(readlink -f "$lib")" 2>/dev/null; } | head -1 | cut -d: -f1-2 | xargs -r dpkg-query -W -f='${Package} ${Version}' 2>/dev/null || echo "unpackaged"))"
  done
} >"$root/etc/cassini-image-base"

rm -rf "$cache/rootfs"
mv "$root" "$cache/rootfs"
echo "$key" >"$cache/key"
echo "$cache/rootfs"

#!/usr/bin/env bash
# Tabula as its users get it: installs a build tree into a temporary prefix, builds
# an application (CMake package and pkg-config) and an out-of-tree dialect against
# that prefix alone, checks the dialect ABI handshake with real builds, moves the
# prefix and runs again, and builds the Debian packages. Prints every check.
#   tests/package/run.sh [build-dir]   (without one, builds Tabula in a temporary folder)
# '$ORIGIN' is written literally on purpose: the loader expands it, not the shell.
# shellcheck disable=SC2016
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tabula-package.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
jobs=${TABULA_PACKAGE_JOBS:-2}

step() { printf '\n== %s\n' "$*"; }
ok() { printf 'ok: %s\n' "$*"; }
die() {
    printf 'FAIL: %s\n' "$*" >&2
    exit 1
}
need() { command -v "$1" >/dev/null || die "$1 is missing (bash scripts/install-deps.sh --test installs it)"; }
# Runs a command; on failure shows its output and stops.
quiet() {
    local log=$tmp/last.log
    "$@" >"$log" 2>&1 || {
        cat "$log" >&2
        die "command failed: $*"
    }
}
contains() { grep -qF -- "$2" <<<"$1" || die "${3:-output lacks \"$2\"}"; }
indent() { while IFS= read -r line; do printf '   %s\n' "$line"; done <<<"$1"; }

need cmake
need readelf
need pkg-config
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)

if [[ $# -ge 1 ]]; then
    build=$(cd "$1" && pwd)
    [[ -f $build/CMakeCache.txt ]] || die "$build is not a configured build tree"
else
    step "configure and build Tabula in a temporary folder"
    quiet cmake -S "$root" -B "$tmp/build" "${generator[@]}" -DTABULA_BUILD_TESTS=OFF
    quiet cmake --build "$tmp/build" -j "$jobs"
    build=$tmp/build
fi
cxx=$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt")
cc=$(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt")
libdir=$(sed -n 's/^CMAKE_INSTALL_LIBDIR:[A-Z]*=//p' "$build/CMakeCache.txt")
libdir=${libdir:-lib}
echo "build tree: $build (C++ compiler $cxx)"

# Configures, builds and installs a project that must see only the prefix.
build_project() {
    local source=$1 binary=$2 install=$3
    shift 3
    quiet cmake -S "$source" -B "$binary" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_PREFIX_PATH="$prefix" \
        -DCMAKE_INSTALL_PREFIX="$install" -DCMAKE_INSTALL_LIBDIR="$libdir" \
        -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF "$@"
    cp "$tmp/last.log" "$binary/configure.log"
    quiet cmake --build "$binary" -j "$jobs"
    quiet cmake --install "$binary"
}

# ---- install ------------------------------------------------------------------
prefix=$tmp/prefix
step "cmake --install into $prefix"
quiet cmake --install "$build" --prefix "$prefix"
for f in $libdir/libtabula.so $libdir/libtabula.so.0 include/tabula/tabula.hpp \
    include/tabula/sdk/dialect.h include/tabula/sdk/dialect.hpp include/tabula/sdk/socket.hpp \
    $libdir/cmake/tabula/tabulaConfig.cmake $libdir/cmake/tabula/tabulaConfigVersion.cmake \
    $libdir/cmake/tabula/tabulaTargets.cmake $libdir/cmake/tabula/TabulaDialect.cmake \
    $libdir/pkgconfig/tabula.pc share/tabula/examples/skeleton_dialect.cpp; do
    [[ -e $prefix/$f ]] || die "$f is not installed"
done
ok "layout: $libdir/libtabula.so*, include/tabula/, include/tabula/sdk/, $libdir/cmake/tabula/, $libdir/pkgconfig/tabula.pc"
targets=("$prefix/$libdir"/cmake/tabula/tabulaTargets-*.cmake)
[[ -e ${targets[0]} ]] || die "no per-configuration targets file"
grep -q "SameMajorVersion\|CVF_VERSION_MAJOR" "$prefix/$libdir/cmake/tabula/tabulaConfigVersion.cmake" ||
    die "tabulaConfigVersion.cmake is not SameMajorVersion"
soname=$(readelf -d "$prefix/$libdir/libtabula.so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[[ $soname =~ ^libtabula\.so\.[0-9]+$ ]] || die "SONAME '$soname' does not carry the major version"
ok "SONAME $soname"
for f in "$prefix"/include/tabula/*; do
    [[ $f == *.hpp || $f == */sdk ]] || die "unexpected file in include/tabula: ${f##*/}"
done
[[ ! -e $prefix/include/tabula/plugin_loader.hpp ]] || die "a private header is installed"
ok "only public headers installed: $(cd "$prefix/include/tabula" && echo *.hpp)"

dialects=()
for plugin in "$prefix/$libdir"/tabula/dialects/tabula-dialect-*-abi*.so; do
    name=${plugin##*/tabula-dialect-}
    dialects+=("${name%-abi*}")
done
[[ " ${dialects[*]} " == *" sqlite "* ]] || die "the sqlite dialect is not installed"
[[ ! -e $prefix/$libdir/tabula/dialects/tabula-dialect-skeleton-abi1.so ]] || die "the skeleton is installed"
ok "dialects in $libdir/tabula/dialects: ${dialects[*]}"

# Every installed binary: no RPATH, or one relative to $ORIGIN.
while IFS= read -r file; do
    if readelf -h "$file" >/dev/null 2>&1; then
        rpath=$(readelf -d "$file" | sed -n 's/.*(R[UN]*PATH).*\[\(.*\)\]/\1/p')
        [[ -z $rpath || $rpath == '$ORIGIN'* ]] || die "$file has RPATH $rpath"
    fi
done < <(find "$prefix" -type f -name '*.so*')
ok "no absolute RPATH in the installed libraries"

# ---- headers --------------------------------------------------------------------
step "each installed header compiles alone with only -I$prefix/include"
forbidden='poco|boost|sqlite3|libpq|postgres|mysql|mariadb|sybdb|freetds|tds'
# A translation unit holding nothing but #include <$1>, as a user would write it.
unit() {
    mkdir -p "$tmp/headers"
    local file=$tmp/headers/${1//\//_}.${2:-cpp}
    printf '#include <%s>\n' "$1" >"$file"
    echo "$file"
}
# Every header a unit includes, the prefix's own named relative to it.
included() {
    "$cxx" -std=c++20 -M -I"$prefix/include" "$(unit "$1")" | tr -s ' \134' '\n' | grep . |
        sed "s|^$prefix/include/||" | tail -n +3
}
for header in tabula/sdk/dialect.h tabula/sdk/dialect.hpp tabula/sdk/socket.hpp; do
    quiet "$cxx" -std=c++20 -Wall -Wextra -Werror -fsyntax-only -I"$prefix/include" "$(unit "$header")"
    bad=$(included "$header" | grep -Ei "$forbidden" || true)
    [[ -z $bad ]] || die "$header pulls in: $bad"
    ok "SDK $header: compiles alone, includes no Boost, Poco or client library"
done
sdk_files=("$prefix"/include/tabula/sdk/*)
[[ ${sdk_files[*]##*/} == "dialect.h dialect.hpp socket.hpp" ]] || die "unexpected SDK files: ${sdk_files[*]##*/}"
if [[ -n $cc ]]; then
    quiet "$cc" -std=c99 -Wall -Wextra -Werror -pedantic -fsyntax-only -I"$prefix/include" \
        "$(unit tabula/sdk/dialect.h c)"
    ok "SDK tabula/sdk/dialect.h compiles as C99"
fi
core_headers=()
for header in "$prefix"/include/tabula/*.hpp; do
    header=tabula/${header##*/}
    quiet "$cxx" -std=c++20 -Wall -Wextra -Werror -fsyntax-only -I"$prefix/include" "$(unit "$header")"
    bad=$(included "$header" | grep -Ei 'poco|boost' || true)
    [[ -z $bad ]] || die "$header pulls in: $bad"
    core_headers+=("${header#tabula/}")
done
ok "core headers compile alone without Poco or Boost: ${core_headers[*]}"

# ---- application: CMake package ------------------------------------------------
step "application built with find_package(tabula CONFIG REQUIRED COMPONENTS sqlite)"
build_project "$here/app" "$tmp/app" "$prefix"
configure=$(cat "$tmp/app/configure.log")
contains "$configure" "in $prefix/$libdir/cmake/tabula" "the package was not found in the prefix"
contains "$configure" "tabula_sqlite_FOUND: TRUE"
grep -E "dialects:|_FOUND" "$tmp/app/configure.log" | sed 's/^-- /   /'
app=$prefix/bin/tabula_package_app
[[ $(readelf -d "$app" | sed -n 's/.*(R[UN]*PATH).*\[\(.*\)\]/\1/p') == "\$ORIGIN/../$libdir" ]] ||
    die "the application's RPATH is not \$ORIGIN/../$libdir"
needed=$(readelf -d "$app" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
! grep -Ei "$forbidden" <<<"$needed" || die "the application links Poco, Boost or a client library"
echo "   the application needs: ${needed//$'\n'/ }"
out=$(env -u TABULA_PLUGIN_PATH -u LD_LIBRARY_PATH "$app" guide) || die "guide failed: $out"
indent "$out"
contains "$out" "Connection has been established successfully."
contains "$out" '"firstName":"John","lastName":"Hancock"'
contains "$out" "guide: ok"
ok "guide on sqlite::memory: through the CMake package, no environment variable"

step "application built with pkg-config"
export PKG_CONFIG_PATH=$prefix/$libdir/pkgconfig
flags=$(pkg-config --cflags --libs tabula)
echo "   pkg-config --cflags --libs tabula: $flags"
unset PKG_CONFIG_PATH
contains "$flags" "-ltabula"
# shellcheck disable=SC2086  # the flags are words
quiet "$cxx" -std=c++20 -Wall -Wextra -Werror "$here/app/main.cpp" $flags \
    -Wl,-rpath,"\$ORIGIN/../$libdir" -o "$prefix/bin/tabula_package_app_pc"
out=$(env -u TABULA_PLUGIN_PATH -u LD_LIBRARY_PATH "$prefix/bin/tabula_package_app_pc" guide) ||
    die "guide (pkg-config build) failed: $out"
contains "$out" "guide: ok"
ok "guide on sqlite::memory: through pkg-config"

step "dialect components of the CMake package"
if cmake -S "$here/missing_component" -B "$tmp/missing" "${generator[@]}" \
    -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_PREFIX_PATH="$prefix" >"$tmp/missing.log" 2>&1; then
    cat "$tmp/missing.log"
    die "find_package(tabula REQUIRED COMPONENTS no_such_dialect) succeeded"
fi
missing=$(tr -s ' \n' ' ' <"$tmp/missing.log")
contains "$missing" "tabula_no_such_dialect_FOUND=FALSE" "an optional missing dialect was not reported"
contains "$missing" "no_such_dialect not installed" "the failure does not name the missing dialect"
ok "an optional dialect that is not installed is reported FALSE"
ok "a required dialect that is not installed fails find_package with: $(grep -o 'Tabula dialect(s).*(installed: [^)]*)' <<<"$missing" | head -1)"

# ---- out-of-tree dialect --------------------------------------------------------
step "out-of-tree echo dialect built with tabula::sdk alone"
build_project "$here/echo_dialect" "$tmp/echo-build" "$tmp/echo"
echo_dir=$tmp/echo/$libdir/tabula/dialects
[[ -f $echo_dir/tabula-dialect-echo-abi1.so ]] || die "the echo dialect is not installed in its prefix"
! readelf -d "$echo_dir/tabula-dialect-echo-abi1.so" | grep NEEDED | grep -q libtabula ||
    die "the echo dialect links libtabula"
abi=$("$prefix/bin/tabula_plugin_abi" "$echo_dir/tabula-dialect-echo-abi1.so")
echo "   $echo_dir/tabula-dialect-echo-abi1.so reports: $abi"
header=$prefix/include/tabula/sdk/dialect.h
major=$(sed -n 's/^#define TABULA_ABI_MAJOR \([0-9]*\).*/\1/p' "$header")
minor=$(sed -n 's/^#define TABULA_ABI_MINOR \([0-9]*\).*/\1/p' "$header")
contains "$abi" "echo $major.$minor" "the echo dialect does not report ABI $major.$minor"
out=$(env -u LD_LIBRARY_PATH TABULA_PLUGIN_PATH="$echo_dir" "$app" echo) || die "$out"
indent "$out"
ok "loaded by name through TABULA_PLUGIN_PATH"
out=$(env -u TABULA_PLUGIN_PATH -u LD_LIBRARY_PATH "$app" echo "$echo_dir") || die "$out"
indent "$out"
ok "loaded by name through the pluginPath option"
if out=$(env -u TABULA_PLUGIN_PATH -u LD_LIBRARY_PATH "$app" echo 2>&1); then
    die "the echo dialect loaded without being pointed at: $out"
fi
contains "$out" "not found"
ok "without pluginPath or TABULA_PLUGIN_PATH it is not found, and the error says so"

# ---- ABI handshake with real builds --------------------------------------------
# Builds the echo dialect against the SDK headers in $1 and prints its folder.
build_echo_against() {
    local sdk=$1 name=$2
    build_project "$here/echo_dialect" "$tmp/echo-$name-build" "$tmp/echo-$name" \
        -DECHO_SDK_INCLUDE_DIR="$sdk" >&2
    echo "$tmp/echo-$name/$libdir/tabula/dialects"
}
# An SDK copy claiming another version: the installed headers with new numbers.
sdk_variant() {
    local dir=$tmp/sdk-$1.$2/tabula/sdk
    mkdir -p "$dir"
    sed -e "s/^#define TABULA_ABI_MAJOR .*/#define TABULA_ABI_MAJOR $1/" \
        -e "s/^#define TABULA_ABI_MINOR .*/#define TABULA_ABI_MINOR $2/" "$header" >"$dir/dialect.h"
    cp "$prefix/include/tabula/sdk/dialect.hpp" "$dir/"
    echo "$tmp/sdk-$1.$2"
}
core_abi="$major.$minor"

step "a dialect built with the ABI 1.0 SDK (tests/package/sdk-abi-1.0) loads into this core (ABI $core_abi)"
dir=$(build_echo_against "$here/sdk-abi-1.0" abi-1.0)
abi=$("$prefix/bin/tabula_plugin_abi" "$dir/tabula-dialect-echo-abi1.so")
echo "   built plugin reports: $abi"
contains "$abi" "echo 1.0"
out=$(env -u TABULA_PLUGIN_PATH "$app" echo "$dir") || die "the ABI 1.0 dialect was not usable: $out"
indent "$out"
ok "ABI 1.0 plugin loaded and answered through core ABI $core_abi"

newer="$major.$((minor + 1))"
step "a dialect built with an SDK claiming ABI $newer is refused"
dir=$(build_echo_against "$(sdk_variant "$major" $((minor + 1)))" "abi-$newer")
abi=$("$prefix/bin/tabula_plugin_abi" "$dir/tabula-dialect-echo-abi1.so")
echo "   built plugin reports: $abi"
contains "$abi" "echo $newer"
out=$(env -u TABULA_PLUGIN_PATH "$app" refuse "$dir" "ABI $newer" "ABI $core_abi") || die "$out"
indent "$out"
ok "ABI $newer refused with a PluginError naming $newer and $core_abi"

other="$((major + 1)).0"
step "a dialect built with an SDK claiming ABI $other is refused"
dir=$(build_echo_against "$(sdk_variant $((major + 1)) 0)" "abi-$other")
abi=$("$prefix/bin/tabula_plugin_abi" "$dir/tabula-dialect-echo-abi1.so")
echo "   built plugin reports: $abi"
contains "$abi" "echo $other"
out=$(env -u TABULA_PLUGIN_PATH "$app" refuse "$dir" "ABI $other" "ABI $core_abi") || die "$out"
indent "$out"
ok "ABI $other refused with a PluginError naming $other and $core_abi"

# ---- relocation -------------------------------------------------------------------
moved=$tmp/elsewhere/deeper/tabula
step "move the prefix to $moved"
mkdir -p "${moved%/*}"
mv "$prefix" "$moved"
[[ ! -e $prefix ]] || die "the old prefix still exists"
compiled_in=$(strings "$moved/$libdir/libtabula.so" | grep -m1 '^/.*/tabula/dialects$' || true)
echo "   install folder compiled into libtabula (searched last): ${compiled_in:-none}"
for program in tabula_package_app tabula_package_app_pc; do
    out=$(env -i "$moved/bin/$program" guide) || die "$program failed after the move: $out"
    contains "$out" "guide: ok"
    ok "$program runs the guide from the moved prefix with an empty environment"
done
loaded=$(env -i LD_DEBUG=files "$moved/bin/tabula_package_app" guide 2>&1 |
    grep -o "/[^ ]*tabula-dialect-sqlite-abi1.so" | head -1)
[[ $loaded == "$moved/$libdir/tabula/dialects/"* ]] || die "the sqlite dialect came from $loaded"
ok "the sqlite dialect was loaded from $loaded (next to the moved core)"
quiet cmake -S "$here/app" -B "$tmp/app-moved" "${generator[@]}" -DCMAKE_CXX_COMPILER="$cxx" \
    -DCMAKE_PREFIX_PATH="$moved" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
contains "$(cat "$tmp/last.log")" "in $moved/$libdir/cmake/tabula"
flags=$(PKG_CONFIG_PATH=$moved/$libdir/pkgconfig pkg-config --cflags --libs tabula)
contains "$flags" "$moved/"
ok "the CMake package and tabula.pc resolve paths inside the moved prefix"

# ---- Debian packages --------------------------------------------------------------
step "cpack -G DEB"
need cpack
need dpkg-deb
need dpkg-shlibdeps
quiet cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/deb"
version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")/\1/p' "$build/CPackConfig.cmake")
lib_package=libtabula${version%%.*}
expected=("$lib_package" libtabula-dev)
for d in "${dialects[@]}"; do expected+=("tabula-dialect-$d"); done
debs=("$tmp"/deb/*.deb)
debs=("${debs[@]##*/}")
echo "   packages: ${debs[*]}"
[[ ${#debs[@]} -eq ${#expected[@]} ]] || die "expected ${#expected[@]} packages: ${expected[*]}"
deb_of() {
    local matches=("$tmp/deb/$1"_*.deb)
    [[ -e ${matches[0]} ]] && echo "${matches[0]}"
}
show() {
    local deb
    deb=$(deb_of "$1")
    [[ -n $deb ]] || die "no $1 package"
    echo "   $1: Depends: $(dpkg-deb -f "$deb" Depends)"
    dpkg-deb -c "$deb" | awk '{print $6 ($7 ? " " $7 " " $8 : "")}' | grep -v '/$' | sed 's/^/     /'
}
has() { dpkg-deb -c "$(deb_of "$1")" | awk '{print $6}' | grep -qx "./usr/$2" || die "$1 lacks /usr/$2"; }
lacks() { ! dpkg-deb -c "$(deb_of "$1")" | awk '{print $6}' | grep -q "$2" || die "$1 holds $2"; }
depends() { dpkg-deb -f "$(deb_of "$1")" Depends | grep -q "$2" || die "$1 does not depend on $2"; }

show "$lib_package"
has "$lib_package" "$libdir/libtabula.so.${version%%.*}"
has "$lib_package" "$libdir/libtabula.so.$version"
lacks "$lib_package" "include/"
lacks "$lib_package" "libtabula.so$"
depends "$lib_package" libpoco
! dpkg-deb -f "$(deb_of "$lib_package")" Depends | grep -Eq 'sqlite|libpq|mariadb' ||
    die "$lib_package depends on a database client library"
ok "$lib_package: the shared library only, Poco from shlibdeps, no client library"

show libtabula-dev
for f in include/tabula/tabula.hpp include/tabula/sdk/dialect.h include/tabula/sdk/dialect.hpp \
    $libdir/libtabula.so $libdir/cmake/tabula/tabulaConfig.cmake \
    $libdir/cmake/tabula/tabulaConfigVersion.cmake $libdir/cmake/tabula/tabulaTargets.cmake \
    $libdir/pkgconfig/tabula.pc; do
    has libtabula-dev "$f"
done
depends libtabula-dev "$lib_package (= "
ok "libtabula-dev: headers, SDK, CMake package, pkg-config file; depends on $lib_package"

declare -A client=([sqlite]=libsqlite3 [postgres]=libpq [mysql]=libmariadb [mssql]=libsybdb)
for d in "${dialects[@]}"; do
    show "tabula-dialect-$d"
    has "tabula-dialect-$d" "$libdir/tabula/dialects/tabula-dialect-$d-abi1.so"
    depends "tabula-dialect-$d" "$lib_package"
    [[ -z ${client[$d]:-} ]] || depends "tabula-dialect-$d" "${client[$d]}"
    ok "tabula-dialect-$d: the plugin, depends on $lib_package${client[$d]:+ and ${client[$d]}}"
done

step "the packages' files work together"
mkdir -p "$tmp/debroot"
for deb in "$tmp"/deb/*.deb; do dpkg-deb -x "$deb" "$tmp/debroot"; done
mkdir -p "$tmp/debroot/usr/bin"
cp "$moved/bin/tabula_package_app" "$tmp/debroot/usr/bin/"
out=$(env -i "$tmp/debroot/usr/bin/tabula_package_app" guide) || die "guide on the unpacked packages: $out"
contains "$out" "guide: ok"
quiet cmake -S "$here/app" -B "$tmp/app-deb" "${generator[@]}" -DCMAKE_CXX_COMPILER="$cxx" \
    -DCMAKE_PREFIX_PATH="$tmp/debroot/usr" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
contains "$(cat "$tmp/last.log")" "in $tmp/debroot/usr/$libdir/cmake/tabula"
ok "unpacked side by side, the packages run the guide and provide the CMake package"

# ---- Conan recipe ----------------------------------------------------------------
step "Conan recipe"
if command -v python3 >/dev/null; then
    PYTHONPYCACHEPREFIX=$tmp/pycache quiet python3 -m py_compile \
        "$root/conan/conanfile.py" "$root/conan/test_package/conanfile.py"
    ok "conan/conanfile.py and conan/test_package/conanfile.py compile"
else
    echo "skipped: no python3"
fi

printf '\nall package checks passed\n'

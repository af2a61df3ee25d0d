#!/bin/sh
# Builds lindera's ko-dic offline: the compiled mecab-ko-dic 2.1.1 from
# PyPI's python-mecab-ko-dic, turned back into source files, built with
# lindera-ko-dic 6.2.0's metadata. Usage: scripts/morph_eval/prepare.sh [DIR]
# (default /tmp/kodic); the dictionary lands in DIR/lindera-ko-dic.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-/tmp/kodic}
mkdir -p "$dir"
python3 -m pip download --no-deps -d "$dir/wheel" python-mecab-ko-dic==2.1.1.post2
rm -rf "$dir/pmkd" && python3 -m zipfile -e "$dir"/wheel/python_mecab_ko_dic-*.whl "$dir/pmkd"
cd "$here"
nice -n 10 cargo build --release --bins
./target/release/mecab_source "$dir/pmkd/mecab_ko_dic/dictionary" "$dir/src"
./target/release/build_dict "$dir/src" "$dir/lindera-ko-dic"
# For `cargo build --features embed`: the cache layout lindera-ko-dic's
# build script reads instead of downloading.
mkdir -p "$dir/cache/6.2.0-fmt2"
rm -rf "$dir/cache/6.2.0-fmt2/lindera-ko-dic"
cp -r "$dir/lindera-ko-dic" "$dir/cache/6.2.0-fmt2/lindera-ko-dic"
echo "dictionary: $dir/lindera-ko-dic"
echo "embedded build: LINDERA_BUILD_DICTIONARY_CACHE_DIR=$dir/cache cargo build --release --features embed"

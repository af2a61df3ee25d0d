//! Turns a compiled MeCab dictionary (`sys.dic`, `unk.dic`, `char.bin`,
//! `matrix.bin`, as `mecab-dict-index` writes them) back into the source
//! files a dictionary builder reads (`*.csv`, `unk.def`, `char.def`,
//! `matrix.def`), so that lindera can build its ko-dic from the compiled
//! mecab-ko-dic that PyPI's `python-mecab-ko-dic` ships when the source
//! tarball cannot be downloaded.
//!
//! ```sh
//! mecab_source COMPILED_DIR SOURCE_DIR
//! ```
//!
//! Formats (MeCab 0.996's `dictionary.cpp`, `char_property.cpp`,
//! `connector.cpp`, `darts.h`): a dictionary is a 72-byte header (magic,
//! version, type, lexsize, lsize, rsize, dsize, tsize, fsize, dummy: u32;
//! charset: 32 bytes), a Darts double array of (base: i32, check: u32)
//! units whose value for a surface is `first token << 8 | token count`,
//! the tokens (lcAttr, rcAttr, posid: u16, wcost: i16, feature offset,
//! compound: u32) and NUL-terminated feature strings. `matrix.bin` is
//! lsize, rsize (u16) and `cost[l + lsize * r]` (i16). `char.bin` is the
//! category count (u32), 32-byte names and one u32 per UCS-2 code point
//! (type mask: 18 bits, default type: 8, length: 4, group: 1, invoke: 1).

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes(b[i..i + 4].try_into().unwrap())
}

fn i32_at(b: &[u8], i: usize) -> i32 {
    i32::from_le_bytes(b[i..i + 4].try_into().unwrap())
}

fn u16_at(b: &[u8], i: usize) -> u16 {
    u16::from_le_bytes(b[i..i + 2].try_into().unwrap())
}

fn i16_at(b: &[u8], i: usize) -> i16 {
    i16::from_le_bytes(b[i..i + 2].try_into().unwrap())
}

struct Entry {
    surface: Vec<u8>,
    left: u16,
    right: u16,
    cost: i16,
    feature: String,
}

/// Every (surface, token) of a compiled dictionary, in trie order.
fn read_dic(path: &Path) -> Vec<Entry> {
    let b = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let magic = u32_at(&b, 0);
    assert_eq!(
        (magic ^ 0xef71_8f77) as usize,
        b.len(),
        "{}: not a MeCab dictionary",
        path.display()
    );
    let lexsize = u32_at(&b, 12) as usize;
    let (dsize, tsize) = (u32_at(&b, 24) as usize, u32_at(&b, 28) as usize);
    let charset = String::from_utf8_lossy(&b[40..72]);
    let charset = charset.trim_end_matches('\0');
    assert!(
        charset.eq_ignore_ascii_case("utf-8") || charset.eq_ignore_ascii_case("utf8"),
        "charset {charset}"
    );
    let da = &b[72..72 + dsize];
    let tokens = &b[72 + dsize..72 + dsize + tsize];
    let features = &b[72 + dsize + tsize..];
    let units = dsize / 8;
    let base = |p: usize| i32_at(da, p * 8);
    let check = |p: usize| u32_at(da, p * 8 + 4);

    let mut out = Vec::with_capacity(lexsize);
    // Depth-first: (node base, key so far).
    let mut stack: Vec<(i32, Vec<u8>)> = vec![(base(0), Vec::new())];
    while let Some((b0, key)) = stack.pop() {
        let bu = b0 as usize;
        // A key ends here when the unit at `base` points back and is negative.
        if bu < units && check(bu) == b0 as u32 && base(bu) < 0 {
            let value = (-base(bu) - 1) as u32;
            let (first, count) = ((value >> 8) as usize, (value & 0xff) as usize);
            for t in first..first + count {
                let at = t * 16;
                let feature_at = u32_at(tokens, at + 8) as usize;
                let end = features[feature_at..].iter().position(|&c| c == 0).unwrap();
                out.push(Entry {
                    surface: key.clone(),
                    left: u16_at(tokens, at),
                    right: u16_at(tokens, at + 2),
                    cost: i16_at(tokens, at + 6),
                    feature: String::from_utf8(features[feature_at..feature_at + end].to_vec())
                        .expect("UTF-8 feature"),
                });
            }
        }
        for c in (0u16..256).rev() {
            let p = bu + c as usize + 1;
            if p < units && check(p) == b0 as u32 {
                let mut k = key.clone();
                k.push(c as u8);
                stack.push((base(p), k));
            }
        }
    }
    assert_eq!(out.len(), lexsize, "{}: token count", path.display());
    out
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn write_entries(entries: &[Entry], path: &Path) {
    let mut text = String::new();
    for e in entries {
        let surface = String::from_utf8(e.surface.clone()).expect("UTF-8 surface");
        // The feature is the rest of the source line as written (MeCab
        // keeps it unparsed), so it goes back verbatim.
        writeln!(
            text,
            "{},{},{},{},{}",
            csv_field(&surface),
            e.left,
            e.right,
            e.cost,
            e.feature
        )
        .unwrap();
    }
    fs::write(path, text).unwrap();
}

fn write_matrix(src: &Path, dst: &Path) {
    let b = fs::read(src).unwrap();
    let (lsize, rsize) = (u16_at(&b, 0) as usize, u16_at(&b, 2) as usize);
    assert_eq!(b.len(), 4 + 2 * lsize * rsize, "matrix.bin size");
    let mut text = format!("{lsize} {rsize}\n");
    for l in 0..lsize {
        for r in 0..rsize {
            writeln!(text, "{l} {r} {}", i16_at(&b, 4 + 2 * (l + lsize * r))).unwrap();
        }
    }
    fs::write(dst, text).unwrap();
}

fn write_char_def(src: &Path, dst: &Path) {
    let b = fs::read(src).unwrap();
    let n = u32_at(&b, 0) as usize;
    let names: Vec<String> = (0..n)
        .map(|i| {
            let raw = &b[4 + 32 * i..4 + 32 * (i + 1)];
            let end = raw.iter().position(|&c| c == 0).unwrap_or(32);
            String::from_utf8(raw[..end].to_vec()).unwrap()
        })
        .collect();
    let map_at = 4 + 32 * n;
    let info = |c: usize| u32_at(&b, map_at + 4 * c);
    let codes = (b.len() - map_at) / 4;
    // A category's invoke, group and length, from a character whose
    // default it is (they are stored per character).
    let mut props: Vec<Option<(u32, u32, u32)>> = vec![None; n];
    for c in 0..codes {
        let v = info(c);
        let default = ((v >> 18) & 0xff) as usize;
        if props[default].is_none() {
            props[default] = Some((v >> 31, (v >> 30) & 1, (v >> 26) & 0xf));
        }
    }
    let mut text = String::new();
    for (name, p) in names.iter().zip(&props) {
        let (invoke, group, length) = p.unwrap_or_else(|| {
            eprintln!("category {name}: no character has it as default; 0 0 0");
            (0, 0, 0)
        });
        writeln!(text, "{name} {invoke} {group} {length}").unwrap();
    }
    // Runs of code points with the same categories, default first.
    let cats = |v: u32| {
        let default = ((v >> 18) & 0xff) as usize;
        let mut list = vec![names[default].clone()];
        for (i, name) in names.iter().enumerate() {
            if i != default && v & (1 << i) != 0 {
                list.push(name.clone());
            }
        }
        list
    };
    let default_id = names.iter().position(|n| n == "DEFAULT");
    let mut c = 0;
    while c < codes {
        let v = info(c) & 0x03ff_ffff;
        let mut end = c;
        while end + 1 < codes && info(end + 1) & 0x03ff_ffff == v {
            end += 1;
        }
        let list = cats(info(c));
        let only_default = default_id.is_some_and(|d| list.len() == 1 && list[0] == names[d]);
        if !only_default {
            if c == end {
                writeln!(text, "0x{c:04X} {}", list.join(" ")).unwrap();
            } else {
                writeln!(text, "0x{c:04X}..0x{end:04X} {}", list.join(" ")).unwrap();
            }
        }
        c = end + 1;
    }
    fs::write(dst, text).unwrap();
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [compiled, source] = &args[..] else {
        eprintln!("usage: mecab_source COMPILED_DIR SOURCE_DIR");
        std::process::exit(2);
    };
    let (compiled, source) = (Path::new(compiled), Path::new(source));
    fs::create_dir_all(source).unwrap();
    let sys = read_dic(&compiled.join("sys.dic"));
    println!("sys.dic: {} entries", sys.len());
    write_entries(&sys, &source.join("ko-dic.csv"));
    let unk = read_dic(&compiled.join("unk.dic"));
    println!("unk.dic: {} entries", unk.len());
    write_entries(&unk, &source.join("unk.def"));
    write_matrix(&compiled.join("matrix.bin"), &source.join("matrix.def"));
    write_char_def(&compiled.join("char.bin"), &source.join("char.def"));
    for f in [
        "left-id.def",
        "right-id.def",
        "pos-id.def",
        "rewrite.def",
        "dicrc",
    ] {
        let _ = fs::copy(compiled.join(f), source.join(f));
    }
    println!("wrote {}", source.display());
}

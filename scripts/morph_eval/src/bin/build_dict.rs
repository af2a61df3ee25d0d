//! Builds lindera's ko-dic from mecab-ko-dic source files (as
//! `mecab_source` writes them), with the metadata and context-ID
//! frequencies that the `lindera-ko-dic` 6.2.0 crate ships (copied into
//! `ko-dic/`), as that crate's build script would from the source tarball.
//!
//! ```sh
//! build_dict SOURCE_DIR OUTPUT_DIR
//! ```

use std::path::Path;
use std::time::Instant;

use lindera::dictionary::{DictionaryBuilder, Metadata};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [source, output] = &args[..] else {
        eprintln!("usage: build_dict SOURCE_DIR OUTPUT_DIR");
        std::process::exit(2);
    };
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("ko-dic");
    let metadata: Metadata =
        serde_json::from_slice(&std::fs::read(here.join("metadata.json")).unwrap()).unwrap();
    let builder =
        DictionaryBuilder::new(metadata).with_context_id_freq(here.join("context_id_freq.txt"));
    let started = Instant::now();
    builder
        .build_dictionary(Path::new(source), Path::new(output))
        .expect("the dictionary builds");
    println!("built {output} in {:.1} s", started.elapsed().as_secs_f64());
}

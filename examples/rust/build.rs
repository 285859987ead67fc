// Links against the library that `make` built: $PAGEDATTN_BUILD (default: ../../build).
use std::path::PathBuf;

fn main() {
    let dir = std::env::var("PAGEDATTN_BUILD").map(PathBuf::from).unwrap_or_else(|_| {
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("../../build")
    });
    let dir = dir.canonicalize().unwrap_or(dir);
    println!("cargo:rustc-link-search=native={}", dir.display());
    println!("cargo:rustc-link-lib=dylib=pagedattn");
    println!("cargo:rustc-link-arg=-Wl,-rpath,{}", dir.display());
    println!("cargo:rerun-if-env-changed=PAGEDATTN_BUILD");
}
